package mentormatch

// DefaultConfigYAML is DefaultConfig as a commented YAML file; a test keeps
// the two equal.
const DefaultConfigYAML = `# mentormatch program configuration. Every key is optional: a missing key
# keeps the default shown here. An unknown key is an error.

# Relative importance of the score components. Each component is scored
# 0-1; the pair's score is 100 x (weighted sum / sum of weights).
weights:
  skills: 40        # the mentor is stronger in what the mentee wants to learn
  availability: 25  # weekly hours both are free, across time zones
  goals: 20         # the mentee's career goals against what the mentor offers
  level: 10         # the mentor is a comfortable 1-3 levels above the mentee
  prefers: 5        # the mentee asked for this mentor

# Job titles in the level column and the level (1-9) they stand for.
levels:
  intern: 1
  junior: 2
  mid: 3
  senior: 4
  staff: 5
  principal: 6
  director: 7
  vp: 8
  executive: 9

# Other names for goals and offers, mapped to one name: "tl: tech lead".
synonyms: {}

# Hard rules: a pair that breaks one is never formed.
rules:
  avoid: true                      # honour the avoid column, both directions
  management_chain: true           # never pair someone with their manager, their manager's manager, ...
  shared_language: true            # both must share a language when both list any
  allow_same_department: true      # false: mentor and mentee must be in different departments
  max_level_gap: 0                 # largest level difference allowed; 0 = no limit
  mentor_at_or_above_mentee: false # true: the mentor's level must be at least the mentee's
  min_score: 0                     # pairs scoring below this are never formed
  min_overlap_hours: 0             # least weekly overlap, when both list availability

# total: the highest total score; fair: the highest lowest score, then the
# highest total. Both first match as many mentees as possible.
objective: total

# Cohorts of mentees (peer circles).
cohorts:
  min_size: 4
  max_size: 12

# The session calendar.
schedule:
  start: ""                         # YYYY-MM-DD; empty = the next Monday
  cycles: 1                         # rotation cycles to schedule
  session_minutes: 60
  primary_every_days: 14            # 1:1 sessions with the primary mentor
  peer_every_days: 14               # peer rotation rounds
  senior_every_days: 28             # senior mentor visits
  senior_max_sessions_per_cycle: 4  # per senior mentor
  holidays: []                      # YYYY-MM-DD dates with no sessions

# Seed of every random choice, so the same input gives the same output.
seed: 1
`
