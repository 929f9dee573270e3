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
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrConfig) || !errors.Is(err, ErrInput) {
				t.Fatalf("not a configuration error: %T %v", err, err)
			}
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("empty message")
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
