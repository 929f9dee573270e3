package cohort

import (
	"fmt"
	"testing"

	"github.com/mentormatch/mentormatch"
)

var benchZones = []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/London", "America/Los_Angeles"}

func BenchmarkForm(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		p := testProgram(n, 1, 0, benchZones)
		cfg := mentormatch.DefaultConfig()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Form(p, cfg)
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		p := testProgram(n, n/5, n/50, benchZones)
		r := roundRobinRoster(p, n/5)
		cfg := mentormatch.DefaultConfig()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(p, r, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
