package cohort

// RoundRobin returns the peer rounds of a cohort of n members, numbered
// 0..n-1, by the circle method: member n-1 (or a phantom member when n is
// odd) stays fixed while the others rotate one place per round.
//
// For even n there are n-1 rounds of n/2 pairs and every two members meet
// exactly once. For odd n there are n rounds; the member who would sit out
// (paired with the phantom) joins a pair instead, making one group of three,
// so every two members meet at least once and, because a group of three
// holds three pairs, 2n meetings per cycle are repeats. The group the odd
// member joins is chosen by a small search so that no two members meet more
// than twice in a cycle (three times for n = 5, where twice is impossible).
//
// Within each group, members are in increasing order; groups are ordered by
// their first member. n < 2 gives no rounds. Time and space are O(n²).
func RoundRobin(n int) [][][]int {
	if n < 2 {
		return nil
	}
	if n == 3 {
		return [][][]int{{{0, 1, 2}}}
	}
	m := n
	if m%2 == 1 {
		m++ // position m-1 is the phantom
	}
	// ring holds the members at positions 0..m-2; position m-1 is fixed.
	ring := make([]int, m-1)
	for i := range ring {
		ring[i] = i
	}
	rounds := make([][][]int, 0, m-1)
	byes := make([]int, 0, m-1)
	for r := 0; r < m-1; r++ {
		groups := make([][]int, 0, m/2)
		bye := -1
		if ring[0] < n && m-1 < n {
			groups = append(groups, ordered(ring[0], m-1))
		} else {
			bye = ring[0]
		}
		for k := 1; k < m/2; k++ {
			groups = append(groups, ordered(ring[k], ring[m-1-k]))
		}
		rounds = append(rounds, groups)
		byes = append(byes, bye)
		last := ring[len(ring)-1]
		copy(ring[1:], ring[:len(ring)-1])
		ring[0] = last
	}
	if n%2 == 1 {
		placeByes(n, rounds, byes)
	}
	for _, groups := range rounds {
		sortGroups(groups)
	}
	return rounds
}

func ordered(a, b int) []int {
	if a > b {
		a, b = b, a
	}
	return []int{a, b}
}

// placeByes makes each round's sitting-out member join one of the round's
// pairs. The circle already has every pair meet once; joining pair {x, y}
// adds meetings b–x and b–y. A depth-first search picks, round by round, a
// pair whose added meetings are all new, so no two members meet more than
// twice. The search is bounded; when it fails (n = 5, or the bound) each
// round takes the pair with the fewest added repeats.
func placeByes(n int, rounds [][][]int, byes []int) {
	extra := make([][]bool, n)
	for i := range extra {
		extra[i] = make([]bool, n)
	}
	choice := make([]int, len(rounds))
	budget := 200000
	var dfs func(r int) bool
	dfs = func(r int) bool {
		if r == len(rounds) {
			return true
		}
		b := byes[r]
		for gi, g := range rounds[r] {
			if budget <= 0 {
				return false
			}
			budget--
			if extra[b][g[0]] || extra[b][g[1]] {
				continue
			}
			setExtra(extra, b, g, true)
			choice[r] = gi
			if dfs(r + 1) {
				return true
			}
			setExtra(extra, b, g, false)
		}
		return false
	}
	if !dfs(0) {
		for i := range extra {
			clear(extra[i])
		}
		for r, groups := range rounds {
			best, bestCost := 0, 3
			for gi, g := range groups {
				c := 0
				for _, x := range g {
					if extra[byes[r]][x] {
						c++
					}
				}
				if c < bestCost {
					best, bestCost = gi, c
				}
			}
			choice[r] = best
			setExtra(extra, byes[r], groups[best], true)
		}
	}
	for r, groups := range rounds {
		g := append(groups[choice[r]], byes[r])
		sortInts(g)
		groups[choice[r]] = g
	}
}

func setExtra(extra [][]bool, b int, g []int, v bool) {
	for _, x := range g {
		extra[b][x], extra[x][b] = v, v
	}
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func sortGroups(gs [][]int) {
	for i := 1; i < len(gs); i++ {
		for j := i; j > 0 && gs[j][0] < gs[j-1][0]; j-- {
			gs[j], gs[j-1] = gs[j-1], gs[j]
		}
	}
}
