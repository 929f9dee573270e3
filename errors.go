package mentormatch

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. The command line maps ErrInput and ErrUsage to exit
// code 2 and everything else to 1.
var (
	// ErrInput marks input the user can fix: a bad file, row or cell.
	ErrInput = errors.New("invalid input")
	// ErrUsage marks a wrong command line.
	ErrUsage = errors.New("usage")
	// ErrConfig marks a bad configuration file; it is an input error.
	ErrConfig error = configError{}
)

// configError reads "configuration" in messages (not "invalid input:
// configuration") and still matches ErrInput.
type configError struct{}

func (configError) Error() string        { return "configuration" }
func (configError) Is(target error) bool { return target == ErrInput }

// Problem is one thing wrong with an input, located as precisely as the
// input allows. Row is 1-based as the spreadsheet shows it, 0 when the
// problem is with the whole file.
type Problem struct {
	File    string `json:"file,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Sheet != "" {
			b.WriteString(" [" + p.Sheet + "]")
		}
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, " row %d", p.Row)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " column %q", p.Column)
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		return p.Message
	}
	return s + ": " + p.Message
}

// Problems is every problem found in the input. It is an error that matches
// ErrInput, so callers report all of them at once.
type Problems []Problem

func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].String()
	}
	lines := make([]string, 0, len(ps)+1)
	lines = append(lines, fmt.Sprintf("%d problems found:", len(ps)))
	for _, p := range ps {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

// Is makes errors.Is(ps, ErrInput) true.
func (ps Problems) Is(target error) bool { return target == ErrInput }

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Collect adds the problems err holds to ps and returns nil, so that
// every file is read before the problems are reported together; any
// other error (nil included) is returned as it is.
func (ps *Problems) Collect(err error) error {
	var more Problems
	if errors.As(err, &more) {
		*ps = append(*ps, more...)
		return nil
	}
	return err
}
