package table

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// The shortlist file's columns that ReadChoices reads.
const (
	chMentee = iota
	chMentor
	chChoice
)

var choiceSpecs = specs(
	colSpec{name: "mentee_id", aliases: []string{"mentee id", "mentee"}, need: true},
	colSpec{name: "mentor_id", aliases: []string{"mentor id", "mentor"}, need: true},
	colSpec{name: "choice", aliases: []string{"my choice", "preference", "rank choice"}, need: true},
)

// ReadChoices reads a shortlist file that mentees answered (mentormatch
// shortlist writes it, CSV or XLSX): a row a mentee and a mentor on their
// list, and a choice column holding 1 for the first choice, 2, 3 or
// nothing. Each mentee's choices come out ranked, first choice first;
// rows with no choice still say the mentor was on the list. The error is
// mentormatch.Problems listing every problem with its row (a choice that
// is not a whole number from 1 to 99, the same choice twice for one
// mentee), or an I/O error. Linear in the size of the file.
func ReadChoices(f File) ([]mentormatch.Choice, error) {
	t, ps, err := readSheet(f, "", choiceSpecs)
	if err != nil {
		return nil, err
	}
	var out []mentormatch.Choice
	if t != nil {
		hi, m, hps := headerOf(t, choiceSpecs, "shortlist")
		ps = append(ps, hps...)
		if len(hps) == 0 && m.at != nil {
			type pick struct {
				rank int
				id   string
			}
			at := map[string]int{}
			picks := map[string][]pick{}
			for i := hi + 1; i < len(t.Rows); i++ {
				row, line := t.Rows[i], t.Lines[i]
				if blank(row) {
					continue
				}
				if len(ps) >= MaxProblems {
					ps = append(ps, t.problem(line, "", "stopped after %d problems: fix these and check the file again", len(ps)))
					break
				}
				mentee, mentor := unguard(m.cell(row, chMentee)), unguard(m.cell(row, chMentor))
				if mentee == "" || mentor == "" {
					ps = append(ps, t.problem(line, "", "a row needs a mentee_id and a mentor_id"))
					continue
				}
				k, seen := at[mentee]
				if !seen {
					k = len(out)
					at[mentee] = k
					out = append(out, mentormatch.Choice{MenteeID: mentee, Source: mentormatch.Source{File: t.File, Sheet: t.Sheet, Row: line}})
				}
				out[k].Listed = append(out[k].Listed, mentor)
				v := strings.TrimSpace(m.cell(row, chChoice))
				if v == "" {
					continue
				}
				n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimRight(strings.ToLower(v), "stndrh"), "."))
				if err != nil || n < 1 || n > 99 {
					ps = append(ps, t.problem(line, m.column(choiceSpecs, chChoice), "choice %q: expected 1 for the first choice, 2, 3, … or nothing", v))
					continue
				}
				for _, q := range picks[mentee] {
					if q.rank == n {
						ps = append(ps, t.problem(line, m.column(choiceSpecs, chChoice), "choice %d is given twice by %s: once for %s, once for %s", n, mentee, q.id, mentor))
					}
				}
				picks[mentee] = append(picks[mentee], pick{n, mentor})
			}
			for mentee, k := range at {
				chosen := picks[mentee]
				slices.SortStableFunc(chosen, func(a, b pick) int { return a.rank - b.rank })
				for _, q := range chosen {
					out[k].Ranked = append(out[k].Ranked, q.id)
				}
			}
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return out, nil
}
