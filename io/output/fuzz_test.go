package output

import (
	"strings"
	"testing"
)

// A manifest, whatever it holds, names only files of its own folder.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(manifestHead + "\na.ics\nb.ics\n"))
	f.Add([]byte("../x\n/etc/passwd\n.hidden\nsub/a.md\r\nok.md\r\n#c\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name := range parseManifest(data) {
			if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") {
				t.Fatalf("%q read as a file of the folder", name)
			}
		}
	})
}

// Two different ids never share a name, even where case is ignored.
func FuzzNames(f *testing.F) {
	f.Add("jürgen", "jörgen", false)
	f.Add("cohort-C1", "C1", true)
	f.Add("A1", "a1", false)
	f.Add("x-y\x00z", "x\x00y-z", false)
	f.Fuzz(func(t *testing.T, a, b string, reserved bool) {
		if a == b {
			return
		}
		names, err := Names([]Key{{Text: a, ID: a, Reserved: reserved}, {Text: b, ID: b}}, ".md")
		if err != nil {
			t.Skip("a hash collision of 40 bits")
		}
		if strings.EqualFold(names[0], names[1]) {
			t.Fatalf("%q and %q share %q", a, b, names[0])
		}
		for _, n := range names {
			if err := checkName(n); err != nil {
				t.Fatal(err)
			}
		}
	})
}
