package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

var (
	overrideRE = regexp.MustCompile(`<Override [^>]*>(</Override>)?`)
	defaultRE  = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)
)

// writeDeterministic writes f's workbook with its zip entries in a fixed
// order. Excelize emits streamed sheets and content-type overrides in map
// order, so the same workbook could otherwise give different bytes. Each
// entry is compressed once, as excelize writes it (sortedZip).
func writeDeterministic(f *excelize.File, w io.Writer) error {
	z := &sortedZip{w: w}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	if _, err := f.WriteToBuffer(); err != nil {
		return err
	}
	if !z.closed {
		return errors.New("workbook: the zip archive was not finished")
	}
	return nil
}

// sortedZip is the zip writer excelize writes the workbook through. It
// deflates each entry as it comes and keeps it; Close writes the entries
// to w in name order, [Content_Types].xml first with its own entries
// sorted, all stamped with one fixed time.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	closed  bool
}

type zipEntry struct {
	name string
	data bytes.Buffer // deflated; raw for [Content_Types].xml
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

const contentTypes = "[Content_Types].xml"

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	if e.fw == nil {
		return e.data.Write(p)
	}
	return e.fw.Write(p)
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name, crc: crc32.NewIEEE()}
	if name != contentTypes {
		var err error
		if e.fw, err = flate.NewWriter(&e.data, flate.DefaultCompression); err != nil {
			return nil, err
		}
	}
	z.entries = append(z.entries, e)
	return e, nil
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook: adding a file system is not supported")
}

func (z *sortedZip) Close() error {
	slices.SortFunc(z.entries, func(a, b *zipEntry) int {
		ac, bc := a.name == contentTypes, b.name == contentTypes
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	zw := zip.NewWriter(z.w)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range z.entries {
		if e.fw == nil {
			hw, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: stamp})
			if err != nil {
				return err
			}
			if _, err := hw.Write(sortRun(sortRun(e.data.Bytes(), defaultRE), overrideRE)); err != nil {
				return err
			}
			continue
		}
		if err := e.fw.Close(); err != nil {
			return err
		}
		hw, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: stamp,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(e.data.Len()), UncompressedSize64: e.size})
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(hw); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	z.closed = true
	return nil
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
