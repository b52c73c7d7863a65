package table

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// Values line up after the label column and wrap under themselves; a
// label longer than the column pushes its value right, and no line passes
// the width either way.
func TestDetailsFieldsAlignAndWrap(t *testing.T) {
	st := common.DefaultStyles()
	b := Details{Styles: &st, Width: 40}
	b.Heading("Call")
	b.Field("Start", "now")
	b.Field("Final response from", strings.TrimSpace(strings.Repeat("word ", 12)))
	b.Blank()
	b.Note("a note")
	want := []string{
		"Call",
		"Start          now",
		"Final response from   word word word",
		"                      word word word",
		"                      word word word",
		"                      word word word",
		"",
		"a note",
	}
	if got := b.Lines; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range b.Lines {
		if ansi.StringWidth(l) > b.Width {
			t.Errorf("%q passes the width %d", l, b.Width)
		}
	}
}
