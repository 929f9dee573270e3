package report

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

var (
	overrideRE = regexp.MustCompile(`<Override [^>]*>(</Override>)?`)
	defaultRE  = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)
)

// writeDeterministic writes f's workbook with its zip entries in a fixed
// order. Excelize emits streamed sheets and content-type overrides in map
// order, so the same workbook could otherwise give different bytes.
func writeDeterministic(f *excelize.File, w io.Writer) error {
	var raw bytes.Buffer
	if err := f.Write(&raw); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(raw.Bytes()), int64(raw.Len()))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		// [Content_Types].xml first, as packages conventionally have it.
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return bytes.Compare([]byte(a.Name), []byte(b.Name))
	})
	zw := zip.NewWriter(w)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, zf := range files {
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if zf.Name == "[Content_Types].xml" {
			data = sortRun(sortRun(data, defaultRE), overrideRE)
		}
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := hw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sortRun orders the elements re matches in [Content_Types].xml (the
// <Default> or the <Override> entries), which excelize emits contiguously.
func sortRun(data []byte, re *regexp.Regexp) []byte {
	locs := re.FindAllIndex(data, -1)
	if len(locs) < 2 {
		return data
	}
	start, end := locs[0][0], locs[len(locs)-1][1]
	parts := make([][]byte, len(locs))
	for i, l := range locs {
		parts[i] = data[l[0]:l[1]]
	}
	if !bytes.Equal(bytes.Join(parts, nil), data[start:end]) {
		return data // not contiguous: leave as is
	}
	slices.SortFunc(parts, bytes.Compare)
	out := append([]byte{}, data[:start]...)
	out = append(out, bytes.Join(parts, nil)...)
	return append(out, data[end:]...)
}
