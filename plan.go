package mentormatch

import "time"

// Cohort is a peer circle of mentees and the senior mentors who visit it.
type Cohort struct {
	ID      string   `json:"id"`
	Members []string `json:"members"` // mentee ids
	Seniors []string `json:"seniors"` // senior mentor ids
}

// SessionKind is what a session is: a 1:1, a peer round or a senior visit.
type SessionKind string

// Session kinds.
const (
	KindPrimary SessionKind = "primary"
	KindPeer    SessionKind = "peer"
	KindSenior  SessionKind = "senior"
)

// Session is one meeting. A peer round is several sessions with the same
// Round. Start and End carry the program's reference zone; Flag says why a
// meeting could not be placed inside everyone's availability, if so.
type Session struct {
	Cohort       string      `json:"cohort"`
	Kind         SessionKind `json:"kind"`
	Round        int         `json:"round"`
	Start        time.Time   `json:"start"`
	End          time.Time   `json:"end"`
	Participants []string    `json:"participants"`
	Flag         string      `json:"flag,omitempty"`
	// Local is when the session starts for each participant, in
	// Participants' order, in their own zone.
	Local []LocalStart `json:"local,omitempty"`
}

// LocalStart is a session's start for one participant, in their own zone.
type LocalStart struct {
	ID       string    `json:"id"`
	Start    time.Time `json:"start"` // in the participant's zone
	TimeZone string    `json:"time_zone"`
}

// Plan is a roster with its cohorts and dated sessions.
type Plan struct {
	Roster   *Roster   `json:"-"`
	Cohorts  []Cohort  `json:"cohorts"`
	Sessions []Session `json:"sessions"`
	Warnings []string  `json:"warnings"`
	// Roadmaps are the pairs' learning roadmaps, in roster order, when
	// asked for.
	Roadmaps []Roadmap `json:"roadmaps,omitempty"`
	// EarlierPeers is how the cohorts stand against earlier cohorts'
	// peers; nil without earlier cohorts among the program's mentees.
	EarlierPeers *PeerSummary `json:"earlier_peers,omitempty"`
}
