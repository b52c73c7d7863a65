package quality_test

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/quality"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// fakeSource is a calls list whose records are added by the test.
type fakeSource struct {
	sum      *summary.Summary
	total    int
	fetching bool
	calls    map[string]quality.Call
}

func (f *fakeSource) Summary() *summary.Summary { return f.sum }
func (f *fakeSource) Progress() (int, int, bool) {
	return f.sum.Records(), f.total, f.fetching
}
func (f *fakeSource) Call(id string) (quality.Call, bool) {
	c, ok := f.calls[id]
	return c, ok
}

// newSeeded is the screen over a source holding the first n seeded records
// of six, at 120×20.
func newSeeded(n int) (*fakeSource, *quality.Screen) {
	recs := seededRecords()
	src := &fakeSource{sum: summary.New(summary.Options{From: uitest.T0.Add(-6 * 60 * 60e9), To: uitest.T0}), total: len(recs),
		fetching: n < len(recs), calls: map[string]quality.Call{}}
	for i := range recs[:n] {
		src.sum.Add(&recs[i])
		src.calls[recs[i].ID] = quality.Call{StartUnix: recs[i].StartDateTime.Unix(), Organizer: "Organizer", Result: "ok", Quality: "good"}
	}
	s := quality.New(uitest.Common(uitest.T0), src)
	s.Update(common.BodySizeMsg{Width: 120, Height: 20})
	return src, s
}

// lineOf is the view's line starting with value (after the cursor gutter).
func lineOf(t *testing.T, view, value string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, "› "), value+" ") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	t.Fatalf("no line %q in\n%s", value, view)
	return ""
}

// The figures of the connection type lines are the hand-computed ones
// (seed_test.go), most telling first.
func TestSummaryScreenShowsHandComputedFigures(t *testing.T) {
	_, s := newSeeded(6)
	v := s.View()
	uitest.ViewHas(t, v, "11 streams classified · 3 poor (27.3%) · 1 unclassified · of 6 calls", "[network connection type]")
	if got, want := lineOf(t, v, "wifi"), "› wifi 6 3 50.0% <100 3"; !strings.HasPrefix(got, want) {
		t.Errorf("wifi line %q, want it to start %q", got, want)
	}
	if got, want := lineOf(t, v, "wired"), "wired 11 3 27.3% <100 6"; !strings.HasPrefix(got, want) {
		t.Errorf("wired line %q, want it to start %q", got, want)
	}
	if strings.Index(v, "wifi") > strings.Index(v, "wired") {
		t.Errorf("wifi (50%%) must sort above wired (27.3%%):\n%s", v)
	}
}

// → and ← step through the dimensions, wrapping past the last, and the
// lines follow.
func TestSummaryScreenSwitchesDimension(t *testing.T) {
	_, s := newSeeded(6)
	s.Update(tea.KeyMsg{Type: tea.KeyRight})
	s.Update(tea.KeyMsg{Type: tea.KeyRight})
	if s.Dimension() != summary.Subnet {
		t.Fatalf("after → → the dimension is %v, want subnet", s.Dimension())
	}
	v := s.View()
	uitest.ViewHas(t, v, "[subnet]")
	if got := lineOf(t, v, "10.41.17.0"); !strings.HasPrefix(got, "› 10.41.17.0 6 3 50.0%") {
		t.Errorf("subnet line %q", got)
	}
	s.Update(uitest.KeyRune('h'))
	s.Update(uitest.KeyRune('h'))
	s.Update(tea.KeyMsg{Type: tea.KeyLeft})
	if s.Dimension() != summary.MediaType {
		t.Fatalf("← from the first dimension is %v, want the last, media type", s.Dimension())
	}
	if got := lineOf(t, s.View(), "audio"); !strings.HasPrefix(got, "› audio 11 3 27.3%") {
		t.Errorf("media type line %q", got)
	}
}

// enter on a line pushes the calls behind it, those with a poor stream on
// the line first; enter there opens the call's record.
func TestSummaryScreenEnterListsTheCallsBehindALine(t *testing.T) {
	_, s := newSeeded(6)
	s.Update(uitest.KeyDown) // wired: six calls, three poor
	_, cmd := s.Update(uitest.KeyEnter)
	msgs := uitest.Messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter gave %d messages, want one push", len(msgs))
	}
	push, ok := msgs[0].(common.PushMsg)
	if !ok || push.From != common.Screen(s) {
		t.Fatalf("enter gave %#v, want a push over the summary", msgs[0])
	}
	list := push.Screen
	list.Update(common.BodySizeMsg{Width: 120, Height: 10})
	v := list.View()
	if n := strings.Count(v, "not poor"); n != 3 {
		t.Errorf("%d calls not poor on the line, want 3:\n%s", n, v)
	}
	rows := strings.Split(v, "\n")[1:]
	for i, id := range []string{uitest.ID(0), uitest.ID(1), uitest.ID(2), uitest.ID(3)} {
		if !strings.Contains(rows[i], common.ShortID(id)) {
			t.Errorf("row %d is %q, want call %s", i, rows[i], common.ShortID(id))
		}
	}
	if !strings.Contains(rows[0], " poor ") || strings.Contains(rows[0], "not poor") {
		t.Errorf("the first row must be a poor call: %q", rows[0])
	}
	_, cmd = list.Update(uitest.KeyEnter)
	msgs = uitest.Messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter on a call gave %d messages", len(msgs))
	}
	if p, ok := msgs[0].(common.PushMsg); !ok || !strings.Contains(p.Screen.Title(), "Call") {
		t.Fatalf("enter on a call gave %#v, want the record pushed", msgs[0])
	}
}

// While records are still fetched the header says how many the figures
// come from, and a message from the list underneath refreshes them.
func TestSummaryScreenPartialThenComplete(t *testing.T) {
	src, s := newSeeded(2)
	uitest.ViewHas(t, s.View(), "4 streams classified · 2 poor (50.0%) · from 2 of 6 calls")
	recs := seededRecords()
	for i := 2; i < 6; i++ {
		src.sum.Add(&recs[i])
	}
	if v := s.View(); !strings.Contains(v, "from 2 of 6") {
		t.Fatalf("the view changed before a message arrived:\n%s", v)
	}
	src.fetching = false
	s.Update(struct{}{}) // any message: a record landed underneath
	v := s.View()
	uitest.ViewHas(t, v, "11 streams classified · 3 poor (27.3%) · 1 unclassified · of 6 calls")
	if strings.Contains(v, "from ") {
		t.Errorf("complete, the header still says from:\n%s", v)
	}
}

// Before any record, the screen says it is fetching, and enter does nothing.
func TestSummaryScreenBeforeAnyRecord(t *testing.T) {
	_, s := newSeeded(0)
	uitest.ViewHas(t, s.View(), "Fetching call records: 0 of 6")
	if _, cmd := s.Update(uitest.KeyEnter); cmd != nil {
		t.Errorf("enter with no line gave a command")
	}
}
