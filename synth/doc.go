// Package synth generates seeded, realistic synthetic populations of
// mentees and mentors for demos, tests and benchmarks.
//
// A population is a company: departments with a head, managers and their
// reports; skills drawn from per-department distributions whose levels grow
// with seniority, so a Platform mentor is strong in kubernetes and go and a
// Data mentee is weak in spark; people spread over time zones round the world
// with weekly availability in their own working hours; languages that follow
// the zone; and the occasional preference or avoid entry.
//
// Generate is deterministic for a seed (a PCG source seeded from
// Options.Seed) and runs in O(n) time and memory for n people; WritePeopleCSV
// and WritePeopleXLSX write the result with the canonical column headers
// that the people reader accepts.
package synth
