// Package wording writes numbers and counts the way mentormatch's messages
// and reasons say them to a program manager: "3 answers", "1 pair",
// "71.25", "3".
package wording

import (
	"math"
	"strconv"
	"strings"
)

// Plural is n followed by word, with an s unless n is 1: "1 mentee",
// "3 mentees". Words whose plural is not word+"s" are not written
// through it.
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Num writes a score or rating to two decimals without trailing zeros:
// 2.5, 3, 71.25.
func Num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// FirstFew is the first n of xs and then "…" when there are more: how a
// message lists examples without burying the line that matters.
func FirstFew(xs []string, n int) []string {
	if len(xs) > n {
		return append(xs[:n:n], "…")
	}
	return xs
}

// Thousands writes v rounded to a whole number, its digits grouped by
// thousands as people read a count or a limit: 5,000,000.
func Thousands(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "-", s[1:]
	}
	if strings.Trim(digits, "0123456789") != "" {
		return s // an infinity or NaN
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
