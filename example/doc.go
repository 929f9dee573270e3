// Package example holds the built-in example program that match, plan and
// rematch run on with --example: a small, hand-made company of four
// departments on three continents, with management chains, senior mentors,
// preferences, avoid lists and one mentee–mentor pair that shares no
// language, so that every rule of the matcher shows up in its output.
package example
