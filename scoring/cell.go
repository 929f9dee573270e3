package scoring

// Cell is the score of mentee i with mentor j exactly as Matrix holds it:
// NaN when a hard rule forbids the pair. It lets a solver that never
// materialises the whole matrix (100,000 × 10,000 cells is 8 GB) ask for
// the cells it needs. Safe for concurrent use.
func (s *Scorer) Cell(i, j int) float64 { return s.score(i, j) }

// Size is the number of mentees and mentors, the shape of Matrix.
func (s *Scorer) Size() (mentees, mentors int) { return len(s.mentees), len(s.mentors) }
