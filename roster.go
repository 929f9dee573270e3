package mentormatch

// Component is one part of a pair's score.
type Component struct {
	Name string `json:"name"`
	// Value is the component on its own scale, 0–1.
	Value float64 `json:"value"`
	// Points is what the component adds to the 0–100 total after weighting.
	Points float64 `json:"points"`
}

// Match is one mentee paired with their primary mentor.
type Match struct {
	MenteeID   string      `json:"mentee_id"`
	MenteeName string      `json:"mentee_name"`
	MentorID   string      `json:"mentor_id"`
	MentorName string      `json:"mentor_name"`
	Score      float64     `json:"score"`
	Components []Component `json:"-"`
	Reason     string      `json:"reason"`
}

// Unmatched is a person left without a pair, with the reason in words.
type Unmatched struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Reason string `json:"reason"`
}

// MentorLoad is how much of a mentor's capacity the roster uses.
type MentorLoad struct {
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	Type       string `json:"type"`
	Capacity   int    `json:"capacity"`
	Assigned   int    `json:"assigned"`
}

// Summary is the roster at a glance.
type Summary struct {
	Mentees    int            `json:"mentees"`
	Mentors    int            `json:"mentors"`
	Matched    int            `json:"matched"`
	TotalScore float64        `json:"total_score"`
	MeanScore  float64        `json:"mean_score"`
	MinScore   float64        `json:"min_score"`
	Objective  MatchObjective `json:"objective"`
	// BlockingPairs counts the mentee–mentor pairs, not matched together,
	// who would both score higher together than with their own partners.
	BlockingPairs int `json:"blocking_pairs"`
	// CannotMeet counts the matched pairs who cannot meet: both list
	// availability and they do not share a whole session of free time in
	// every week of the program.
	CannotMeet int `json:"cannot_meet"`
	// MatchedIfSharedTimeRequired is how many mentees a roster would match
	// if every pair had to be able to meet; −1 when not worked out (a
	// re-match).
	MatchedIfSharedTimeRequired int `json:"matched_if_shared_time_required"`
	// Quotas is how the roster stands against the configuration's quotas.
	Quotas []QuotaResult `json:"quotas,omitempty"`
	// Decisions is what the program manager's decisions did; nil when
	// there were none.
	Decisions *DecisionSummary `json:"decisions,omitempty"`
	// History is how the roster stands against earlier cohorts' pairs
	// (--history); nil without history.
	History *HistorySummary `json:"history,omitempty"`
	// Preferences is how the roster met the stated preferences; nil when
	// nobody stated one.
	Preferences *PreferenceSummary `json:"preferences,omitempty"`
	// Stable is the price of stability, under the objective stable; nil
	// under the others.
	Stable *StableSummary `json:"stable,omitempty"`
}

// StableSummary is what a stable roster gives up: the optimum of the same
// program and decisions under the objective total (as many matched as
// possible, then the highest total), and the difference.
type StableSummary struct {
	OptimumMatched int     `json:"optimum_matched"`
	OptimumTotal   float64 `json:"optimum_total"`
	// OptimumCannotMeet counts the optimum's pairs who cannot meet (see
	// Summary.CannotMeet): with rules.prefer_shared_time the optimum
	// takes fewer of them before a higher total, and a stable roster
	// may score more points than it only by pairing more who cannot meet.
	OptimumCannotMeet int `json:"optimum_cannot_meet"`
	// CostMatches and CostPoints are how many fewer mentees the stable
	// roster matches, and how many fewer points it scores, than the
	// optimum (the points may be negative when it matches fewer).
	CostMatches int     `json:"cost_matches"`
	CostPoints  float64 `json:"cost_points"`
}

// DecisionSummary is how a roster stands against the program manager's
// decisions, and what the pins cost: the roster's matches and total
// against the optimum with the same vetoes and no pins (Free*).
type DecisionSummary struct {
	Pinned      int     `json:"pinned"`
	Forbidden   int     `json:"forbidden"`
	FreeMatched int     `json:"free_matched,omitempty"`
	FreeTotal   float64 `json:"free_total,omitempty"`
	// CostMatches and CostPoints are how many fewer mentees are matched,
	// and how many fewer points scored, than without the pins (0 or more).
	CostMatches int     `json:"cost_matches"`
	CostPoints  float64 `json:"cost_points"`
}

// Roster is the result of matching a program. Matches follow the mentees'
// input order; Unmatched lists mentees first, then mentors with no mentee.
type Roster struct {
	Matches   []Match      `json:"matches"`
	Unmatched []Unmatched  `json:"unmatched"`
	Load      []MentorLoad `json:"mentor_load"`
	Summary   Summary      `json:"summary"`
	Warnings  []string     `json:"warnings,omitempty"`
	// Dissolved is the history of pairs that re-matches took apart, never
	// to be formed again; empty until the first re-match.
	Dissolved []Dissolved `json:"dissolved,omitempty"`
}
