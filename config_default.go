package mentormatch

// DefaultConfigYAML is DefaultConfig as a commented YAML file; a test keeps
// the two equal.
const DefaultConfigYAML = `# mentormatch program configuration. Every key is optional: a missing key
# keeps the default shown here. An unknown key is an error, and so is a
# value outside the limits given below. The file may be at most 1 MiB.

# Relative importance of the score components. Each component is scored
# 0-1; the pair's score is 100 x (weighted sum / sum of weights). Each
# weight is 0 to 1,000,000, and at least one is above 0.
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
  max_level_gap: 0                 # largest level difference allowed, 0-8; 0 = no limit
  mentor_at_or_above_mentee: false # true: the mentor's level must be at least the mentee's
  min_score: 0                     # pairs scoring below this (0-100) are never formed
  min_overlap_hours: 0             # least weekly overlap (0-168), when both list availability
  prefer_shared_time: true         # among rosters matching the most mentees, most pairs who can meet
                                   # (a whole session free together every week), then the best score

# Criteria of the program's own, on any column of the people files (see
# docs/criteria.md). Each names a column and a rule, and is soft (a weight,
# on the scale of the weights above) or hard (a pair that fails it is never
# formed). For example:
#   - name: cross-department   # the component's name; default: the column
#     column: department       # a header, matched like the built-in ones
#     rule: different          # same, different, overlap, at_least, at_most,
#                              # closer_is_better, compatible, mentee_preference
#     weight: 10
#     hard: false
# Other keys: mentor_column, values, table (compatible), margin, scale,
# value and blank (ignore, fail or as_value).
criteria: []

# Program-level targets: the share of matched pairs that meet a criterion,
# reported in the summary as reached or not. A hard quota is enforced by the
# solver (at most one). For example:
#   - criterion: cross-department
#     at_least: 40             # percent of matched pairs (or at_most)
#     hard: false
quotas: []

# total: the highest total score; fair: the highest lowest score, then the
# highest total. Both first match as many mentees as possible. stable: no
# mentee and mentor who would both rather be together (each ranks by their
# prefers first, then score), the best such roster for the mentees.
objective: total

# Cohorts of mentees (peer circles): 2 <= min_size <= max_size <= 100.
cohorts:
  min_size: 4
  max_size: 12

# The session calendar. Dates are from 2000-01-01 to 2100-12-31, and the
# whole plan must end by then. A plan holds at most 5,000,000 session places
# (sessions x participants): plan refuses a larger one before it starts.
schedule:
  start: ""                         # YYYY-MM-DD; empty = the next Monday
  cycles: 1                         # rotation cycles to schedule, 1-100
  session_minutes: 60               # 5-480
  primary_every_days: 14            # 1:1 sessions with the primary mentor; cadences are 1-365 days
  peer_every_days: 14               # peer rotation rounds
  senior_every_days: 28             # senior mentor visits
  senior_max_sessions_per_cycle: 4  # per senior mentor, 0-1000; 0 = no limit
  holidays: []                      # YYYY-MM-DD dates with no sessions
  day_hours: "08:00-20:00"          # local day: where a meeting that fits nobody's free time goes

# Seed of every random choice, so the same input gives the same output.
seed: 1

# Re-matching after a relationship-health survey (rematch); its flags
# override these.
rematch:
  threshold: 3      # a pair whose mean rating (1-5) is below this is unhealthy
  max_moves: 0      # healthy pairs the optimiser may also move, 0-1,000,000
  move_margin: 5    # points of total score (0-100) each such move must add
  priority: freed   # who gets the places left first: freed (mentees whose pair
                    # ended), waiting (mentees unmatched before) or score (the
                    # highest total score, nobody first)

# Stated preferences (the prefers column: mentees list mentor ids in order,
# mentors list mentee ids): the prefers component, times weights.prefers.
preferences:
  ranks: [1, 0.8, 0.6] # a mentee's 1st, 2nd, 3rd (and later) choice, 0-1
  mentor: 0.5          # added when the mentor asked for the mentee (at most 1)

# Earlier cohorts (--history roster-or-plan, repeatable): their 1:1 pairs
# are not formed again.
history:
  repeat: forbid    # forbid: never again; penalty: allowed, losing penalty points
  penalty: 50       # points (0-100) an earlier pair loses with repeat: penalty

# Learning roadmaps (plan --roadmaps DIR): one per pair, from the mentee's
# wants (most important first), their level in each against the mentor's,
# and their career goals. Every objective goes through the stages below;
# each stage's milestone falls due on one of the pair's 1:1 sessions.
# A list given here replaces the default list whole.
roadmap:
  max_objectives: 3            # objectives per pair, at most (1-50)
  min_objectives: 2            # below this, wants the mentor is not stronger in, then other goals, fill up
  goal_objectives: 1           # career goals the mentor offers that take an objective, at most
  level_gain: 2                # levels to rise in a skill, capped by the mentor's level and 5
  stagger: 0.2                 # share of the program between consecutive objectives' starts (and due dates); 0 = side by side
  review_every_days: 28        # milestones fall on a review session this often (1-365 days), when the program is long enough
  skills_review_every_days: 91 # both re-rate the skills each quarter (0-365); 0 = only at the end
  level_names: [none, aware, basic, working, advanced, expert]  # levels 0-5 in words; [] = numbers only
  # Objective titles: {topic}, and for skills {from} and {to} (levels).
  skill_objective: "Raise {topic} from {from} to {to}"
  goal_objective: "Make visible progress towards {topic}"
  # Milestones of a career goal in no family below, by stage (the stages'
  # own texts are about practising a skill).
  goal_wording:
    discovery: "Talk through {topic} with {mentor}: what it would mean for {mentee}, how {mentor} sees the way there, and the first gap to close."
    practice: "Take one real step towards {topic}, chosen with {mentor} and small enough to finish in a few weeks."
    feedback: "Go through how that step went with {mentor}, with what others said about it."
    mastery: "Take a bigger step towards {topic}, and write down what {mentee} now does differently."
  intro: "A starting point, not a contract: change it together at the kickoff and keep it up to date as you go."
  # What each kind of session is for: {mentor} and {mentee} are their names.
  agenda:
    kickoff: "Get to know each other; agree the objectives below, rate where {mentee} stands in each today, and settle how you will work between sessions."
    review: "Go through each objective, tick the milestones that are done, and agree what happens before the next review."
    skills_review: "Both rate {mentee}'s level in every objective's skill again and compare it with the target; adjust the plan if it drifts."
    check_in: "What moved, what is blocked, one concrete next step."
    closing: "Rate every skill a last time against its target, note what {mentee} will keep working on alone, and say thank you."
  # Stages of every objective, in order. share: its part of the objective's
  # time (relative, like weights). text: the milestone for topics in no
  # family below; {topic}, {mentor} and {mentee} are filled in.
  stages:
    - name: discovery
      share: 0.2
      text: "Map {topic} together: {mentor} explains how it is used in real work here, {mentee} rates each part 0-5 and picks the two weakest to work on."
    - name: practice
      share: 0.35
      text: "Apply {topic} on a real task chosen with {mentor}; bring the result, or what blocked it, to every session."
    - name: feedback
      share: 0.25
      text: "{mentor} reviews {mentee}'s recent {topic} work in detail; agree the two changes that would make it stronger, and make them."
    - name: mastery
      share: 0.2
      text: "{mentee} handles {topic} without help and explains one decision to others (a peer session, a design review or a write-up)."
  # Wording per family of skills and goals: for each stage named, the
  # milestone text that replaces the stage's own. A topic is in one family.
  families:
    - name: programming
      topics: [go, java, python, kotlin, swift, typescript, react, sql]
      wording:
        discovery: "Read a well-kept {topic} codebase with {mentor}: list the idioms, libraries and tools {mentee} does not use yet."
        practice: "Ship a small {topic} change every two weeks, each using one idiom from the list."
        feedback: "{mentor} reviews two of {mentee}'s {topic} pull requests line by line; fix what they find and note the pattern."
        mastery: "Own a {topic} change from design note to release, and review a teammate's {topic} code."
    - name: operations
      topics: [kubernetes, terraform, observability, linux, incident response, distributed systems]
      wording:
        discovery: "Walk through how {topic} is set up in production with {mentor}; draw it and mark the parts {mentee} could not yet change alone."
        practice: "Make real {topic} changes, first in staging, then in production with {mentor} on hand."
        feedback: "Run a small game day or post-incident review on {topic} with {mentor}: what held, what to change."
        mastery: "Lead a {topic} change or incident end to end, and write the runbook others will use."
    - name: data
      topics: [spark, machine learning, data modeling]
      wording:
        discovery: "Go through one of {mentor}'s {topic} projects: the data, the choices made and why."
        practice: "Build a small {topic} piece on real data, with a question agreed with {mentor} first."
        feedback: "{mentor} reviews the {topic} work: assumptions, validation and how results are explained."
        mastery: "Present a {topic} result to its users and answer their questions."
    - name: security
      topics: [security, threat modeling, cryptography]
      wording:
        discovery: "Review a real system with {mentor} from an attacker's point of view; list what {mentee} would check next time."
        practice: "Apply {topic} to {mentee}'s own work: one threat model or security fix per fortnight."
        feedback: "{mentor} reviews {mentee}'s {topic} findings and fixes: what was missed, what was over-engineered."
        mastery: "Run a {topic} review for a team and present the findings."
    - name: design
      topics: [ui design, user research, accessibility, prototyping]
      wording:
        discovery: "Critique live screens with {mentor} through the lens of {topic}; collect examples of good and poor practice."
        practice: "Apply {topic} to a real feature, with a short test with users or an audit."
        feedback: "{mentor} reviews the {topic} work against what users did; iterate once."
        mastery: "Lead the {topic} side of a feature and share what worked with the team."
    - name: engineering practice
      topics: [testing, api design, architecture, system design, writing]
      wording:
        discovery: "Look at examples of good and weak {topic} in your own systems with {mentor}; agree what good looks like here."
        practice: "Write {topic} work for a real change and share it before it is final."
        feedback: "{mentor} reviews the {topic} work as a senior reviewer would; {mentee} revises it."
        mastery: "Lead the {topic} work of a change others depend on, and review someone else's."
    # Career goals, in words a mentee would use; {a} is "a" or "an" as the
    # topic needs. objective: the title of an objective on the family's
    # topics, instead of skill_objective or goal_objective.
    - name: next role
      topics: [tech lead, team lead, staff engineer, principal engineer, senior engineer, engineering manager, architect]
      objective: "Get ready for the {topic} role"
      wording:
        discovery: "Find out what {a} {topic} really does here: {mentor} walks {mentee} through a typical month, and {mentee} writes down the three things they would need to show."
        practice: "Do one piece of {topic} work now, small enough to finish in a few weeks, chosen with {mentor}."
        feedback: "Ask two colleagues how that work came across, and go through what they said with {mentor}."
        mastery: "Take on a bigger piece of {topic} work, and agree with {mentor} what still stands between {mentee} and the role."
    - name: leading people
      topics: [people management, leadership, mentoring, coaching, hiring]
      objective: "Get better at {topic}"
      wording:
        discovery: "Hear how {mentor} handles {topic}: the situations that were hard and what they would do differently; {mentee} picks the two they most want to get better at."
        practice: "Handle one real {topic} situation (a one-to-one, an interview, a hard conversation), prepared with {mentor} beforehand."
        feedback: "Debrief it with {mentor}: what went well, and what {mentee} would say differently next time."
        mastery: "Handle {topic} situations on {mentee}'s own for a few weeks, and tell {mentor} which one taught the most."
    - name: being heard
      topics: [public speaking, presenting, communication, influence, visibility]
      objective: "Get more confident with {topic}"
      wording:
        discovery: "Pick, with {mentor}, a talk, meeting or write-up coming up where {topic} matters, and agree what good would look like."
        practice: "Prepare it and rehearse it with {mentor} at least once."
        feedback: "Deliver it, then go through how it landed with {mentor}, with a comment or two from people who were there."
        mastery: "Do it again for a bigger audience (a team meeting, an internal talk, a meetup) without rehearsing with {mentor} first."
    - name: career path
      topics: [career growth, promotion, career change]
      objective: "Make a plan for {topic} and start on it"
      wording:
        discovery: "Talk through what {topic} means for {mentee}: where they want to be in two years, and how {mentor} got where they are."
        practice: "Write the plan down (the next step, what it needs, one thing to start this month) and go through it with {mentor}."
        feedback: "Share the plan with {mentee}'s manager and talk their answer over with {mentor}."
        mastery: "Have taken the first step of the plan, and know the next one."
    - name: product
      topics: [product sense, product strategy, roadmapping]
      objective: "Get better at {topic}"
      wording:
        discovery: "Go through a recent product decision with {mentor}: the users, the options, and why this one won."
        practice: "Bring a {topic} question from {mentee}'s own work to each session and work it through together."
        feedback: "{mentor} reads a proposal or roadmap {mentee} wrote and asks the questions a product lead would."
        mastery: "Make the case for one product decision to the people who own it."
    - name: balance
      topics: [work-life balance, wellbeing, time management]
      objective: "Work on {topic}"
      wording:
        discovery: "Talk openly with {mentor} about where {mentee}'s time and energy go, and what {mentor} does to protect theirs."
        practice: "Try one change for a month (a boundary, a no, a blocked hour), agreed with {mentor}."
        feedback: "Look back at the month with {mentor}: what stuck, what did not, and why."
        mastery: "Keep the changes that worked without having to think about them, and know what to do when it slips."
`
