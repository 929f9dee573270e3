package benchmarks

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mentormatch/mentormatch/matching"
)

// Kind names a family of matrices.
type Kind string

// The families measured. Each is drawn from a fixed seed.
const (
	Uniform   Kind = "uniform"   // costs uniform in [0, 1), minimised
	Few       Kind = "few"       // integers 0–9, minimised: many ties
	LowRank   Kind = "lowrank"   // skill-like scores round(100·a·b), a and b of 3 factors in [0, 1), maximised
	Forbidden Kind = "forbidden" // uniform with 80 % of cells forbidden
	Equal     Kind = "equal"     // every cell 1: fully degenerate
	Rank1     Kind = "rank1"     // integers a·b with a, b in 1–100: rank one, maximised
	Capacity  Kind = "capacity"  // skill-like scores, mentors with capacity (see Case.Capacity)
)

// Case is one benchmark matrix: a kind, a shape and, for Capacity, the
// number of rows each column takes.
type Case struct {
	Kind       Kind
	Rows, Cols int
	Cap        int // rows per column; 0 means 1 and no capacity option
}

// Name is the case's label in tables and benchmark names, such as
// "uniform/2000x2000" or "capacity/2000x400x5".
func (c Case) Name() string {
	if c.Cap > 0 {
		return fmt.Sprintf("%s/%dx%dx%d", c.Kind, c.Rows, c.Cols, c.Cap)
	}
	return fmt.Sprintf("%s/%dx%d", c.Kind, c.Rows, c.Cols)
}

// Options returns the solver options of the case.
func (c Case) Options() matching.Options {
	opt := matching.Options{Maximize: c.Kind == LowRank || c.Kind == Rank1 || c.Kind == Capacity}
	if c.Cap > 0 {
		opt.Capacity = make([]int, c.Cols)
		for j := range opt.Capacity {
			opt.Capacity[j] = c.Cap
		}
	}
	return opt
}

// Data returns the case's matrix, row-major, NaN where forbidden. The same
// case always gives the same values.
func (c Case) Data() []float64 {
	rng := rand.New(rand.NewPCG(uint64(c.Rows)*7919+uint64(c.Cols), uint64(len(c.Kind))))
	data := make([]float64, c.Rows*c.Cols)
	switch c.Kind {
	case Uniform:
		for k := range data {
			data[k] = rng.Float64()
		}
	case Few:
		for k := range data {
			data[k] = float64(rng.IntN(10))
		}
	case LowRank, Capacity:
		a, b := factors(rng, c.Rows), factors(rng, c.Cols)
		for i := 0; i < c.Rows; i++ {
			for j := 0; j < c.Cols; j++ {
				x := a[i][0]*b[j][0] + a[i][1]*b[j][1] + a[i][2]*b[j][2]
				data[i*c.Cols+j] = math.Round(100 * x)
			}
		}
	case Forbidden:
		for k := range data {
			data[k] = rng.Float64()
			if rng.Float64() < 0.8 {
				data[k] = math.NaN()
			}
		}
	case Equal:
		for k := range data {
			data[k] = 1
		}
	case Rank1:
		a, b := make([]float64, c.Rows), make([]float64, c.Cols)
		for i := range a {
			a[i] = float64(1 + rng.IntN(100))
		}
		for j := range b {
			b[j] = float64(1 + rng.IntN(100))
		}
		for i := range a {
			for j := range b {
				data[i*c.Cols+j] = a[i] * b[j]
			}
		}
	default:
		panic("benchmarks: unknown kind " + string(c.Kind))
	}
	return data
}

func factors(rng *rand.Rand, n int) [][3]float64 {
	f := make([][3]float64, n)
	for i := range f {
		f[i] = [3]float64{rng.Float64(), rng.Float64(), rng.Float64()}
	}
	return f
}

// Market is a synthetic mentoring program too large to hold as a matrix:
// skill-like scores round(100·(a·b + 0.3·e)) to maximise, with a and b of
// three factors in [0, 1) and e a hashed noise in [0, 1) for each pair,
// computed on demand, and every mentor taking Cap mentees.
type Market struct {
	Rows, Cols, Cap int
	a, b            [][3]float64
}

// NewMarket draws a market from a fixed seed.
func NewMarket(rows, cols, capacity int) *Market {
	rng := rand.New(rand.NewPCG(uint64(rows), uint64(cols)))
	return &Market{Rows: rows, Cols: cols, Cap: capacity, a: factors(rng, rows), b: factors(rng, cols)}
}

// Name labels the market, such as "market/100000x10000x10".
func (m *Market) Name() string { return fmt.Sprintf("market/%dx%dx%d", m.Rows, m.Cols, m.Cap) }

// Cell is the score of mentee i with mentor j; safe for concurrent use.
func (m *Market) Cell(i, j int) float64 {
	a, b := &m.a[i], &m.b[j]
	h := uint64(i)*0x9E3779B97F4A7C15 ^ uint64(j)*0xC2B2AE3D27D4EB4F
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	e := float64(h%1000) / 1000
	return math.Round(100 * (a[0]*b[0] + a[1]*b[1] + a[2]*b[2] + 0.3*e))
}

// Options are the solver options of the market.
func (m *Market) Options() matching.Options {
	caps := make([]int, m.Cols)
	for j := range caps {
		caps[j] = m.Cap
	}
	return matching.Options{Maximize: true, Capacity: caps}
}
