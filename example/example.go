package example

import _ "embed"

// PeopleName is the name the example file goes by in messages.
const PeopleName = "example/people.csv"

//go:embed people.csv
var peopleCSV []byte

// PeopleCSV returns the example people file: one CSV with a role column.
// The caller gets its own copy and may change it.
func PeopleCSV() []byte { return append([]byte(nil), peopleCSV...) }
