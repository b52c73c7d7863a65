package table

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// callsColumns are the calls list's columns, the widest set a screen has.
var callsColumns = []Column{
	{Title: "Start", Min: 19, Max: 19},
	{Title: "Duration", Min: 8, Max: 8, Right: true, Drop: 3},
	{Title: "Type", Min: 10, Max: 10, Drop: 4},
	{Title: "Modalities", Min: 10, Max: 28, Flex: 1, Drop: 5},
	{Title: "Organizer", Min: 14, Flex: 3},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

func sumWidths(w []int) (total, shown int) {
	for _, x := range w {
		if x > 0 {
			total += x
			shown++
		}
	}
	return total + columnGap*max(shown-1, 0), shown
}

func TestLayoutColumnsCallsAt120ShowsA30CellOrganizer(t *testing.T) {
	w := LayoutColumns(callsColumns, 120-Gutter, nil)
	if w[4] < 30 {
		t.Fatalf("organizer width %d < 30 at 120 columns (widths %v)", w[4], w)
	}
	total, shown := sumWidths(w)
	if shown != len(callsColumns) || total > 118 {
		t.Fatalf("widths %v: shown %d, total %d", w, shown, total)
	}
	if w[0] != 19 || w[5] != 9 {
		t.Fatalf("start and id must keep their fixed widths: %v", w)
	}
}

func TestLayoutColumnsDropsByPriorityAndNeverOverflows(t *testing.T) {
	w := LayoutColumns(callsColumns, 60-Gutter, nil)
	if w[3] != 0 || w[2] != 0 {
		t.Fatalf("at 60 columns modalities and type hide first: %v", w)
	}
	if w[0] == 0 || w[4] == 0 || w[1] == 0 || w[5] == 0 {
		t.Fatalf("at 60 columns start, duration, organizer, id stay: %v", w)
	}
	for avail := -5; avail < 200; avail++ {
		w := LayoutColumns(callsColumns, avail, nil)
		if total, _ := sumWidths(w); total > max(avail, 0) {
			t.Fatalf("avail %d: total %d overflows (%v)", avail, total, w)
		}
	}
}

func TestLayoutColumnsHonoursMax(t *testing.T) {
	cols := []Column{{Title: "a", Min: 3, Max: 5, Flex: 1}, {Title: "b", Min: 3, Flex: 1}}
	w := LayoutColumns(cols, 40, nil)
	if w[0] != 5 || w[1] != 40-5-columnGap {
		t.Fatalf("widths %v, want [5 %d]", w, 40-5-columnGap)
	}
}

// wideCells mixes CJK, emoji (with ZWJ and variation selectors), combining
// marks and ASCII, some wider than their column.
var wideCells = [][]string{
	{"山田太郎", "peerToPeer", "3m05s"},
	{"👩‍💻 Dev Ops on call", "groupCall", "1h02m"},
	{"Zoë Ångström", "unknown", "12s"},
	{"東京オフィス会議室ディスプレイ", "groupCall", "—"},
	{"❤️ team", "peerToPeer", "0s"},
	{"e\u0301clair", "peerToPeer", "9s"},
}

func wideTable(c *common.Common) Table {
	cols := []Column{
		{Title: "Organizer", Min: 12, Max: 18, Flex: 1},
		{Title: "Type", Min: 10, Max: 10},
		{Title: "Dur", Min: 6, Max: 6, Right: true},
	}
	tb := NewTable(c, cols, func(r, col int) string { return wideCells[r][col] })
	tb.SetLen(len(wideCells))
	return tb
}

func TestTableWideRunesKeepAlignment(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	tb := wideTable(c)
	tb.SetSize(44, 10)
	tb.SetCursor(1)
	out := tb.View()
	lines := strings.Split(out, "\n")
	if len(lines) != len(wideCells)+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(wideCells)+1, out)
	}
	want := ansi.StringWidth(lines[0])
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != want {
			t.Errorf("line %d is %d cells wide, header %d: %q", i, w, want, l)
		}
		// The type column starts at the same cell on every line.
		if i > 0 {
			before := ansi.StringWidth(ansi.Truncate(l, Gutter+tb.Widths()[0]+columnGap, ""))
			if before != Gutter+tb.Widths()[0]+columnGap {
				t.Errorf("line %d: type column starts at %d", i, before)
			}
		}
	}
	if !strings.Contains(out, "…") {
		t.Error("the long CJK name should be cut with …")
	}
	uitest.Golden(t, "", out)
}

func TestTableRendersOnlyTheVisibleWindow(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	calls := 0
	tb := NewTable(c, callsColumns, func(r, col int) string { calls++; return fmt.Sprint(r) })
	tb.SetLen(1_000_000)
	tb.SetSize(120, 21)
	tb.SetCursor(500_000)
	calls = 0
	out := tb.View()
	if max := 20 * len(callsColumns); calls > max {
		t.Fatalf("cell called %d times for a 20-row window (max %d)", calls, max)
	}
	if !strings.Contains(out, "› 500000") {
		t.Fatalf("cursor row not drawn with its marker:\n%s", out)
	}
}

func TestTableMovementAndClamping(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	tb := NewTable(c, callsColumns, func(r, col int) string { return "" })
	tb.SetSize(80, 11) // 10 rows visible
	tb.SetLen(100)
	steps := []struct {
		name         string
		key          any
		cursor, offs int
	}{
		{"up at top stays", uitest.KeyUp, 0, 0},
		{"down", uitest.KeyDown, 1, 0},
		{"pgdown", uitest.KeyPageDown, 11, 10},
		{"pgup", uitest.KeyPageUp, 1, 0},
		{"end", uitest.KeyEnd, 99, 90},
		{"down at end stays", uitest.KeyDown, 99, 90},
		{"home", uitest.KeyHome, 0, 0},
	}
	for _, st := range steps {
		if !tb.Update(st.key) {
			t.Fatalf("%s: key not handled", st.name)
		}
		if tb.Cursor() != st.cursor || tb.Offset() != st.offs {
			t.Fatalf("%s: cursor %d offset %d, want %d %d", st.name, tb.Cursor(), tb.Offset(), st.cursor, st.offs)
		}
	}
	if tb.Update(uitest.KeyRune('x')) {
		t.Fatal("x is not a movement key")
	}
}

func TestTableKeepsCursorOnResize(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	tb := NewTable(c, callsColumns, func(r, col int) string { return fmt.Sprint(r) })
	tb.SetSize(120, 31)
	tb.SetLen(1000)
	tb.SetCursor(25)
	tb.SetSize(120, 6) // 5 rows
	if tb.Cursor() != 25 || tb.Offset() > 25 || tb.Offset()+5 <= 25 {
		t.Fatalf("cursor %d offset %d: cursor must stay and be visible", tb.Cursor(), tb.Offset())
	}
	tb.SetSize(120, 200)
	if tb.Cursor() != 25 {
		t.Fatalf("cursor moved to %d on growing", tb.Cursor())
	}
	tb.SetLen(10)
	if tb.Cursor() != 9 {
		t.Fatalf("cursor %d after rows shrank to 10, want 9", tb.Cursor())
	}
	tb.SetLen(0)
	if tb.Cursor() != 0 || tb.Offset() != 0 {
		t.Fatalf("empty table: cursor %d offset %d", tb.Cursor(), tb.Offset())
	}
}

func TestTableTinySizesDoNotPanic(t *testing.T) {
	c := uitest.Common(time.Unix(0, 0))
	tb := wideTable(c)
	for w := 0; w < 30; w++ {
		for h := 0; h < 4; h++ {
			tb.SetSize(w, h)
			out := tb.View()
			for _, l := range strings.Split(out, "\n") {
				if ansi.StringWidth(l) > max(w, 0) {
					t.Fatalf("%dx%d: line %q wider than the table", w, h, l)
				}
			}
		}
	}
}

func TestWriteCellCutsAndPads(t *testing.T) {
	cases := []struct {
		in    string
		w     int
		right bool
		want  string
	}{
		{"abc", 5, false, "abc  "},
		{"abc", 5, true, "  abc"},
		{"abcdef", 4, false, "abc…"},
		{"abcdef", 1, false, "…"},
		{"山田太郎", 5, false, "山田…"},
		{"山田", 5, true, " 山田"},
		{"a\nb", 3, false, "a b"},
	}
	for _, c := range cases {
		var b strings.Builder
		WriteCell(&b, c.in, c.w, c.right)
		if b.String() != c.want {
			t.Errorf("writeCell(%q, %d, %v) = %q, want %q", c.in, c.w, c.right, b.String(), c.want)
		}
		if got := ansi.StringWidth(b.String()); got != c.w {
			t.Errorf("writeCell(%q, %d): %d cells", c.in, c.w, got)
		}
	}
}
