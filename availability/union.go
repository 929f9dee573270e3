package availability

import "math/bits"

// Unions are the free time of groups of people, a group for each zone:
// the OR of their weekly patterns, one for each of the zone's offsets.
// Anyone shares with one of a group at most what they share with the
// group's union, so UnionHours bounds Pair for a whole group at the cost
// of one pair: a solver scoring a very large program reads the bound
// where shared time cannot change what it decides (scoring.RowBound).
type Unions struct {
	m     *Model
	group []int32 // by index into the people given: its group, −1 when they list no availability
	zone  []int32 // by group: its zone
	weeks [][]Week
}

// Unions groups people (indexes into the program's people) by zone.
// O(people × the zone's offsets × Words).
func (m *Model) Unions(people []int) *Unions {
	u := &Unions{m: m, group: make([]int32, len(people))}
	byZone := make([]int32, len(m.zones))
	for z := range byZone {
		byZone[z] = -1
	}
	for k, i := range people {
		pp := &m.people[i]
		u.group[k] = -1
		if pp.zone < 0 {
			continue
		}
		g := byZone[pp.zone]
		if g < 0 {
			g = int32(len(u.zone))
			byZone[pp.zone] = g
			u.zone = append(u.zone, pp.zone)
			u.weeks = append(u.weeks, make([]Week, len(m.zones[pp.zone].offsets)))
		}
		u.group[k] = g
		for o := range u.weeks[g] {
			w, src := &u.weeks[g][o], &m.weeks[int(pp.at)+o]
			for x := range w {
				w[x] |= src[x]
			}
		}
	}
	return u
}

// Groups is how many groups there are.
func (u *Unions) Groups() int { return len(u.zone) }

// Group is the group of people[k] (as given to Unions), −1 when they list
// no availability.
func (u *Unions) Group(k int) int { return int(u.group[k]) }

// UnionHours sets dst[g] to the free hours person a shares in every week
// with the union of group g: at least Pair's hours of a and anyone of the
// group. When a lists no availability it sets −1, as Pair gives.
func (u *Unions) UnionHours(a int, dst []float64) {
	m := u.m
	pa := &m.people[a]
	if pa.zone < 0 {
		for g := range dst {
			dst[g] = -1
		}
		return
	}
	words := pa.words[:pa.nwords]
	for g, zb := range u.zone {
		least := Cells
		for _, c := range m.combos[int(pa.zone)*len(m.zones)+int(zb)] {
			wa, wb := &m.weeks[int(pa.at)+int(c[0])], &u.weeks[g][c[1]]
			n := 0
			for _, k := range words {
				n += bits.OnesCount64(wa[k] & wb[k])
			}
			least = min(least, n)
		}
		dst[g] = Hours(least)
	}
}
