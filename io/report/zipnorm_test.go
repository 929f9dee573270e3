package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sheetLike is n bytes of XML-ish rows, compressible as sheets are.
func sheetLike(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>E%06d</t></is></c><c r="B%d"><v>%d.%02d</v></c></row>`, i, i, (i*7919)%1000003, i, i%97, i%100)
	}
	return b.Bytes()[:n]
}

// deflateWhole is data deflated in one stream, as one block of an entry.
func deflateWhole(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, deflateLevel)
	require.NoError(t, err)
	_, err = w.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

// An entry deflated in blocks on every core reads back whole, in any
// size of write; one under a block is the same bytes as deflating it at
// once, and a larger one within a few bytes a block of that size.
func TestSortedZipBlocks(t *testing.T) {
	entries := map[string][]byte{
		"empty.xml": {},
		"small.xml": sheetLike(1000),
		"block.xml": sheetLike(deflateBlock),
		"big.xml":   sheetLike(3*deflateBlock + 12345),
	}
	names := []string{"big.xml", "block.xml", "empty.xml", "small.xml"}
	for _, step := range []int{1 << 10, 32<<10 + 7, deflateBlock + 1} {
		t.Run(fmt.Sprint(step), func(t *testing.T) {
			var out bytes.Buffer
			z := &sortedZip{w: &out}
			for _, name := range names {
				w, err := z.Create(name)
				require.NoError(t, err)
				data := entries[name]
				for lo := 0; lo < len(data); lo += step {
					_, err := w.Write(data[lo:min(lo+step, len(data))])
					require.NoError(t, err)
				}
			}
			require.NoError(t, z.Close())
			r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
			require.NoError(t, err)
			require.Len(t, r.File, len(names))
			for _, f := range r.File {
				rc, err := f.Open()
				require.NoError(t, err)
				got, err := io.ReadAll(rc)
				require.NoError(t, err)
				require.NoError(t, rc.Close())
				assert.Equal(t, entries[f.Name], got, f.Name)
				whole := deflateWhole(t, entries[f.Name])
				if len(entries[f.Name]) < deflateBlock {
					raw, err := f.OpenRaw()
					require.NoError(t, err)
					compressed, err := io.ReadAll(raw)
					require.NoError(t, err)
					assert.Equal(t, whole, compressed, f.Name)
				} else {
					blocks := (len(entries[f.Name]) + deflateBlock - 1) / deflateBlock
					assert.InDelta(t, len(whole), int(f.CompressedSize64), float64(64*blocks), f.Name)
				}
			}
		})
	}
}
