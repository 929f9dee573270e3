// Package roster turns a program into a roster: it scores every
// mentee–mentor pair, solves the assignment exactly and explains the result
// in words, one match or one unmatched person at a time.
package roster
