package cohort

import (
	"fmt"
	"sort"
)

// miss is a cohort that does not meet a senior in a cycle.
type miss struct{ cohort, senior int }

// SeniorRotation schedules seniors' visits to cohorts for one cycle of
// T = max(cohorts, seniors) slots, Latin-square style: in slot t senior s
// visits cohort (o(s)+t) mod T when that is below cohorts, and is free
// otherwise, where o(s) = ⌊s·T/seniors⌋ spreads the seniors' starting
// cohorts evenly (o(s) = s when seniors ≥ cohorts). So no senior is in two
// cohorts in one slot, no cohort has two seniors in one slot, and every
// cohort meets every senior exactly once.
//
// A senior then keeps only their first maxPerSenior visits of the cycle
// (maxPerSenior ≤ 0: no limit); because the starting cohorts are spread,
// the visits that remain cover as many different cohorts as they can when
// seniors·maxPerSenior ≤ cohorts. Slots left empty at the end of the cycle
// are dropped, so a cycle is never longer than it needs to be. The dropped
// visits are returned as misses, in words, with cohorts named C1.. and
// seniors by their index from 1. slots[t][c] is the senior visiting cohort
// c in slot t, or -1. Time and space O(T·(cohorts+seniors)).
func SeniorRotation(cohorts, seniors int, maxPerSenior int) (slots [][]int, misses []string) {
	slots, ms := rotation(cohorts, seniors, maxPerSenior)
	for _, m := range ms {
		misses = append(misses, fmt.Sprintf("cohort C%d does not meet senior %d: senior limit %d sessions per cycle", m.cohort+1, m.senior+1, maxPerSenior))
	}
	return slots, misses
}

// rotation is SeniorRotation with misses as (cohort, senior) pairs, sorted
// by cohort then senior.
func rotation(cohorts, seniors, maxPerSenior int) ([][]int, []miss) {
	if cohorts <= 0 || seniors <= 0 {
		return nil, nil
	}
	T := max(cohorts, seniors)
	slots := make([][]int, T)
	visits := make([]int, seniors)
	var misses []miss
	for t := range slots {
		slots[t] = make([]int, cohorts)
		for c := range slots[t] {
			slots[t][c] = -1
		}
		for s := range seniors {
			c := (s*T/seniors + t) % T
			if c >= cohorts {
				continue
			}
			if maxPerSenior > 0 && visits[s] >= maxPerSenior {
				misses = append(misses, miss{c, s})
				continue
			}
			visits[s]++
			slots[t][c] = s
		}
	}
	for len(slots) > 0 && allFree(slots[len(slots)-1]) {
		slots = slots[:len(slots)-1]
	}
	sortMisses(misses)
	return slots, misses
}

func sortMisses(ms []miss) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].cohort != ms[j].cohort {
			return ms[i].cohort < ms[j].cohort
		}
		return ms[i].senior < ms[j].senior
	})
}

func allFree(row []int) bool {
	for _, s := range row {
		if s >= 0 {
			return false
		}
	}
	return true
}
