package roster

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
)

// prefersPeople are four mentees and four mentors with one place each,
// alike in everything but their stated preferences, as a people file
// has them: E1 ranks M3, M1, M2, M4; E2 ranks M3 first too, then M2; E3
// ranks M1; E4 lists nobody. M2 asks for E2, M4 for E4 and E1, M1 for E3.
const prefersPeople = `id,name,role,level,timezone,skills,wants,capacity,prefers
E1,Ann,mentee,2,Europe/Berlin,,go:4,,M3; M1; M2; M4
E2,Bo,mentee,2,Europe/Berlin,,go:4,,M3; M2
E3,Cy,mentee,2,Europe/Berlin,,go:4,,M1
E4,Di,mentee,2,Europe/Berlin,,go:4,,
M1,Max,mentor,5,Europe/Berlin,go:5,,1,E3
M2,Mia,mentor,5,Europe/Berlin,go:5,,1,E2
M3,Mo,mentor,5,Europe/Berlin,go:5,,1,
M4,Mu,mentor,5,Europe/Berlin,go:5,,1,E4; E1
`

// A mentee's prefers are read in order and each rank is worth the
// configured bonus (choices past the list's end the last one); a
// mentor's prefers add preferences.mentor (at most 1 in all); the roster
// reports the mentees matched with their 1st, 2nd, 3rd and later choice,
// and the mentors matched with a mentee they asked for.
func TestRankedPreferences(t *testing.T) {
	p, err := table.ReadProgram(table.Options{}, table.File{Path: "people.csv", Data: []byte(prefersPeople)})
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		prefs  mentormatch.Preferences
		value  map[[2]string]float64 // the prefers component of a pair
		pairs  map[string]string     // mentee → mentor in the roster
		report mentormatch.PreferenceSummary
	}{
		{
			name:  "defaults 1, 0.8, 0.6; mentor 0.5",
			prefs: mentormatch.DefaultConfig().Preferences,
			value: map[[2]string]float64{
				{"E1", "M3"}: 1, {"E1", "M1"}: 0.8, {"E1", "M2"}: 0.6, {"E1", "M4"}: 0.6 + 0.5,
				{"E2", "M3"}: 1, {"E2", "M2"}: 0.8 + 0.5, {"E2", "M1"}: 0,
				{"E3", "M1"}: 1, {"E4", "M4"}: 0.5, {"E4", "M1"}: 0,
			},
			// E1 and E2 both want M3 first: M3 goes to E1, whose
			// alternatives are worth less than E2's mutual choice M2.
			pairs:  map[string]string{"E1": "M3", "E2": "M2", "E3": "M1", "E4": "M4"},
			report: mentormatch.PreferenceSummary{Choices: []int{2, 1, 0}, Stated: 3, MentorsAsked: 3, MentorsGot: 3},
		},
		{
			name:  "two ranks configured, mentors count nothing",
			prefs: mentormatch.Preferences{Ranks: []float64{1, 0.25}},
			value: map[[2]string]float64{
				{"E1", "M3"}: 1, {"E1", "M1"}: 0.25, {"E1", "M2"}: 0.25, {"E1", "M4"}: 0.25,
				{"E2", "M2"}: 0.25, {"E4", "M4"}: 0,
			},
			pairs:  map[string]string{"E1": "M3", "E2": "M2", "E3": "M1", "E4": "M4"},
			report: mentormatch.PreferenceSummary{Choices: []int{2, 1, 0}, Stated: 3, MentorsAsked: 3, MentorsGot: 3},
		},
		{
			name:  "mentees' ranks count nothing, mentors' do",
			prefs: mentormatch.Preferences{Mentor: 1},
			value: map[[2]string]float64{
				{"E1", "M3"}: 0, {"E1", "M4"}: 1, {"E2", "M2"}: 1, {"E3", "M1"}: 1, {"E4", "M4"}: 1,
			},
			// M4 asked for E4 and E1 alike; E4 has no other ask, E1
			// none either: the tie is broken by the solver, so only the
			// mentors' side is fixed.
			pairs:  map[string]string{"E2": "M2", "E3": "M1"},
			report: mentormatch.PreferenceSummary{Stated: 3, MentorsAsked: 3, MentorsGot: 3},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			cfg.Preferences = tc.prefs
			require.NoError(t, cfg.Validate())
			res, err := Match(p, cfg)
			require.NoError(t, err)
			index := func(ids []int, id string) int {
				for k, x := range ids {
					if p.People[x].ID == id {
						return k
					}
				}
				t.Fatalf("no %s", id)
				return -1
			}
			for pair, want := range tc.value {
				b := res.Scorer.Pair(index(p.Mentees, pair[0]), index(p.Mentors, pair[1]))
				got := -1.0
				for _, c := range b.Components {
					if c.Name == "prefers" {
						got = c.Value
					}
				}
				assert.InDelta(t, min(want, 1), got, 1e-9, "%s–%s", pair[0], pair[1])
			}
			got := map[string]string{}
			for _, m := range res.Roster.Matches {
				got[m.MenteeID] = m.MentorID
			}
			for mentee, mentor := range tc.pairs {
				assert.Equal(t, mentor, got[mentee], mentee)
			}
			s := res.Roster.Summary.Preferences
			require.NotNil(t, s)
			if tc.report.Choices == nil { // a tie decides which choice E1 gets
				tc.report.Choices, tc.report.Later = s.Choices, s.Later
				assert.Equal(t, 3, s.Choices[0]+s.Choices[1]+s.Choices[2]+s.Later, "every match is someone's choice")
			}
			assert.Equal(t, tc.report, *s)
		})
	}
}
