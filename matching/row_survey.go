package matching

import (
	"math"
	"slices"
)

// A survey of the dense rows. It finds two things that make bids and
// searches cheaper without changing what they compute:
//
//   - Identical rows. Two sources with the same row of costs relax every
//     target to the same values less their offsets h, so once one has been
//     relaxed with offset h, another of that row relaxed with an offset no
//     greater lowers no label (x = c − v − h only grows as h falls, in
//     floating point too). Dijkstra reaches the sources of a plateau of
//     equal costs (rank-one scores, where equal factors give equal rows)
//     one after another, so most of those scans are skipped. Sources that
//     share a row through base (a column's places) are identical already.
//     Looked for once augmenting row reduction has left enough sources to
//     search from.
//   - Mostly forbidden rows. When most cells are NaN (or +Inf minimising),
//     a row's allowed cells are kept as a list of (target, cost), and bids
//     and relaxations read only those instead of the whole row. Decided
//     from a sample before any row is read.
type survey struct {
	class []int32 // row of costs → its class of identical rows; nil when all differ
	stamp []int32 // per class, the search that last relaxed it
	lastH []float64
	rep   []int32 // scratch: a row of each class of the current hash

	// Allowed cells of each row of costs when they are few (sparseShare):
	// [start[b], start[b+1]) in at and sc; nil otherwise.
	start []int
	at    []int32
	sc    []float64 // sign·cost
}

// sparseShare is the share of allowed cells below which bids and searches
// read lists of allowed cells: a listed cell costs a gather of its
// target's label and potential, about twice a cell of a whole row.
const sparseShare = 0.4

// samples is how many cells of each row the survey reads to tell rows
// apart and to estimate the share of allowed cells: runs of sampleRun
// adjacent cells, evenly spaced. A run is one or two cache lines, where 64
// cells spread over a row cost a line each (a fifth of an all-equal
// 4000² solve).
const (
	samples   = 64
	sampleRun = 8
)

// wantClasses reports whether searching from free sources will cost enough
// that looking for identical rows is worth it: a search reads at least one
// whole row, and most read many.
func (p *dense) wantClasses(free int) bool {
	return p.alwaysSurvey || (free >= 16 && 16*free >= p.ns)
}

// rowsOfCosts is how many rows of costs the sources read.
func (p *dense) rowsOfCosts() int { return p.nrows }

// sampled reads, in each row of costs, the cells at samples columns in
// evenly spaced runs (every column when there are fewer); with hashes it
// hashes each row's.
func (p *dense) sampled(hashes bool) sample {
	return sampleRows(p.costs(), p.nrows, p.nd, p.sign, 1, hashes)
}

// sample is what sampleRows saw.
type sample struct {
	hash          []uint64 // of each row's sampled cells
	allowed, seen int      // sampled cells allowed, and all
	least         float64  // the least sign·cost sampled
	atLeast       int      // sampled cells at least
}

// sampleRows is sampled over every step-th row of the row-major
// nrows×nd matrix data (hashes only with step 1).
func sampleRows(data []float64, nrows, nd int, s float64, step int, hashes bool) sample {
	sm := sample{least: inf}
	if hashes {
		sm.hash = make([]uint64, nrows)
	}
	runs := samples / sampleRun
	gap := nd / runs
	if nd <= samples {
		runs, gap = 1, 0
	}
	for b := 0; b < nrows; b += step {
		row := data[b*nd : (b+1)*nd]
		h := uint64(0x9E3779B97F4A7C15)
		for q := range runs {
			run := row[q*gap:]
			if gap > 0 {
				run = run[:sampleRun]
			}
			for _, c := range run {
				x := s * c
				if x < inf { // NaN and +Inf (after sign) compare false
					sm.allowed++
				}
				if x <= sm.least {
					if x < sm.least {
						sm.least, sm.atLeast = x, 0
					}
					sm.atLeast++
				}
			}
			sm.seen += len(run)
			if hashes {
				for _, c := range run {
					h = (h ^ math.Float64bits(c)) * 0xBF58476D1CE4E5B9
					h ^= h >> 31
				}
			}
		}
		if hashes {
			sm.hash[b] = h
		}
	}
	return sm
}

// listIfSparse lists the rows' allowed cells when the sample says they are
// fewer than sparseShare. It runs before any row is read. A tall problem
// whose transposed copy is not made yet is sampled in its own rows, and
// when it is not sparse its columns' first
// bids come from lists (see colLists) while the copy waits. When rows are
// read whole and the sample's least cost is common, it finds the floor.
func (p *dense) listIfSparse() {
	if p.rowsOfCosts() == 0 {
		return
	}
	if in := p.src; in != nil && p.data == nil && !p.alwaysSurvey && !p.tallOff {
		sm := sampleRows(in.data, in.rows, in.cols, in.sign, max(in.rows/shareRows, 1), false)
		if float64(sm.allowed) >= sparseShare*float64(sm.seen) {
			if p.tall = newColLists(in.data, in.rows, in.cols, in.sign); p.tall != nil {
				return
			}
		}
	}
	sm := sampleRows(p.costs(), p.nrows, p.nd, p.sign, max(p.nrows/shareRows, 1), false)
	if float64(sm.allowed) >= sparseShare*float64(sm.seen) && !p.alwaysSurvey {
		if sm.atLeast*floorShare >= sm.seen && !p.floorOff {
			p.findFloor()
		}
		return
	}
	p.sv = &survey{}
	p.sv.list(p.costs(), p.nd, p.sign, float64(sm.allowed)/float64(sm.seen))
}

// shareRows is about how many rows, evenly spaced, listIfSparse samples:
// enough to tell the share of allowed cells and whether the least is
// common, where sampling every row cost a cache miss for each run of
// cells (a tenth of a 1000 × 1000 solve of values 0–9).
const shareRows = 128

// floorShare: the floor is looked for when at least one sampled cell in
// floorShare is at the sample's least.
const floorShare = 64

// findFloor sets floor, the least cost of the matrix (see dense.floor),
// in one pass over it.
func (p *dense) findFloor() {
	data, s := p.costs(), p.sign
	lo := [4]float64{inf, inf, inf, inf}
	k := 0
	for ; k+4 <= len(data); k += 4 {
		d := data[k : k+4 : k+4]
		if x := s * d[0]; x < lo[0] {
			lo[0] = x
		}
		if x := s * d[1]; x < lo[1] {
			lo[1] = x
		}
		if x := s * d[2]; x < lo[2] {
			lo[2] = x
		}
		if x := s * d[3]; x < lo[3] {
			lo[3] = x
		}
	}
	for ; k < len(data); k++ {
		if x := s * data[k]; x < lo[0] {
			lo[0] = x
		}
	}
	p.floor = min(lo[0], lo[1], lo[2], lo[3])
}

// findClasses groups identical rows, once, when free sources are many
// enough (wantClasses).
func (p *dense) findClasses(free int) {
	if p.classed || !p.wantClasses(free) || p.rowsOfCosts() == 0 {
		return
	}
	p.classed = true
	hash := p.sampled(true).hash
	sv := p.sv
	if sv == nil {
		sv = &survey{}
	}
	sv.classes(p.costs(), p.nd, hash)
	if sv.class != nil || sv.start != nil {
		p.sv = sv
	}
}

// classes sets class when at least two rows are identical, bit for bit.
// Rows are grouped by the hash of their sampled cells and compared whole
// only within a group.
func (sv *survey) classes(data []float64, nd int, hash []uint64) {
	order := make([]int32, len(hash))
	for b := range order {
		order[b] = int32(b)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if hash[a] != hash[b] {
			if hash[a] < hash[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	class := make([]int32, len(hash))
	n, dup := int32(0), false
	for k := 0; k < len(order); {
		e := k + 1
		for e < len(order) && hash[order[e]] == hash[order[k]] {
			e++
		}
		// Rows of one hash, in order; each joins the first class of the
		// hash it equals (rows that differ off the sample make classes of
		// their own).
		first := n
		sv.rep = sv.rep[:0]
		for a := k; a < e; a++ {
			ra := order[a]
			class[ra] = -1
			for c := first; c < n; c++ {
				rb := sv.rep[c-first]
				if sameBits(data[int(ra)*nd:int(ra+1)*nd], data[int(rb)*nd:int(rb+1)*nd]) {
					class[ra], dup = c, true
					break
				}
			}
			if class[ra] < 0 {
				class[ra] = n
				sv.rep = append(sv.rep, ra)
				n++
			}
		}
		k = e
	}
	if !dup {
		return
	}
	sv.class = class
	sv.stamp = make([]int32, n)
	sv.lastH = make([]float64, n)
}

// sameBits reports whether two rows hold the same values, bit for bit.
func sameBits(a, b []float64) bool {
	for j := range a {
		if math.Float64bits(a[j]) != math.Float64bits(b[j]) {
			return false
		}
	}
	return true
}

// list keeps each row's allowed cells, sign applied; share, the sample's
// share of allowed cells, sizes the lists. Every cell is written and the
// end moves on past an allowed one, without a branch on it: forbidden
// cells come at random, and a branch mispredicted on most rows' cells.
func (sv *survey) list(data []float64, nd int, s float64, share float64) {
	nrows := len(data) / nd
	sv.start = make([]int, nrows+1)
	size := int(share*1.1*float64(len(data))) + nd
	at, sc := make([]int32, size), make([]float64, size)
	n := 0
	for b := range nrows {
		if len(at)-n < nd {
			at = append(at[:n], make([]int32, len(at)/2+nd)...)
			sc = append(sc[:n], make([]float64, len(sc)/2+nd)...)
			at, sc = at[:cap(at)], sc[:cap(sc)]
		}
		n += allowedCells(data[b*nd:(b+1)*nd], s, at[n:n+nd], sc[n:n+nd])
		sv.start[b+1] = n
	}
	sv.at, sv.sc = at[:n:n], sc[:n:n]
}

// allowedCells writes the targets and costs (sign applied) of row's
// allowed cells to the front of at and sc, and returns how many there are.
func allowedCells(row []float64, s float64, at []int32, sc []float64) int {
	at, sc = at[:len(row)], sc[:len(row)]
	k := 0
	for j, c := range row {
		x := s * c
		at[k], sc[k] = int32(j), x
		if x <= math.MaxFloat64 { // not NaN nor +Inf
			k++
		}
	}
	return k
}

// skip reports whether source r, reached with offset h in search number
// epoch, would lower no label because a source with the same row was
// relaxed in this search with an offset at least h; if not, it records r's.
func (sv *survey) skip(b int, h float64, epoch int32) bool {
	k := sv.class[b]
	if sv.stamp[k] == epoch && h <= sv.lastH[k] {
		return true
	}
	if sv.stamp[k] != epoch || h > sv.lastH[k] {
		sv.stamp[k], sv.lastH[k] = epoch, h
	}
	return false
}
