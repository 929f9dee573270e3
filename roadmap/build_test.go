package roadmap

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func skills(spec string) []mentormatch.Skill {
	var out []mentormatch.Skill
	for _, part := range strings.Split(spec, ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		var name string
		var level int
		i := strings.LastIndex(part, ":")
		name = part[:i]
		fmt.Sscan(part[i+1:], &level)
		out = append(out, mentormatch.Skill{Name: name, Level: level})
	}
	return out
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "; ")
}

// pairProgram is one mentee and one mentor, Berlin and New York, with n
// primary sessions every 14 days from Monday 4 January 2027, and a senior
// who visits their cohort once.
func pairProgram(t testing.TB, n int, mentee, mentor mentormatch.Person) (*mentormatch.Program, *mentormatch.Plan) {
	t.Helper()
	ber, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	nyc, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	mentee.ID, mentee.Role, mentee.Location = "E1", mentormatch.RoleMentee, ber
	if mentee.Name == "" {
		mentee.Name = "Mia Mentee"
	}
	mentor.ID, mentor.Role, mentor.Location = "M1", mentormatch.RoleMentor, nyc
	if mentor.Name == "" {
		mentor.Name = "Max Mentor"
	}
	senior := mentormatch.Person{ID: "S1", Name: "Sam Senior", Role: mentormatch.RoleMentor, MentorType: mentormatch.Senior,
		Skills: skills("go:5; kubernetes:4; public speaking:5")}
	p := &mentormatch.Program{People: []mentormatch.Person{mentee, mentor, senior}, Mentees: []int{0}, Mentors: []int{1, 2}}
	plan := &mentormatch.Plan{
		Roster:  &mentormatch.Roster{Matches: []mentormatch.Match{{MenteeID: "E1", MenteeName: mentee.Name, MentorID: "M1", MentorName: mentor.Name}}},
		Cohorts: []mentormatch.Cohort{{ID: "C1", Members: []string{"E1"}, Seniors: []string{"S1"}}},
	}
	start := time.Date(2027, 1, 4, 15, 0, 0, 0, time.UTC)
	for k := range n {
		s := start.AddDate(0, 0, 14*k)
		plan.Sessions = append(plan.Sessions, mentormatch.Session{Cohort: "C1", Kind: mentormatch.KindPrimary, Round: k + 1,
			Start: s, End: s.Add(time.Hour), Participants: []string{"E1", "M1"}})
	}
	v := start.AddDate(0, 0, 30)
	plan.Sessions = append(plan.Sessions, mentormatch.Session{Cohort: "C1", Kind: mentormatch.KindSenior, Round: 1,
		Start: v, End: v.Add(time.Hour), Participants: []string{"S1", "E1"}})
	return p, plan
}

// checkOnSessions asserts the dating promises of the package for every
// roadmap of plan: each milestone falls on one of the pair's primary
// sessions, in stage order, and the objective runs from its start to its
// last milestone.
func checkOnSessions(t *testing.T, plan *mentormatch.Plan, rs []mentormatch.Roadmap) {
	t.Helper()
	for _, r := range rs {
		var starts []time.Time
		rounds := map[int]time.Time{}
		for _, s := range plan.Sessions {
			if s.Kind == mentormatch.KindPrimary && s.Participants[0] == r.MenteeID && s.Participants[1] == r.MentorID {
				starts = append(starts, s.Start)
				rounds[s.Round] = s.Start
			}
		}
		require.Len(t, r.Sessions, len(starts), r.MenteeID)
		if len(starts) > 0 {
			assert.Equal(t, []string{mentormatch.CheckKickoff}, r.Sessions[0].Kinds, r.MenteeID)
		}
		for _, o := range r.Objectives {
			require.NotEmpty(t, o.Milestones)
			for i, ms := range o.Milestones {
				if len(starts) == 0 {
					assert.True(t, ms.Due.IsZero())
					assert.Zero(t, ms.Round)
					continue
				}
				at, ok := rounds[ms.Round]
				require.True(t, ok, "%s %s %s: round %d is no session of the pair", r.MenteeID, o.Topic, ms.Stage, ms.Round)
				assert.True(t, at.Equal(ms.Due), "%s %s %s: due %v is not the start of session %d (%v)", r.MenteeID, o.Topic, ms.Stage, ms.Due, ms.Round, at)
				if i > 0 {
					assert.False(t, ms.Due.Before(o.Milestones[i-1].Due), "%s %s: %s before %s", r.MenteeID, o.Topic, ms.Stage, o.Milestones[i-1].Stage)
					if inWindow(starts, o.Start, o.Due) >= len(o.Milestones) {
						// Enough sessions in its window: one milestone per session.
						assert.True(t, ms.Due.After(o.Milestones[i-1].Due), "%s %s: %s shares a session with %s", r.MenteeID, o.Topic, ms.Stage, o.Milestones[i-1].Stage)
					}
				}
			}
			if len(starts) > 0 {
				assert.True(t, o.Due.Equal(o.Milestones[len(o.Milestones)-1].Due))
				assert.False(t, o.Start.After(o.Milestones[0].Due))
			}
		}
	}
}

// inWindow counts the sessions after from, up to and including to.
func inWindow(starts []time.Time, from, to time.Time) int {
	n := 0
	for _, s := range starts {
		if s.After(from) && !s.After(to) {
			n++
		}
	}
	return n
}

func TestExampleProgram(t *testing.T) {
	tests := []struct {
		name string
		edit func(rc *mentormatch.RoadmapConfig)
	}{
		{name: "defaults", edit: func(*mentormatch.RoadmapConfig) {}},
		{name: "side by side", edit: func(rc *mentormatch.RoadmapConfig) { rc.Stagger = 0 }},
		{name: "weekly reviews, more stages", edit: func(rc *mentormatch.RoadmapConfig) {
			rc.ReviewEveryDays = 7
			rc.Stages = append(rc.Stages, mentormatch.RoadmapStage{Name: "teach", Share: 0.3, Text: "Teach {topic}."})
		}},
		{name: "one objective, large stagger", edit: func(rc *mentormatch.RoadmapConfig) {
			rc.MaxObjectives, rc.MinObjectives, rc.GoalObjectives, rc.Stagger = 1, 1, 0, 0.9
		}},
		{name: "five objectives", edit: func(rc *mentormatch.RoadmapConfig) {
			rc.MaxObjectives, rc.MinObjectives, rc.GoalObjectives, rc.Stagger = 5, 5, 2, 0.24
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			tt.edit(&cfg.Roadmap)
			require.NoError(t, cfg.Validate())
			p, plan := examplePlan(t, cfg)
			rs, err := Build(p, plan, cfg)
			require.NoError(t, err)
			require.Len(t, rs, len(plan.Roster.Matches))
			checkOnSessions(t, plan, rs)
			for i, r := range rs {
				m := plan.Roster.Matches[i]
				assert.Equal(t, m.MenteeID, r.MenteeID)
				assert.Equal(t, m.MentorID, r.MentorID)
				assert.LessOrEqual(t, len(r.Objectives), cfg.Roadmap.MaxObjectives)
				e, mr := p.ByID(r.MenteeID), p.ByID(r.MentorID)
				for _, o := range r.Objectives {
					if o.Kind != mentormatch.ObjectiveSkill {
						continue
					}
					// Objectives rest on real gaps: the mentee's own level,
					// raised, and never past a stronger mentor.
					from, _ := e.SkillLevel(o.Topic)
					assert.Equal(t, from, o.From)
					assert.Greater(t, o.To, o.From)
					if ml, ok := mr.SkillLevel(o.Topic); ok && ml > from {
						assert.LessOrEqual(t, o.To, ml)
					}
					assert.Contains(t, e.Wants, o.Topic)
				}
			}
		})
	}
}

func TestExampleProgramReadsWell(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	// On scores alone every mentor of the example covers a wanted skill;
	// with shared time first (the default) a few pairs trade that cover for
	// an hour both are free, and their first objective is a goal.
	cfg.Rules.PreferSharedTime = false
	p, plan := examplePlan(t, cfg)
	rs, err := Build(p, plan, cfg)
	require.NoError(t, err)
	covered := 0
	for _, r := range rs {
		// Every matched pair of the example has something to work on.
		assert.GreaterOrEqual(t, len(r.Objectives), 2, r.MenteeID)
		if len(r.Objectives) > 0 && r.Objectives[0].Kind == mentormatch.ObjectiveSkill {
			covered++
		}
		var b strings.Builder
		require.NoError(t, Markdown(&b, &r))
		assert.NotContains(t, b.String(), "{", "unfilled placeholder in %s", r.MenteeID)
	}
	assert.Equal(t, len(rs), covered, "every first objective is a wanted skill")

	again, err := Build(p, plan, cfg)
	require.NoError(t, err)
	assert.Equal(t, rs, again)
}

func TestChoose(t *testing.T) {
	tests := []struct {
		name           string
		mentee, mentor mentormatch.Person
		edit           func(cfg *mentormatch.Config)
		want           []string // kind/topic from→to
		notes          []string // substrings of the notes
	}{
		{
			name:   "wants the mentor covers, then an offered goal",
			mentee: mentormatch.Person{Skills: skills("go:1; kubernetes:2; sql:4"), Wants: list("go; kubernetes; sql"), Goals: list("tech lead; promotion")},
			mentor: mentormatch.Person{Skills: skills("go:5; kubernetes:3; sql:5"), Offers: list("promotion")},
			want:   []string{"skill/go 1→3", "skill/kubernetes 2→3", "goal/promotion"},
			notes:  []string{"Also wanted, to take up when an objective is done: sql (Mia Mentee 4, Max Mentor 5).", "Career goals to keep in view at the skills reviews: tech lead.", "Sam Senior (senior; go 5, kubernetes 4) visits cohort C1 on Wed 3 Feb 2027"},
		},
		{
			name:   "fill below the minimum with uncovered wants, then goals",
			mentee: mentormatch.Person{Skills: skills("go:3"), Wants: list("go; rust"), Goals: list("architecture")},
			mentor: mentormatch.Person{Skills: skills("go:3")},
			edit:   func(cfg *mentormatch.Config) { cfg.Roadmap.MinObjectives = 3 },
			want:   []string{"skill/go 3→4", "skill/rust 0→1", "goal/architecture"},
		},
		{
			name:   "a skill already at 5 is never an objective",
			mentee: mentormatch.Person{Skills: skills("go:5; sql:1"), Wants: list("go; sql")},
			mentor: mentormatch.Person{Skills: skills("go:5; sql:2")},
			want:   []string{"skill/sql 1→2"},
		},
		{
			name:   "synonyms match goals to offers",
			mentee: mentormatch.Person{Wants: list("go"), Skills: skills("go:0"), Goals: list("tl")},
			mentor: mentormatch.Person{Skills: skills("go:4"), Offers: list("tech lead")},
			edit:   func(cfg *mentormatch.Config) { cfg.Synonyms = map[string]string{"TL": "Tech Lead"} },
			want:   []string{"skill/go 0→2", "goal/tech lead"},
		},
		{
			name:   "goal slots are capped",
			mentee: mentormatch.Person{Goals: list("a; b; c")},
			mentor: mentormatch.Person{Offers: list("a; b; c")},
			edit:   func(cfg *mentormatch.Config) { cfg.Roadmap.MinObjectives = 0 },
			want:   []string{"goal/a"},
			notes:  []string{"Career goals to keep in view at the skills reviews: b, c."},
		},
		{
			name:   "wants the mentor cannot lift are named",
			mentee: mentormatch.Person{Skills: skills("go:2; kotlin:3"), Wants: list("go; kotlin; swift")},
			mentor: mentormatch.Person{Skills: skills("go:4; kotlin:3")},
			edit:   func(cfg *mentormatch.Config) { cfg.Roadmap.MinObjectives = 1 },
			want:   []string{"skill/go 2→4"},
			notes:  []string{"Max Mentor is not stronger than Mia Mentee in kotlin, swift"},
		},
		{
			name:  "nothing to build on",
			want:  []string{},
			notes: []string{"lists no wanted skill or career goal"},
		},
		{
			name:   "level gain 1 and at most one objective",
			mentee: mentormatch.Person{Skills: skills("go:1; sql:1"), Wants: list("go; sql"), Goals: list("promotion")},
			mentor: mentormatch.Person{Skills: skills("go:5; sql:5"), Offers: list("promotion")},
			edit: func(cfg *mentormatch.Config) {
				cfg.Roadmap.MaxObjectives, cfg.Roadmap.MinObjectives, cfg.Roadmap.LevelGain = 1, 1, 1
			},
			want: []string{"goal/promotion"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			if tt.edit != nil {
				tt.edit(&cfg)
			}
			p, plan := pairProgram(t, 11, tt.mentee, tt.mentor)
			rs, err := Build(p, plan, cfg)
			require.NoError(t, err)
			require.Len(t, rs, 1)
			got := []string{}
			for _, o := range rs[0].Objectives {
				s := string(o.Kind) + "/" + o.Topic
				if o.Kind == mentormatch.ObjectiveSkill {
					s += fmt.Sprintf(" %d→%d", o.From, o.To)
				}
				got = append(got, s)
			}
			assert.Equal(t, tt.want, got)
			notes := strings.Join(rs[0].Notes, "\n")
			for _, n := range tt.notes {
				assert.Contains(t, notes, n)
			}
			checkOnSessions(t, plan, rs)
		})
	}
}

func TestPlacementFewSessions(t *testing.T) {
	mentee := mentormatch.Person{Skills: skills("go:1; sql:1"), Wants: list("go; sql"), Goals: list("promotion")}
	mentor := mentormatch.Person{Skills: skills("go:5; sql:5"), Offers: list("promotion")}
	for n := range 9 {
		t.Run(fmt.Sprint(n, " sessions"), func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			p, plan := pairProgram(t, n, mentee, mentor)
			rs, err := Build(p, plan, cfg)
			require.NoError(t, err)
			require.Len(t, rs[0].Objectives, 3)
			checkOnSessions(t, plan, rs)
			if n == 0 {
				assert.Contains(t, rs[0].Notes[0], "No 1:1 session is scheduled")
				return
			}
			last := rs[0].Sessions[n-1]
			if n > 1 {
				assert.Equal(t, []string{mentormatch.CheckClosing}, last.Kinds)
			}
			// The last objective is due at the last session.
			assert.Equal(t, last.Round, rs[0].Objectives[2].DueRound)
			if n > len(cfg.Roadmap.Stages) {
				// A session per stage after the kickoff: staggering gives
				// way rather than crowd two milestones into one session.
				for _, o := range rs[0].Objectives {
					for i := 1; i < len(o.Milestones); i++ {
						assert.Greater(t, o.Milestones[i].Round, o.Milestones[i-1].Round, o.Topic)
					}
				}
			}
		})
	}
}

func TestStaggerAndReviews(t *testing.T) {
	mentee := mentormatch.Person{Skills: skills("go:1; sql:1"), Wants: list("go; sql"), Goals: list("promotion")}
	mentor := mentormatch.Person{Skills: skills("go:5; sql:5"), Offers: list("promotion")}
	rounds := func(o mentormatch.Objective) []int {
		var out []int
		for _, ms := range o.Milestones {
			out = append(out, ms.Round)
		}
		return out
	}
	t.Run("staggered", func(t *testing.T) {
		cfg := mentormatch.DefaultConfig()
		p, plan := pairProgram(t, 11, mentee, mentor)
		rs, err := Build(p, plan, cfg)
		require.NoError(t, err)
		// 140 days: windows [0, 84], [28, 112], [56, 140] days. Targets
		// of the first objective at days 17, 46, 67 and 84 move to the
		// 28-day reviews (sessions 3, 5 and 7 at days 28, 56, 84) unless
		// another session is 14 days nearer: feedback takes day 70, as
		// mastery needs day 84.
		os := rs[0].Objectives
		assert.Equal(t, []int{3, 5, 6, 7}, rounds(os[0]))
		assert.Equal(t, 1, os[0].StartRound)
		assert.Equal(t, 3, os[1].StartRound)
		assert.Equal(t, 9, os[1].DueRound)
		assert.Equal(t, 5, os[2].StartRound)
		assert.Equal(t, 11, os[2].DueRound)
	})
	t.Run("side by side on the review grid", func(t *testing.T) {
		cfg := mentormatch.DefaultConfig()
		cfg.Roadmap.Stagger = 0
		p, plan := pairProgram(t, 11, mentee, mentor)
		rs, err := Build(p, plan, cfg)
		require.NoError(t, err)
		for _, o := range rs[0].Objectives {
			assert.Equal(t, []int{3, 7, 9, 11}, rounds(o))
		}
		var kinds []string
		for _, c := range rs[0].Sessions {
			kinds = append(kinds, strings.Join(c.Kinds, "+"))
		}
		assert.Equal(t, []string{"kickoff", "check-in", "milestone review", "check-in", "milestone review", "check-in",
			"milestone review", "skills review", "milestone review", "check-in", "closing review"}, kinds)
		assert.Equal(t, []string{"discovery: go", "discovery: sql", "discovery: promotion"}, rs[0].Sessions[2].Due)
	})
}

func TestBuildErrors(t *testing.T) {
	p, plan := pairProgram(t, 3, mentormatch.Person{}, mentormatch.Person{})
	plan.Roster.Matches = append(plan.Roster.Matches, mentormatch.Match{MenteeID: "E9", MentorID: "M1"}, mentormatch.Match{MenteeID: "E1", MentorID: "M9"})
	_, err := Build(p, plan, mentormatch.DefaultConfig())
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), `"E9" is nobody in the program`)
	assert.Contains(t, err.Error(), `"M9" is nobody in the program`)

	cfg := mentormatch.DefaultConfig()
	cfg.Roadmap.Stages = nil
	_, err = Build(p, plan, cfg)
	require.ErrorIs(t, err, mentormatch.ErrConfig)

	_, err = Build(p, nil, mentormatch.DefaultConfig())
	require.ErrorIs(t, err, mentormatch.ErrInput)

	rs, err := Build(p, &mentormatch.Plan{}, mentormatch.DefaultConfig())
	require.NoError(t, err)
	assert.Empty(t, rs)
}

func TestTemplateWording(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	rc := &cfg.Roadmap
	rc.LevelNames = nil
	rc.SkillObjective = "Go from {from} to {to} in {topic}"
	rc.Stages = []mentormatch.RoadmapStage{{Name: "Learn", Share: 1, Text: "Learn {topic} with {mentor}."}, {Name: "Show", Share: 1, Text: "{mentee} shows {topic}."}}
	rc.Families = []mentormatch.RoadmapFamily{{Name: "langs", Topics: []string{"Go"}, Wording: map[string]string{"learn": "Read {topic} code with {mentor}."}}}
	p, plan := pairProgram(t, 5, mentormatch.Person{Skills: skills("go:1; sql:1"), Wants: list("go; sql")}, mentormatch.Person{Skills: skills("go:4; sql:4")})
	rs, err := Build(p, plan, cfg)
	require.NoError(t, err)
	os := rs[0].Objectives
	require.Len(t, os, 2)
	assert.Equal(t, "Go from 1 to 3 in go", os[0].Title)
	assert.Equal(t, "Read go code with Max Mentor.", os[0].Milestones[0].Text)
	assert.Equal(t, "Mia Mentee shows go.", os[0].Milestones[1].Text)
	assert.Equal(t, "Learn sql with Max Mentor.", os[1].Milestones[0].Text)
	assert.Equal(t, "Learn", os[1].Milestones[0].Stage)
}

// Career goals read as a mentee would put them, whatever their family:
// never the skill stages' "Apply staff engineer on a real task" or
// "handles engineering manager without help", and "an" where it belongs.
func TestGoalWording(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	cfg.Roadmap.GoalObjectives, cfg.Roadmap.MaxObjectives = 3, 3
	goals := "staff engineer; engineering manager; open source maintainer"
	p, plan := pairProgram(t, 12, mentormatch.Person{Goals: list(goals)}, mentormatch.Person{Offers: list(goals)})
	rs, err := Build(p, plan, cfg)
	require.NoError(t, err)
	os := rs[0].Objectives
	require.Len(t, os, 3)
	var titles []string
	for _, o := range os {
		require.Equal(t, mentormatch.ObjectiveGoal, o.Kind)
		titles = append(titles, o.Title)
		for _, m := range o.Milestones {
			for _, st := range cfg.Roadmap.Stages {
				assert.NotEqual(t, strings.NewReplacer("{topic}", o.Topic, "{mentor}", "Max Mentor", "{mentee}", "Mia Mentee").Replace(st.Text), m.Text,
					"%s: the skill wording of %s", o.Topic, st.Name)
			}
			assert.NotContains(t, m.Text, "Apply "+o.Topic)
			assert.NotContains(t, m.Text, "handles "+o.Topic+" without help")
			assert.NotContains(t, m.Text, "a engineering")
		}
	}
	assert.Equal(t, []string{"Get ready for the staff engineer role", "Get ready for the engineering manager role", "Make visible progress towards open source maintainer"}, titles)
	assert.Equal(t, "Find out what an engineering manager really does here: Max Mentor walks Mia Mentee through a typical month, and Mia Mentee writes down the three things they would need to show.", os[1].Milestones[0].Text)
	assert.Equal(t, "Take one real step towards open source maintainer, chosen with Max Mentor and small enough to finish in a few weeks.", os[2].Milestones[1].Text)

	// Stages of one's own, without goal wording: goals take the stages' text.
	cfg.Roadmap.Stages = []mentormatch.RoadmapStage{{Name: "Learn", Share: 1, Text: "Learn about {topic} with {mentor}."}}
	cfg.Roadmap.Families = nil
	rs, err = Build(p, plan, cfg)
	require.NoError(t, err)
	assert.Equal(t, "Learn about staff engineer with Max Mentor.", rs[0].Objectives[0].Milestones[0].Text)
	// A goal wording naming a stage that does not exist, beside one that does, is a typo.
	cfg.Roadmap.GoalWording = map[string]string{"learn": "x {topic}", "lern": "y"}
	_, err = Build(p, plan, cfg)
	require.ErrorIs(t, err, mentormatch.ErrConfig)
	assert.Contains(t, err.Error(), `goal_wording.lern: no stage is called "lern"`)
}

// expand is strings.Replacer for placeholders that start with "{" and of
// which none starts another: on texts of placeholders, near misses,
// braces and values that hold placeholders themselves.
func TestExpandAsReplacer(t *testing.T) {
	pairs := []string{"{topic}", "Go {a}", "{a}", "an", "{mentor}", "{mentee}", "{mentee}", "Ada", "{from}", "", "{to}", "4 (expert)"}
	pieces := []string{"{topic}", "{a}", "{mentor}", "{mentee}", "{from}", "{to}", "{", "}", "{top", "{mentors}", "{{a}}", "a", " ", "é", "{x}"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		k := 2 * rng.IntN(len(pairs)/2+1)
		assert.Equal(t, strings.NewReplacer(pairs[:k]...).Replace(s), expand(s, pairs[:k]...), "%q with %d placeholders", s, k/2)
	}
}
