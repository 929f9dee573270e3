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
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch/internal/parallel"
)

var (
	overrideRE = regexp.MustCompile(`<Override [^>]*>(</Override>)?`)
	defaultRE  = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)
)

// writeDeterministic writes f's workbook with its zip entries in a fixed
// order. Excelize emits streamed sheets and content-type overrides in map
// order, so the same workbook could otherwise give different bytes. Each
// entry is compressed as excelize writes it, on every core (sortedZip).
func writeDeterministic(f *excelize.File, w io.Writer) error {
	return writeWithRows(f, w, nil)
}

// writeWithRows is writeDeterministic with the rows of some streamed
// sheets, by their path in the workbook, put in as they are deflated
// (see rowWriter).
func writeWithRows(f *excelize.File, w io.Writer, rows map[string]*rowWriter) error {
	z := &sortedZip{w: w, rows: rows}
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
// deflates each entry as it comes, a block at a time on every core, and
// keeps it; Close writes the entries to w in name order,
// [Content_Types].xml first with its own entries sorted, all stamped with
// one fixed time.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	closed  bool
	sem     chan struct{} // the deflating goroutines of every entry
	rows    map[string]*rowWriter
}

type zipEntry struct {
	name string
	raw  bytes.Buffer // [Content_Types].xml, kept as written
	crc  hash.Hash32
	size uint64
	// A deflated entry is cut into blocks of deflateBlock bytes, each
	// compressed on a goroutine of its own (at most sem at once) with the
	// 32 KiB before it as its dictionary, and flushed to a byte boundary:
	// the blocks' outputs one after another are one deflate stream, the
	// size of the whole compressed at once within a few bytes a block,
	// which the workbook's two big sheets deflate on every core.
	sem     chan struct{}
	pending []byte
	prev    []byte // the block before pending, for its dictionary
	blocks  []*deflated
	wg      sync.WaitGroup
	deflate bool
	// rows, when set, are the rows of a sheet whose stream has its
	// header row only: the stream is kept whole in raw, and the entry is
	// written at the end with the rows in it (spliceRows).
	rows *rowWriter
}

// deflated is one block of an entry, compressed.
type deflated struct {
	out bytes.Buffer
	err error
}

// deflateBlock is how many bytes of an entry one goroutine deflates.
const deflateBlock = 4 << 20

// deflateLevel is how hard the entries are compressed: level 5 looks at
// a quarter of the earlier matches the default (6) does, which on a
// workbook's XML costs 0.2 % in size (13.04 MB against 13.01 MB for the
// 133 MB of the 10,000 × 2,000 plan) and saves a quarter to a third of the
// deflating; level 4 would save more but compresses 9 % worse.
const deflateLevel = 5

const contentTypes = "[Content_Types].xml"

func (e *zipEntry) Write(p []byte) (int, error) {
	if e.rows != nil {
		return e.raw.Write(p)
	}
	e.crc.Write(p)
	e.size += uint64(len(p))
	if !e.deflate {
		return e.raw.Write(p)
	}
	n := len(p)
	for len(p) > 0 {
		if e.pending == nil {
			// Most entries are a few kilobytes: the first block grows as
			// it fills, where a whole block for each would zero 4 MiB
			// thirty times a workbook; later blocks are whole ones.
			size := deflateBlock
			if e.prev == nil {
				size = min(deflateBlock, max(len(p), 64<<10))
			}
			e.pending = make([]byte, 0, size)
		}
		k := min(len(p), deflateBlock-len(e.pending))
		e.pending = append(e.pending, p[:k]...)
		p = p[k:]
		if len(e.pending) == deflateBlock {
			e.start(false)
		}
	}
	return n, nil
}

// start deflates the pending block on a goroutine of its own; last
// ends the stream with it.
func (e *zipEntry) start(last bool) {
	data, dict := e.pending, e.prev
	if len(dict) > 32<<10 {
		dict = dict[len(dict)-32<<10:]
	}
	e.prev, e.pending = data, nil
	b := &deflated{}
	e.blocks = append(e.blocks, b)
	e.sem <- struct{}{}
	e.wg.Add(1)
	go func() {
		defer func() { <-e.sem; e.wg.Done() }()
		fw, err := flate.NewWriterDict(&b.out, deflateLevel, dict)
		if err == nil {
			_, err = fw.Write(data)
		}
		if err == nil && last {
			err = fw.Close()
		} else if err == nil {
			err = fw.Flush()
		}
		b.err = err
	}()
}

// rowsChunk is about how many bytes of rows spliceRows writes at a time.
const rowsChunk = 256 << 10

// spliceRows writes the entry's stream with its rows put in before the
// end of its sheet data.
func (e *zipEntry) spliceRows() error {
	stream, w := e.raw.Bytes(), e.rows
	end := bytes.LastIndex(stream, []byte("</sheetData>"))
	if end < 0 {
		return errRowsCut
	}
	e.rows = nil
	_, _ = e.Write(stream[:end])
	for b := w.chunk(rowsChunk); b != nil; b = w.chunk(rowsChunk) {
		_, _ = e.Write(b)
	}
	_, _ = e.Write(stream[end:])
	e.raw = bytes.Buffer{}
	return nil
}

// finish deflates what is left and waits for every block.
func (e *zipEntry) finish() error {
	e.start(true)
	e.wg.Wait()
	for _, b := range e.blocks {
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.sem == nil {
		z.sem = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	e := &zipEntry{name: name, crc: crc32.NewIEEE(), sem: z.sem, deflate: name != contentTypes, rows: z.rows[name]}
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
	// The sheets' rows are written side by side, each sheet's blocks
	// deflated as they fill.
	var splicing []func() (struct{}, error)
	for _, e := range z.entries {
		if e.rows != nil {
			splicing = append(splicing, parallel.Go(func() (struct{}, error) { return struct{}{}, e.spliceRows() }))
		}
	}
	var err error
	for _, wait := range splicing {
		if _, werr := wait(); err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	if len(splicing) != len(z.rows) {
		return errRowsCut
	}
	zw := zip.NewWriter(z.w)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range z.entries {
		if !e.deflate {
			hw, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: stamp})
			if err != nil {
				return err
			}
			if _, err := hw.Write(sortRun(sortRun(e.raw.Bytes(), defaultRE), overrideRE)); err != nil {
				return err
			}
			continue
		}
		if err := e.finish(); err != nil {
			return err
		}
		compressed := 0
		for _, b := range e.blocks {
			compressed += b.out.Len()
		}
		hw, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: stamp,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(compressed), UncompressedSize64: e.size})
		if err != nil {
			return err
		}
		for _, b := range e.blocks {
			if _, err := b.out.WriteTo(hw); err != nil {
				return err
			}
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
