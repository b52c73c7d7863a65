package table

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/uitest"
)

func TestChooseColumnsHidesOnlyTheUnchosenAtEveryWidth(t *testing.T) {
	visible := []bool{true, false, true, false, true, true}
	cols := ChooseColumns(callsColumns, visible)
	if got := VisibleColumns(cols); !slices.Equal(got, visible) {
		t.Fatalf("VisibleColumns = %v, want %v", got, visible)
	}
	for avail := 0; avail < 200; avail++ {
		w := LayoutColumns(cols, avail, nil)
		if w[1] != 0 || w[3] != 0 {
			t.Fatalf("avail %d: hidden Duration and Modalities take %d and %d cells", avail, w[1], w[3])
		}
		if total, _ := sumWidths(w); total > avail {
			t.Fatalf("avail %d: total %d overflows (%v)", avail, total, w)
		}
	}
	// Where everything fits, hiding gives the room to the flexible
	// columns instead of dropping another.
	w := LayoutColumns(cols, 118, nil)
	if w[0] != 19 || w[2] != 10 || w[4] == 0 || w[5] != 9 {
		t.Fatalf("at 120 columns the chosen columns all show: %v", w)
	}
}

func TestChooseColumnsKeepsOneColumnAndRestoresWidths(t *testing.T) {
	cols := ChooseColumns(callsColumns, make([]bool, len(callsColumns)))
	if got := VisibleColumns(cols); !got[0] || slices.Contains(got[1:], true) {
		t.Fatalf("hiding all must keep the first: %v", got)
	}
	// Shown again from the full set: the original Min and Drop come back.
	again := ChooseColumns(callsColumns, []bool{true, true})
	if !slices.Equal(again, callsColumns) {
		t.Fatalf("a short visible list shows the rest with their own widths: %+v", again)
	}
	if ChooseColumns(nil, nil) == nil || len(ChooseColumns(nil, nil)) != 0 {
		t.Fatal("no columns: an empty set")
	}
}

func TestTableDrawsNoHiddenColumnAndKeepsCellIndexes(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	var asked []int
	tb := NewTable(c, callsColumns, func(r, col int) string {
		asked = append(asked, col)
		return fmt.Sprintf("c%d", col)
	})
	tb.SetSize(160, 5)
	tb.SetLen(1)
	tb.SetColumns(ChooseColumns(callsColumns, []bool{true, false, true, true, false, true}))
	view := tb.View()
	header := strings.SplitN(view, "\n", 2)[0]
	for _, hidden := range []string{"Duration", "Organizer"} {
		if strings.Contains(header, hidden) {
			t.Fatalf("hidden column %s drawn: %q", hidden, header)
		}
	}
	for _, shown := range []string{"Start", "Type", "Modalities", "Id"} {
		if !strings.Contains(header, shown) {
			t.Fatalf("chosen column %s not drawn: %q", shown, header)
		}
	}
	// The cell func is asked with the screen's own indexes, hidden ones never.
	if !slices.Equal(asked, []int{0, 2, 3, 5}) {
		t.Fatalf("cells asked for columns %v, want [0 2 3 5]", asked)
	}
	if got := tb.DrawnColumns(); !slices.Equal(got, []int{0, 2, 3, 5}) {
		t.Fatalf("DrawnColumns = %v", got)
	}
	if !strings.Contains(view, "c5") || strings.Contains(view, "c1") {
		t.Fatalf("row: %q", view)
	}
}

func TestColumnTitles(t *testing.T) {
	want := []string{"Start", "Duration", "Type", "Modalities", "Organizer", "Id"}
	if got := ColumnTitles(callsColumns); !slices.Equal(got, want) {
		t.Fatalf("ColumnTitles = %v", got)
	}
}
