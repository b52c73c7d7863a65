package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func sumWidths(w []int) (total, shown int) {
	for _, x := range w {
		if x > 0 {
			total += x
			shown++
		}
	}
	return total + tableGap*max(shown-1, 0), shown
}

func TestLayoutColumnsCallsAt120ShowsA30CellOrganizer(t *testing.T) {
	w := layoutColumns(callColumns, 120-tableGutter, nil)
	if w[4] < 30 {
		t.Fatalf("organizer width %d < 30 at 120 columns (widths %v)", w[4], w)
	}
	total, shown := sumWidths(w)
	if shown != len(callColumns) || total > 118 {
		t.Fatalf("widths %v: shown %d, total %d", w, shown, total)
	}
	if w[0] != 19 || w[5] != 9 {
		t.Fatalf("start and id must keep their fixed widths: %v", w)
	}
}

func TestLayoutColumnsDropsByPriorityAndNeverOverflows(t *testing.T) {
	w := layoutColumns(callColumns, 60-tableGutter, nil)
	if w[3] != 0 || w[2] != 0 {
		t.Fatalf("at 60 columns modalities and type hide first: %v", w)
	}
	if w[0] == 0 || w[4] == 0 || w[1] == 0 || w[5] == 0 {
		t.Fatalf("at 60 columns start, duration, organizer, id stay: %v", w)
	}
	for avail := -5; avail < 200; avail++ {
		w := layoutColumns(callColumns, avail, nil)
		if total, _ := sumWidths(w); total > max(avail, 0) {
			t.Fatalf("avail %d: total %d overflows (%v)", avail, total, w)
		}
	}
}

func TestLayoutColumnsHonoursMax(t *testing.T) {
	cols := []column{{Title: "a", Min: 3, Max: 5, Flex: 1}, {Title: "b", Min: 3, Flex: 1}}
	w := layoutColumns(cols, 40, nil)
	if w[0] != 5 || w[1] != 40-5-tableGap {
		t.Fatalf("widths %v, want [5 %d]", w, 40-5-tableGap)
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

func wideTable(c *Common) table {
	cols := []column{
		{Title: "Organizer", Min: 12, Max: 18, Flex: 1},
		{Title: "Type", Min: 10, Max: 10},
		{Title: "Dur", Min: 6, Max: 6, Right: true},
	}
	tb := newTable(c, cols, func(r, col int) string { return wideCells[r][col] })
	tb.SetLen(len(wideCells))
	return tb
}

func TestTableWideRunesKeepAlignment(t *testing.T) {
	c := testCommon(time.Unix(0, 0))
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
			before := ansi.StringWidth(ansi.Truncate(l, tableGutter+tb.Widths()[0]+tableGap, ""))
			if before != tableGutter+tb.Widths()[0]+tableGap {
				t.Errorf("line %d: type column starts at %d", i, before)
			}
		}
	}
	if !strings.Contains(out, "…") {
		t.Error("the long CJK name should be cut with …")
	}
	golden.RequireEqual(t, []byte(out))
}

func TestTableRendersOnlyTheVisibleWindow(t *testing.T) {
	c := testCommon(time.Unix(0, 0))
	calls := 0
	tb := newTable(c, callColumns, func(r, col int) string { calls++; return fmt.Sprint(r) })
	tb.SetLen(1_000_000)
	tb.SetSize(120, 21)
	tb.SetCursor(500_000)
	calls = 0
	out := tb.View()
	if max := 20 * len(callColumns); calls > max {
		t.Fatalf("cell called %d times for a 20-row window (max %d)", calls, max)
	}
	if !strings.Contains(out, "› 500000") {
		t.Fatalf("cursor row not drawn with its marker:\n%s", out)
	}
}

func TestTableMovementAndClamping(t *testing.T) {
	c := testCommon(time.Unix(0, 0))
	tb := newTable(c, callColumns, func(r, col int) string { return "" })
	tb.SetSize(80, 11) // 10 rows visible
	tb.SetLen(100)
	steps := []struct {
		name         string
		key          any
		cursor, offs int
	}{
		{"up at top stays", keyUp, 0, 0},
		{"down", keyDown, 1, 0},
		{"pgdown", keyPgDn, 11, 10},
		{"pgup", keyPgUp, 1, 0},
		{"end", keyEnd, 99, 90},
		{"down at end stays", keyDown, 99, 90},
		{"home", keyHome, 0, 0},
	}
	for _, st := range steps {
		if !tb.Update(st.key) {
			t.Fatalf("%s: key not handled", st.name)
		}
		if tb.Cursor() != st.cursor || tb.Offset() != st.offs {
			t.Fatalf("%s: cursor %d offset %d, want %d %d", st.name, tb.Cursor(), tb.Offset(), st.cursor, st.offs)
		}
	}
	if tb.Update(keyRune('x')) {
		t.Fatal("x is not a movement key")
	}
}

func TestTableKeepsCursorOnResize(t *testing.T) {
	c := testCommon(time.Unix(0, 0))
	tb := newTable(c, callColumns, func(r, col int) string { return fmt.Sprint(r) })
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
	c := testCommon(time.Unix(0, 0))
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
		writeCell(&b, c.in, c.w, c.right)
		if b.String() != c.want {
			t.Errorf("writeCell(%q, %d, %v) = %q, want %q", c.in, c.w, c.right, b.String(), c.want)
		}
		if got := ansi.StringWidth(b.String()); got != c.w {
			t.Errorf("writeCell(%q, %d): %d cells", c.in, c.w, got)
		}
	}
}
