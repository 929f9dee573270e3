package matching

// A row's list (sparseRun.list) is its m cells of least reduced cost, ties
// to the lower column, and the least reduced cost of all the others. It is
// found in O(cols) expected time: a threshold drawn from a sample of the
// row lets through about twice m in one pass, which also keeps the least
// key above it, and settle orders those just enough. The sample rarely
// misses; then a second pass takes every key. A sorted list or a heap of
// the m best paid for every cell that got in on the way, about
// m·ln(cols/m) of them; here a cell costs one comparison.

// sampleSize is how many keys threshold draws on.
const sampleSize = 128

// sampleStep is the distance between sampled keys when a threshold is
// worth drawing for the m least of n, or 0 when it is not (few keys, or a
// list that is most of them).
func sampleStep(n, m int) int {
	if n <= 4*m || n < 2*sampleSize {
		return 0
	}
	return n / sampleSize
}

// threshold is a key that about 2m of n keys fall under, judged from
// sample, evenly spaced among them (it is reordered in place); +Inf when
// that is all of them. Only the q least samples are kept in order, by
// insertion: q is a handful where a threshold is worth drawing (see
// sampleStep), and a sort of the whole sample cost as much as the pass
// over a row of 2000 cells that the threshold then serves.
func threshold(sample []float64, n, m int) float64 {
	q := (2*m*len(sample))/n + 2
	if q >= len(sample) {
		return inf
	}
	// sample[:k] holds the k least so far, in order.
	k := 0
	for _, x := range sample {
		if k > q && !(x < sample[q]) {
			continue
		}
		e := min(k, q)
		for e > 0 && x < sample[e-1] {
			if e <= q {
				sample[e] = sample[e-1]
			}
			e--
		}
		sample[e] = x
		k = min(k+1, q+1)
	}
	return sample[q]
}

// settle returns the m least of buf (by key, then index) and the least key
// of all the others: those in buf after them, and above, the least key of
// the entries not in buf (every key in buf is below every such key).
func settle(buf []keyed, m int, above float64) ([]keyed, float64) {
	if len(buf) <= m {
		return buf, above
	}
	nth(buf, m)
	bound := buf[m].key
	for _, e := range buf[m+1:] {
		bound = min(bound, e.key)
	}
	return buf[:m], bound
}

// keyed is a cell of a row's list: its reduced cost and column.
type keyed struct {
	key float64
	j   int32
}

// before orders entries by key, then index.
func (a keyed) before(b keyed) bool { return a.key < b.key || a.key == b.key && a.j < b.j }

// nth reorders xs so that xs[:k] are the k first by before and xs[k] the
// next (quickselect, median of three). O(len(xs)) expected.
func nth(xs []keyed, k int) {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid].before(xs[lo]) {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi].before(xs[lo]) {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi].before(xs[mid]) {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i].before(pivot) {
				i++
			}
			for pivot.before(xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}
