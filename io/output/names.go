package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Key is one file to name.
type Key struct {
	// Text is what the name shows: an id, or ids joined by "-".
	// Characters other than A–Z, a–z, 0–9, '.', '_' and '-' become '_'.
	Text string
	// ID is what the file stands for, exactly: keys whose Text reads
	// alike get names that differ by a hash of their ID.
	ID string
	// Reserved marks a Text that must not name a file as it is, such as
	// a person id that reads like a cohort's file name.
	Reserved bool
}

// Name limits: a name is at most maxText characters of Text, then
// "~" and hashLen hex digits of the ID's hash, then the extension, which
// fits the 255 bytes of common file systems and the 143 of encrypted ones.
const (
	maxText = 100
	hashLen = 10
)

// Names gives each key a file name ending in ext. Names are unique by
// construction, even on file systems that ignore case, and the same keys
// give the same names on every run. A key's name is its Text, made safe,
// when that says exactly which key it is; otherwise (characters replaced,
// two keys alike but for case or replaced characters, Reserved, a name
// Windows reserves such as CON or NUL, empty or too long) the name is the
// Text cut to 100 characters, "~" and a hash of the ID: "j_rgen~3f2a9c1b07.ics".
// Two keys with the same ID are an error.
func Names(keys []Key, ext string) ([]string, error) {
	out := make([]string, len(keys))
	hashed := make([]bool, len(keys))
	byFold := map[string][]int{}
	for i, k := range keys {
		s, exact := safe(k.Text)
		out[i] = s
		hashed[i] = !exact || k.Reserved || s == "" || len(s) > maxText || reservedName(s)
		if !hashed[i] {
			f := strings.ToLower(s)
			byFold[f] = append(byFold[f], i)
		}
	}
	for _, is := range byFold {
		if len(is) > 1 {
			for _, i := range is {
				hashed[i] = true
			}
		}
	}
	seen := make(map[string]int, len(keys))
	for i, k := range keys {
		if hashed[i] {
			sum := sha256.Sum256([]byte(k.ID))
			s := out[i]
			if len(s) > maxText {
				s = s[:maxText]
			}
			out[i] = s + "~" + hex.EncodeToString(sum[:])[:hashLen]
		}
		out[i] += ext
		f := strings.ToLower(out[i])
		if j, dup := seen[f]; dup {
			return nil, fmt.Errorf("%q and %q would share the file name %s", keys[j].ID, k.ID, out[i])
		}
		seen[f] = i
	}
	return out, nil
}

// safe replaces the characters of s that are not safe in a file name on
// every system, and a leading dot (a hidden file, or "." and ".."), with
// '_'; exact says nothing was replaced.
func safe(s string) (string, bool) {
	var b strings.Builder
	exact := true
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		case r == '.' && i > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
			exact = false
		}
	}
	return b.String(), exact
}

// reservedName reports whether s is a device name of Windows, which is
// reserved with any extension and in any case.
func reservedName(s string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(s), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// maxName bounds a name Put accepts: Names gives at most 100 + 1 + 10
// characters and an extension.
const maxName = 143

// checkName refuses a name that is not one file in the folder: Names never
// gives one, so this is a mistake in the caller.
func checkName(name string) error {
	if name == "" || len(name) > maxName || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\:`) {
		return fmt.Errorf("%q is not a file name mentormatch writes", name)
	}
	return nil
}
