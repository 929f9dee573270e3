package mentormatch

import "time"

// Dissolved is a mentee–mentor pair that a re-match took apart. It is kept
// in every later roster so that the pair is never formed again.
type Dissolved struct {
	MenteeID   string `json:"mentee_id"`
	MenteeName string `json:"mentee_name"`
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	Why        string `json:"why"`
}

// Answer is one row of a relationship-health survey: one side of a pair
// rating how the pair works.
type Answer struct {
	MenteeID string
	MentorID string
	// Rater is RoleMentee or RoleMentor: who gave the answer.
	Rater Role
	// Rating is 1 (not working at all) to 5 (works very well).
	Rating      int
	WantsChange bool
	Comment     string
	// Skills are levels (0–5) the rater gives the mentee's skills, when
	// the survey is a check-in that asks: a mentee's are self-ratings.
	Skills []Skill
	// Milestone is the rater's view of the pair's current milestone:
	// MilestoneDone, MilestoneOnTrack, MilestoneBehind, or "" when not asked.
	Milestone MilestoneStatus
	// Date is when the answer was given, at 00:00 UTC; zero when the survey
	// has no date column.
	Date   time.Time
	Source Source
}

// Survey is a relationship-health survey as read from a file.
type Survey struct {
	Answers []Answer
	// Warnings are things the reader repaired or that do not stop a
	// re-match.
	Warnings Problems
}

// PairHealth is what a survey says about one pair of the roster.
type PairHealth struct {
	MenteeID   string `json:"mentee_id"`
	MenteeName string `json:"mentee_name"`
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	// Answers counts the survey rows about the pair, from either side.
	Answers        int  `json:"answers"`
	MenteeAnswered bool `json:"mentee_answered"`
	MentorAnswered bool `json:"mentor_answered"`
	// MeanRating is the mean of all the pair's ratings; 0 when there are
	// none.
	MeanRating float64 `json:"mean_rating"`
	// WantsChange is "mentee", "mentor", "both" or "".
	WantsChange string `json:"wants_change"`
	Unhealthy   bool   `json:"unhealthy"`
	// Why says in words why the pair is unhealthy, or what is missing.
	Why string `json:"why"`
}

// MentorHealth sums up the survey for one mentor's pairs.
type MentorHealth struct {
	MentorID   string  `json:"mentor_id"`
	MentorName string  `json:"mentor_name"`
	Pairs      int     `json:"pairs"`
	Answers    int     `json:"answers"`
	MeanRating float64 `json:"mean_rating"` // 0 when no answers
	Flagged    int     `json:"flagged"`
}

// Health is a relationship-health survey summed up against a roster.
type Health struct {
	Threshold float64 `json:"threshold"`
	// Pairs is the roster's pairs; Answered those with at least one answer.
	Pairs    int `json:"pairs"`
	Answered int `json:"answered"`
	// Answers is the survey's rows; ResponseRate the share of the
	// 2 × Pairs expected respondents (each side of each pair) who answered
	// at least once.
	Answers      int     `json:"answers"`
	ResponseRate float64 `json:"response_rate"`
	// MeanRating is the mean of every rating; 0 when there are none.
	MeanRating float64 `json:"mean_rating"`
	Flagged    int     `json:"flagged"`
	// ByMentor is sorted by mentor id; ByPair by mentee id.
	ByMentor []MentorHealth `json:"by_mentor"`
	ByPair   []PairHealth   `json:"by_pair"`
	// Missing lists, in words, the pairs and sides that did not answer.
	Missing []string `json:"missing"`
}

// Change is one mentee whose mentor a re-match changed: dissolved, moved,
// newly matched, left or joined. An empty mentor id means none.
type Change struct {
	MenteeID      string     `json:"mentee_id"`
	MenteeName    string     `json:"mentee_name"`
	OldMentorID   string     `json:"old_mentor_id"`
	OldMentorName string     `json:"old_mentor_name"`
	NewMentorID   string     `json:"new_mentor_id"`
	NewMentorName string     `json:"new_mentor_name"`
	Kind          ChangeKind `json:"kind"`
	Why           string     `json:"why"`
}

// ChangeKind is what a re-match did to a mentee.
type ChangeKind string

// Kinds of change.
const (
	ChangeDissolved ChangeKind = "dissolved" // the pair was unhealthy
	ChangeFreed     ChangeKind = "freed"     // the mentor left, is full or the pair now breaks a rule
	ChangeMoved     ChangeKind = "moved"     // a healthy pair moved to raise the total (--max-moves)
	ChangeMatched   ChangeKind = "matched"   // was unmatched, now has a mentor
	ChangeJoined    ChangeKind = "joined"    // new in the people file
	ChangeLeft      ChangeKind = "left"      // no longer in the people file
)

// Rematch is the outcome of re-matching after a survey: the new roster
// (with the history of dissolved pairs), what changed and why, and the
// survey summed up.
type Rematch struct {
	Roster  *Roster
	Changes []Change
	Health  Health
	// Priority is the rematch.priority that placed the mentees without a
	// pair: freed, waiting or score.
	Priority string
}
