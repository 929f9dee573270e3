package cohort

import "fmt"

// miss is a cohort that does not meet a senior in a cycle.
type miss struct{ cohort, senior int }

// SeniorRotation schedules seniors' visits to cohorts for one cycle of
// T = max(cohorts, seniors) slots, Latin-square style: in slot t senior s
// visits cohort (s+t) mod T when that is below cohorts, and is free
// otherwise. So no senior is in two cohorts in one slot, no cohort has two
// seniors in one slot, and every cohort meets every senior exactly once.
//
// A senior then keeps only their first maxPerSenior visits of the cycle
// (maxPerSenior ≤ 0: no limit); the dropped visits are returned as misses,
// in words, with cohorts named C1.. and seniors by their index from 1.
// slots[t][c] is the senior visiting cohort c in slot t, or -1. O(T·cohorts).
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
			c := (s + t) % T
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
	sortMisses(misses)
	return slots, misses
}

func sortMisses(ms []miss) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].cohort < ms[j-1].cohort || ms[j].cohort == ms[j-1].cohort && ms[j].senior < ms[j-1].senior); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}
