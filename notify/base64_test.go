package notify_test

import (
	"bytes"
	"encoding/base64"
)

func decodeBase64(dst, src []byte) (int, error) {
	return base64.StdEncoding.Decode(dst, bytes.ReplaceAll(src, []byte("\r\n"), nil))
}
