package mentormatch

// EarlierPair is a 1:1 pair of an earlier cohort, as a roster or plan that
// mentormatch wrote has it (also after HR edited it).
type EarlierPair struct {
	MenteeID string
	MentorID string
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
