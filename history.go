package mentormatch

// EarlierPair is a 1:1 pair of an earlier cohort, as a roster or plan that
// mentormatch wrote has it (also after HR edited it).
type EarlierPair struct {
	MenteeID string
	MentorID string
	// Source names the file it was read from.
	Source Source
}

// EarlierCohort is a peer cohort of an earlier plan, as a plan that
// mentormatch wrote has it (also after HR edited it): its mentees were
// peers, and the next plan keeps them apart where the sizes allow.
type EarlierCohort struct {
	ID      string
	Members []string // mentee ids
	// Source names the file it was read from.
	Source Source
}

// Repeat policies for earlier pairs, HistoryConfig.Repeat.
const (
	RepeatForbid  = "forbid"  // an earlier pair is never formed again
	RepeatPenalty = "penalty" // an earlier pair loses HistoryConfig.Penalty points
)

// HistoryConfig says what earlier cohorts' pairs (--history) do to this
// one.
type HistoryConfig struct {
	// Repeat is RepeatForbid (the default) or RepeatPenalty.
	Repeat string `yaml:"repeat"`
	// Penalty is the points (0–100) an earlier pair's score loses with
	// RepeatPenalty. Any penalty above a pair's score means a repeat is
	// formed only when no roster matching as many avoids it.
	Penalty float64 `yaml:"penalty"`
}

// Preferences say what stated preferences are worth: the prefers
// component (0–1, times weights.prefers) of a mentee's choice by its rank,
// and of a mentor having asked for the mentee.
type Preferences struct {
	// Ranks[r] is the value of a mentee's (r+1)-th choice; choices past
	// the end get the last value; empty: mentees' choices count nothing.
	Ranks []float64 `yaml:"ranks"`
	// Mentor is added when the mentor listed the mentee (at most 1 in all).
	Mentor float64 `yaml:"mentor"`
}

// PreferenceSummary is how a roster met the stated preferences.
type PreferenceSummary struct {
	// Choices[r] counts the mentees matched with their (r+1)-th choice,
	// for the first three; Later those matched with a later one.
	Choices []int `json:"choices"`
	Later   int   `json:"later_choice"`
	// Stated counts the mentees who listed anyone.
	Stated int `json:"mentees_with_choices"`
	// MentorsAsked counts the mentors who listed mentees, MentorsGot those
	// matched with at least one they listed.
	MentorsAsked int `json:"mentors_asking"`
	MentorsGot   int `json:"mentors_got_asked"`
}

// HistorySummary is how a roster stands against the earlier cohorts'
// pairs among its people.
type HistorySummary struct {
	// Earlier counts the distinct earlier pairs whose mentee and mentor
	// both take part again.
	Earlier int `json:"earlier_pairs"`
	// Avoided counts those not formed again; Repeated those formed again
	// (only with repeat: penalty), listed in RepeatedPairs as
	// "mentee–mentor".
	Avoided       int      `json:"avoided"`
	Repeated      int      `json:"repeated"`
	RepeatedPairs []string `json:"repeated_pairs,omitempty"`
	Repeat        string   `json:"repeat"`
}

// PeerSummary is how a plan's cohorts stand against the earlier cohorts'
// peers (--history with a plan).
type PeerSummary struct {
	// Earlier counts the pairs of this plan's mentees who shared an
	// earlier cohort.
	Earlier int
	// Together counts those placed in one cohort again, listed in
	// TogetherPairs as "mentee–mentee in C2".
	Together      int
	TogetherPairs []string
	// Unavoidable is the fewest earlier peers the cohort sizes force
	// together: so many cohorts of these sizes cannot keep them all
	// apart. Together is never below it.
	Unavoidable int
}
