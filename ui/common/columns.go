package common

import (
	"strings"
	"unicode"
)

// Columnar is a list whose columns the user chooses (the column chooser,
// ui/columns, on the Columns key). Hidden columns are not drawn; at least
// one column stays. The choice is kept per kind in the config file.
type Columnar interface {
	// ColumnsKind names the list in the config file's columns: section:
	// ColumnsCalls, ColumnsDirect or ColumnsPstn.
	ColumnsKind() string
	// ColumnTitles are every column the list can show, in order.
	ColumnTitles() []string
	// VisibleColumns is which of them the user left shown.
	VisibleColumns() []bool
	// SetVisibleColumns shows the columns marked true and hides the rest;
	// a list that would show none shows its first.
	SetVisibleColumns(visible []bool)
}

// The kinds of list whose columns the config file keeps: the names of
// the views (--view), so a file reads the same words everywhere.
const (
	ColumnsCalls  = "calls"
	ColumnsDirect = "direct"
	ColumnsPstn   = "pstn"
)

// ColumnKinds are the kinds in the order the config file lists them.
var ColumnKinds = []string{ColumnsCalls, ColumnsDirect, ColumnsPstn}

// ColumnKey is a column's title as the config file names it: lower case,
// every run of other characters one "-" ("Caller → Callee" is
// caller-callee), so a name needs no quoting in YAML.
func ColumnKey(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
