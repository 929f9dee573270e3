package mentormatch

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseConfig feeds any text to the configuration reader: it never
// panics or hangs, an error is always a configuration (input) error, and a
// configuration it accepts is valid and reads the same twice. The seeds
// are the commented defaults and small variations of them.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(DefaultConfigYAML))
	f.Add([]byte("weights:\n  skills: 90\nlevels:\n  Engineer II: 3\nobjective: fair\n"))
	f.Add([]byte("cohorts: {min_size: 5, max_size: 4}\n"))
	f.Add([]byte("schedule:\n  holidays: [2027-01-01, x]\n  start: 2027-02-30\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("weights: !!binary aGVsbG8=\n"))
	f.Add([]byte("---\nseed: 1\n---\nseed: 2\n"))
	f.Add([]byte("rules:\n  min_overlap: 3\n  min_score: .nan\nweights: {skils: 1, goals: 1e400}\ncycles: 3\nseed: 1\nseed: 2\n"))
	f.Add([]byte("base: &b {cycles: 2, session_minutes: 0}\nschedule:\n  <<: *b\n  start: 9999-12-27\ncohorts: {max_size: 1e9, min_size: 2.5}\n"))
	f.Add([]byte("criteria:\n  - {colum: a, rule: same, weight: .inf, margin: .nan}\nquotas: [{criterion: a, at_least: -1}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrConfig) || !errors.Is(err, ErrInput) {
				t.Fatalf("not a configuration error: %T %v", err, err)
			}
			if msg := err.Error(); strings.TrimSpace(msg) == "" || strings.Contains(msg, "mentormatch.") || strings.Contains(msg, "not found in type") {
				t.Fatalf("message not in words: %q", msg)
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("accepted an invalid configuration: %v", err)
		}
		again, err := ParseConfig(bytes.NewReader(data))
		if err != nil || !reflect.DeepEqual(cfg, again) {
			t.Fatalf("two reads differ: %v", err)
		}
	})
}
