package mentormatch

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Roadmap is one pair's starting learning plan: objectives drawn from the
// mentee's wanted skills and career goals, each broken into milestones that
// fall due on the pair's scheduled 1:1 sessions.
type Roadmap struct {
	MenteeID   string `json:"mentee_id"`
	MenteeName string `json:"mentee_name"`
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	Cohort     string `json:"cohort"`
	// MenteeLevel and MentorLevel are job levels, 1–9; 0 when unknown.
	MenteeLevel int `json:"mentee_level"`
	MentorLevel int `json:"mentor_level"`
	// MenteeZone and MentorZone are where each of them reads the dates.
	MenteeZone *time.Location `json:"-"`
	MentorZone *time.Location `json:"-"`
	Goals      []string       `json:"goals"`
	// Intro is the template's opening line, for the Markdown file.
	Intro string `json:"-"`
	// Agenda says what each kind of session used in Sessions is for, in
	// the order kickoff, check-in, milestone review, skills review, closing.
	Agenda     []AgendaItem `json:"agenda"`
	Objectives []Objective  `json:"objectives"`
	// Sessions are the pair's primary sessions in order, with what the
	// roadmap asks of each.
	Sessions []Checkpoint `json:"sessions"`
	// Notes are things the pair should know that fit no objective, such as
	// a wanted skill in which the mentor is not stronger than the mentee.
	Notes []string `json:"notes"`
}

// ObjectiveKind is what a roadmap objective is about.
type ObjectiveKind string

// Objective kinds.
const (
	ObjectiveSkill ObjectiveKind = "skill" // raise a wanted skill from one level to another
	ObjectiveGoal  ObjectiveKind = "goal"  // progress towards a career goal the mentor offers
)

// Objective is one S.M.A.R.T. objective of a pair.
type Objective struct {
	Kind  ObjectiveKind `json:"kind"`
	Topic string        `json:"topic"` // the skill or the goal
	// From and To are the mentee's level in the skill now and the level
	// aimed for; MentorLevel is the mentor's. All 0 for a goal.
	From        int    `json:"from"`
	To          int    `json:"to"`
	MentorLevel int    `json:"mentor_level"`
	Title       string `json:"title"`
	Why         string `json:"why"`
	// Start is the session the objective is taken up at, Due the session
	// of its last milestone; StartRound and DueRound are their rounds.
	Start      time.Time   `json:"start"`
	StartRound int         `json:"start_round"`
	Due        time.Time   `json:"due"`
	DueRound   int         `json:"due_round"`
	Milestones []Milestone `json:"milestones"`
}

// Milestone is one stage of an objective, due at a session of the pair.
// Due is that session's start and Round its round; both are zero when the
// pair has no session yet.
type Milestone struct {
	Stage string    `json:"stage"`
	Due   time.Time `json:"due"`
	Round int       `json:"round"`
	Text  string    `json:"text"`
}

// MilestoneStatus is how a check-in survey says a milestone stands.
type MilestoneStatus string

// Milestone statuses a check-in survey may report (Answer.Milestone).
const (
	MilestoneDone    MilestoneStatus = "done"
	MilestoneOnTrack MilestoneStatus = "on track"
	MilestoneBehind  MilestoneStatus = "behind"
)

// Checkpoint kinds: what a session is for in the roadmap. A session may be
// several at once; one with none is a check-in.
const (
	CheckKickoff = "kickoff"
	CheckReview  = "milestone review"
	CheckSkills  = "skills review"
	CheckClosing = "closing review"
	CheckIn      = "check-in"
)

// AgendaItem is what one kind of session (CheckKickoff, ...) is for.
type AgendaItem struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Checkpoint is one primary session of a pair and its place in the roadmap.
type Checkpoint struct {
	Round int       `json:"round"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Kinds []string  `json:"kinds"`
	// Due lists the milestones due at this session as "stage: topic".
	Due  []string `json:"due"`
	Flag string   `json:"flag,omitempty"`
}

// RoadmapStage is one stage every objective goes through. Share is its
// part of the objective's time; shares are relative, like weights. Text is
// the milestone's wording for topics no family covers.
type RoadmapStage struct {
	Name  string  `yaml:"name"`
	Share float64 `yaml:"share"`
	Text  string  `yaml:"text"`
}

// RoadmapFamily words milestones for a family of skills and goals. Wording
// maps a stage name to the text that replaces the stage's own.
type RoadmapFamily struct {
	Name    string            `yaml:"name"`
	Topics  []string          `yaml:"topics"`
	Wording map[string]string `yaml:"wording"`
	// Objective is the title of an objective on a topic of the family,
	// instead of skill_objective or goal_objective; "" keeps those.
	Objective string `yaml:"objective"`
}

// RoadmapAgenda is what each kind of session is for, in words.
type RoadmapAgenda struct {
	Kickoff string `yaml:"kickoff"`
	Review  string `yaml:"review"`
	Skills  string `yaml:"skills_review"`
	CheckIn string `yaml:"check_in"`
	Closing string `yaml:"closing"`
}

// RoadmapConfig is the template every pair's roadmap is built from.
type RoadmapConfig struct {
	MaxObjectives  int `yaml:"max_objectives"`
	MinObjectives  int `yaml:"min_objectives"`
	GoalObjectives int `yaml:"goal_objectives"`
	LevelGain      int `yaml:"level_gain"`
	// Stagger is the share of the program between the starts, and between
	// the due dates, of consecutive objectives; 0 runs them side by side.
	Stagger          float64  `yaml:"stagger"`
	ReviewEveryDays  int      `yaml:"review_every_days"`
	SkillsReviewDays int      `yaml:"skills_review_every_days"`
	LevelNames       []string `yaml:"level_names"`
	SkillObjective   string   `yaml:"skill_objective"`
	GoalObjective    string   `yaml:"goal_objective"`
	// GoalWording maps a stage name to the milestone of a career goal in
	// no family: the stages' own texts are about practising a skill,
	// which reads wrong for "staff engineer" or "work-life balance".
	GoalWording map[string]string `yaml:"goal_wording"`
	Intro       string            `yaml:"intro"`
	Agenda      RoadmapAgenda     `yaml:"agenda"`
	Stages      []RoadmapStage    `yaml:"stages"`
	Families    []RoadmapFamily   `yaml:"families"`
}

// DefaultRoadmapConfig is the roadmap template used when the config file
// names none.
func DefaultRoadmapConfig() RoadmapConfig {
	return RoadmapConfig{
		MaxObjectives: 3, MinObjectives: 2, GoalObjectives: 1, LevelGain: 2,
		Stagger: 0.2, ReviewEveryDays: 28, SkillsReviewDays: 91,
		LevelNames:     []string{"none", "aware", "basic", "working", "advanced", "expert"},
		SkillObjective: "Raise {topic} from {from} to {to}",
		GoalObjective:  "Make visible progress towards {topic}",
		GoalWording: map[string]string{
			"discovery": "Talk through {topic} with {mentor}: what it would mean for {mentee}, how {mentor} sees the way there, and the first gap to close.",
			"practice":  "Take one real step towards {topic}, chosen with {mentor} and small enough to finish in a few weeks.",
			"feedback":  "Go through how that step went with {mentor}, with what others said about it.",
			"mastery":   "Take a bigger step towards {topic}, and write down what {mentee} now does differently.",
		},
		Intro: "A starting point, not a contract: change it together at the kickoff and keep it up to date as you go.",
		Agenda: RoadmapAgenda{
			Kickoff: "Get to know each other; agree the objectives below, rate where {mentee} stands in each today, and settle how you will work between sessions.",
			Review:  "Go through each objective, tick the milestones that are done, and agree what happens before the next review.",
			Skills:  "Both rate {mentee}'s level in every objective's skill again and compare it with the target; adjust the plan if it drifts.",
			CheckIn: "What moved, what is blocked, one concrete next step.",
			Closing: "Rate every skill a last time against its target, note what {mentee} will keep working on alone, and say thank you.",
		},
		Stages: []RoadmapStage{
			{Name: "discovery", Share: 0.2, Text: "Map {topic} together: {mentor} explains how it is used in real work here, {mentee} rates each part 0-5 and picks the two weakest to work on."},
			{Name: "practice", Share: 0.35, Text: "Apply {topic} on a real task chosen with {mentor}; bring the result, or what blocked it, to every session."},
			{Name: "feedback", Share: 0.25, Text: "{mentor} reviews {mentee}'s recent {topic} work in detail; agree the two changes that would make it stronger, and make them."},
			{Name: "mastery", Share: 0.2, Text: "{mentee} handles {topic} without help and explains one decision to others (a peer session, a design review or a write-up)."},
		},
		Families: []RoadmapFamily{
			{Name: "programming", Topics: []string{"go", "java", "python", "kotlin", "swift", "typescript", "react", "sql"}, Wording: map[string]string{
				"discovery": "Read a well-kept {topic} codebase with {mentor}: list the idioms, libraries and tools {mentee} does not use yet.",
				"practice":  "Ship a small {topic} change every two weeks, each using one idiom from the list.",
				"feedback":  "{mentor} reviews two of {mentee}'s {topic} pull requests line by line; fix what they find and note the pattern.",
				"mastery":   "Own a {topic} change from design note to release, and review a teammate's {topic} code.",
			}},
			{Name: "operations", Topics: []string{"kubernetes", "terraform", "observability", "linux", "incident response", "distributed systems"}, Wording: map[string]string{
				"discovery": "Walk through how {topic} is set up in production with {mentor}; draw it and mark the parts {mentee} could not yet change alone.",
				"practice":  "Make real {topic} changes, first in staging, then in production with {mentor} on hand.",
				"feedback":  "Run a small game day or post-incident review on {topic} with {mentor}: what held, what to change.",
				"mastery":   "Lead a {topic} change or incident end to end, and write the runbook others will use.",
			}},
			{Name: "data", Topics: []string{"spark", "machine learning", "data modeling"}, Wording: map[string]string{
				"discovery": "Go through one of {mentor}'s {topic} projects: the data, the choices made and why.",
				"practice":  "Build a small {topic} piece on real data, with a question agreed with {mentor} first.",
				"feedback":  "{mentor} reviews the {topic} work: assumptions, validation and how results are explained.",
				"mastery":   "Present a {topic} result to its users and answer their questions.",
			}},
			{Name: "security", Topics: []string{"security", "threat modeling", "cryptography"}, Wording: map[string]string{
				"discovery": "Review a real system with {mentor} from an attacker's point of view; list what {mentee} would check next time.",
				"practice":  "Apply {topic} to {mentee}'s own work: one threat model or security fix per fortnight.",
				"feedback":  "{mentor} reviews {mentee}'s {topic} findings and fixes: what was missed, what was over-engineered.",
				"mastery":   "Run a {topic} review for a team and present the findings.",
			}},
			{Name: "design", Topics: []string{"ui design", "user research", "accessibility", "prototyping"}, Wording: map[string]string{
				"discovery": "Critique live screens with {mentor} through the lens of {topic}; collect examples of good and poor practice.",
				"practice":  "Apply {topic} to a real feature, with a short test with users or an audit.",
				"feedback":  "{mentor} reviews the {topic} work against what users did; iterate once.",
				"mastery":   "Lead the {topic} side of a feature and share what worked with the team.",
			}},
			{Name: "engineering practice", Topics: []string{"testing", "api design", "architecture", "system design", "writing"}, Wording: map[string]string{
				"discovery": "Look at examples of good and weak {topic} in your own systems with {mentor}; agree what good looks like here.",
				"practice":  "Write {topic} work for a real change and share it before it is final.",
				"feedback":  "{mentor} reviews the {topic} work as a senior reviewer would; {mentee} revises it.",
				"mastery":   "Lead the {topic} work of a change others depend on, and review someone else's.",
			}},
			// Career goals, in words a mentee would use. {a} is "a" or "an"
			// as the topic needs.
			{Name: "next role", Topics: []string{"tech lead", "team lead", "staff engineer", "principal engineer", "senior engineer", "engineering manager", "architect"},
				Objective: "Get ready for the {topic} role", Wording: map[string]string{
					"discovery": "Find out what {a} {topic} really does here: {mentor} walks {mentee} through a typical month, and {mentee} writes down the three things they would need to show.",
					"practice":  "Do one piece of {topic} work now, small enough to finish in a few weeks, chosen with {mentor}.",
					"feedback":  "Ask two colleagues how that work came across, and go through what they said with {mentor}.",
					"mastery":   "Take on a bigger piece of {topic} work, and agree with {mentor} what still stands between {mentee} and the role.",
				}},
			{Name: "leading people", Topics: []string{"people management", "leadership", "mentoring", "coaching", "hiring"},
				Objective: "Get better at {topic}", Wording: map[string]string{
					"discovery": "Hear how {mentor} handles {topic}: the situations that were hard and what they would do differently; {mentee} picks the two they most want to get better at.",
					"practice":  "Handle one real {topic} situation (a one-to-one, an interview, a hard conversation), prepared with {mentor} beforehand.",
					"feedback":  "Debrief it with {mentor}: what went well, and what {mentee} would say differently next time.",
					"mastery":   "Handle {topic} situations on {mentee}'s own for a few weeks, and tell {mentor} which one taught the most.",
				}},
			{Name: "being heard", Topics: []string{"public speaking", "presenting", "communication", "influence", "visibility"},
				Objective: "Get more confident with {topic}", Wording: map[string]string{
					"discovery": "Pick, with {mentor}, a talk, meeting or write-up coming up where {topic} matters, and agree what good would look like.",
					"practice":  "Prepare it and rehearse it with {mentor} at least once.",
					"feedback":  "Deliver it, then go through how it landed with {mentor}, with a comment or two from people who were there.",
					"mastery":   "Do it again for a bigger audience (a team meeting, an internal talk, a meetup) without rehearsing with {mentor} first.",
				}},
			{Name: "career path", Topics: []string{"career growth", "promotion", "career change"},
				Objective: "Make a plan for {topic} and start on it", Wording: map[string]string{
					"discovery": "Talk through what {topic} means for {mentee}: where they want to be in two years, and how {mentor} got where they are.",
					"practice":  "Write the plan down (the next step, what it needs, one thing to start this month) and go through it with {mentor}.",
					"feedback":  "Share the plan with {mentee}'s manager and talk their answer over with {mentor}.",
					"mastery":   "Have taken the first step of the plan, and know the next one.",
				}},
			{Name: "product", Topics: []string{"product sense", "product strategy", "roadmapping"},
				Objective: "Get better at {topic}", Wording: map[string]string{
					"discovery": "Go through a recent product decision with {mentor}: the users, the options, and why this one won.",
					"practice":  "Bring a {topic} question from {mentee}'s own work to each session and work it through together.",
					"feedback":  "{mentor} reads a proposal or roadmap {mentee} wrote and asks the questions a product lead would.",
					"mastery":   "Make the case for one product decision to the people who own it.",
				}},
			{Name: "balance", Topics: []string{"work-life balance", "wellbeing", "time management"},
				Objective: "Work on {topic}", Wording: map[string]string{
					"discovery": "Talk openly with {mentor} about where {mentee}'s time and energy go, and what {mentor} does to protect theirs.",
					"practice":  "Try one change for a month (a boundary, a no, a blocked hour), agreed with {mentor}.",
					"feedback":  "Look back at the month with {mentor}: what stuck, what did not, and why.",
					"mastery":   "Keep the changes that worked without having to think about them, and know what to do when it slips.",
				}},
		},
	}
}

// Placeholders each roadmap template may use.
var (
	placeholderRE    = regexp.MustCompile(`\{[^{}\s]*\}`)
	skillPlaceholder = []string{"{topic}", "{from}", "{to}"}
	goalPlaceholder  = []string{"{topic}", "{a}"}
	stagePlaceholder = []string{"{topic}", "{a}", "{mentor}", "{mentee}"}
	agendaPlacehold  = []string{"{mentor}", "{mentee}"}
)

// problems checks the roadmap template; every problem names its key.
func (rc RoadmapConfig) problems() Problems {
	var ps Problems
	add := func(key, format string, a ...any) {
		ps = append(ps, Problem{Column: "roadmap." + key, Message: fmt.Sprintf(format, a...)})
	}
	text := func(key, s string, allowed []string, required bool) {
		if strings.TrimSpace(s) == "" {
			if required {
				add(key, "must not be empty")
			}
			return
		}
		for _, ph := range placeholderRE.FindAllString(s, -1) {
			if !slices.Contains(allowed, ph) {
				add(key, "unknown placeholder %s: expected one of %s", ph, strings.Join(allowed, " "))
			}
		}
	}
	if rc.MaxObjectives < 1 || rc.MaxObjectives > MaxObjectives {
		add("max_objectives", "must be 1–%d", MaxObjectives)
	}
	if rc.MinObjectives < 0 || rc.MinObjectives > rc.MaxObjectives {
		add("min_objectives", "need 0 ≤ min_objectives ≤ max_objectives")
	}
	if rc.GoalObjectives < 0 || rc.GoalObjectives > rc.MaxObjectives {
		add("goal_objectives", "need 0 ≤ goal_objectives ≤ max_objectives")
	}
	if rc.LevelGain < 1 || rc.LevelGain > 5 {
		add("level_gain", "must be 1–5")
	}
	if !(rc.Stagger >= 0) || float64(max(rc.MaxObjectives-1, 0))*rc.Stagger >= 1 {
		add("stagger", "need 0 ≤ stagger and stagger × (max_objectives − 1) below 1, so every objective keeps some time")
	}
	if rc.ReviewEveryDays < 1 || rc.ReviewEveryDays > MaxEveryDays {
		add("review_every_days", "must be 1–%d", MaxEveryDays)
	}
	if rc.SkillsReviewDays < 0 || rc.SkillsReviewDays > MaxEveryDays {
		add("skills_review_every_days", "must be 0 (never) to %d", MaxEveryDays)
	}
	if n := len(rc.LevelNames); n != 0 && n != 6 {
		add("level_names", "give 6 names, for levels 0 to 5, or none (got %d)", n)
	}
	text("skill_objective", rc.SkillObjective, skillPlaceholder, true)
	text("goal_objective", rc.GoalObjective, goalPlaceholder, true)
	text("intro", rc.Intro, nil, false)
	text("agenda.kickoff", rc.Agenda.Kickoff, agendaPlacehold, false)
	text("agenda.review", rc.Agenda.Review, agendaPlacehold, false)
	text("agenda.skills_review", rc.Agenda.Skills, agendaPlacehold, false)
	text("agenda.check_in", rc.Agenda.CheckIn, agendaPlacehold, false)
	text("agenda.closing", rc.Agenda.Closing, agendaPlacehold, false)

	if len(rc.Stages) == 0 {
		add("stages", "need at least one stage")
	}
	// name checks that a stage's or family's name is given and unique.
	name := func(key, s string, seen map[string]bool) {
		switch n := NormaliseTopic(s); {
		case n == "":
			add(key+".name", "must not be empty")
		case seen[n]:
			add(key+".name", "%q appears twice", s)
		default:
			seen[n] = true
		}
	}
	stages := map[string]bool{}
	for i, s := range rc.Stages {
		key := fmt.Sprintf("stages[%d]", i+1)
		name(key, s.Name, stages)
		if !(s.Share > 0 && s.Share <= MaxWeight) {
			add(key+".share", "must be above 0 and at most %s", thousands(MaxWeight))
		}
		text(key+".text", s.Text, stagePlaceholder, true)
	}
	owner := map[string]string{}
	families := map[string]bool{}
	for i, f := range rc.Families {
		key := fmt.Sprintf("families[%d]", i+1)
		name(key, f.Name, families)
		for _, t := range f.Topics {
			t = NormaliseTopic(t)
			if o, dup := owner[t]; dup {
				add(key+".topics", "%q is already in family %q: a topic belongs to one family", t, o)
				continue
			}
			owner[t] = f.Name
		}
		for _, st := range slices.Sorted(maps.Keys(f.Wording)) {
			if !stages[NormaliseTopic(st)] {
				add(key+".wording."+st, "no stage is called %q", st)
			}
			text(key+".wording."+st, f.Wording[st], stagePlaceholder, true)
		}
		if f.Objective != "" {
			text(key+".objective", f.Objective, append(skillPlaceholder, "{a}"), true)
		}
	}
	// Stages given without goal wording of their own leave the default
	// wording, for the default stages, unused rather than wrong; a
	// wording that names some stages but not others has a typo.
	matched := 0
	for st := range rc.GoalWording {
		if stages[NormaliseTopic(st)] {
			matched++
		}
	}
	for _, st := range slices.Sorted(maps.Keys(rc.GoalWording)) {
		if matched > 0 && !stages[NormaliseTopic(st)] {
			add("goal_wording."+st, "no stage is called %q", st)
		}
		text("goal_wording."+st, rc.GoalWording[st], stagePlaceholder, true)
	}
	return ps
}

// NormaliseTopic is a skill, goal or stage name as roadmaps compare them:
// lower case, single spaces.
func NormaliseTopic(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
