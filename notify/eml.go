package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Message says who an introduction is from and when it is dated. Both
// are fixed by the caller so that the same plan gives the same bytes.
type Message struct {
	From mail.Address
	Date time.Time
}

// EML writes in's introduction as an RFC 5322 message: UTF-8 text, with
// the person's calendar attached as text/calendar (RFC 6047's PUBLISH)
// when they have one. Headers are RFC 2047-encoded where they are not
// ASCII; the body is quoted-printable, so no line passes 76 characters.
// The boundary and Message-ID are hashes of the content: deterministic,
// and unique to the message.
func EML(t Template, in *Intro, m Message) []byte {
	subject, body := t.Render(in)
	sum := sha256.New()
	for _, part := range []string{in.ID, in.Email, subject, body, string(in.Calendar)} {
		sum.Write([]byte(part))
		sum.Write([]byte{0})
	}
	id := hex.EncodeToString(sum.Sum(nil))
	boundary := "mentormatch-" + id[:32]

	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", m.From.String())
	to := mail.Address{Name: in.Name, Address: in.Email}
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", m.Date.Format(time.RFC1123Z))
	header("Message-ID", "<"+id[:40]+"@mentormatch.invalid>")
	header("MIME-Version", "1.0")
	header("X-Mentormatch-Role", in.Role)
	if len(in.Calendar) == 0 {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQP(&b, body)
		return b.Bytes()
	}
	header("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\nThis is a message in MIME format.\r\n")
	fmt.Fprintf(&b, "\r\n--%s\r\n", boundary)
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	writeQP(&b, body)
	fmt.Fprintf(&b, "\r\n--%s\r\n", boundary)
	name := mime.QEncoding.Encode("utf-8", in.CalendarName)
	header("Content-Type", `text/calendar; charset=utf-8; method=PUBLISH; name="`+name+`"`)
	header("Content-Disposition", `attachment; filename="`+name+`"`)
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString(in.Calendar)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return b.Bytes()
}

// writeQP writes text quoted-printable with CRLF line ends.
func writeQP(b *bytes.Buffer, text string) {
	w := quotedprintable.NewWriter(b)
	// The writer turns "\n" into CRLF itself (text mode).
	w.Write([]byte(strings.ReplaceAll(text, "\r\n", "\n")))
	w.Close()
}
