package logs

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logFake serves tenant over real HTTP and returns a client for it and
// the server, whose Requests count what the screens asked for.
func logFake(t *testing.T, tenant *fakegraph.Tenant, opts fakegraph.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	return uitest.FakeGraph(t, tenant, opts, uitest.Retries)
}

// logCommon is uitest.Common at uitest.Now with a client for the demo
// tenant, OpenRecord bound and a clipboard that takes anything.
func logCommon(t *testing.T) *common.Common {
	t.Helper()
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	return logCommonWith(client)
}

func logCommonWith(client *graphclient.Client) *common.Common {
	c := uitest.Common(uitest.Now)
	c.Client = client
	c.Records = common.NewRecordCache(4)
	c.Copy = func(string) error { return nil }
	if len(c.Keys.OpenRecord.Keys()) == 0 {
		c.Keys.OpenRecord = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open call record"))
	}
	return c
}

// viewHas fails unless every part is in view.
func viewHas(t *testing.T, view string, parts ...string) {
	t.Helper()
	uitest.ViewHas(t, view, parts...)
}

// forRoot picks, beside pushes, pops and flashes, the message a summary
// sends the list it was opened from.
func forRoot(m tea.Msg) bool {
	_, ok := m.(feedAdoptMsg)
	return ok
}

// settle runs cmd and feeds what it yields back into s, the way the
// runtime would, until nothing is left; messages for the root are returned.
func settle(t *testing.T, s common.Screen, cmd tea.Cmd) (common.Screen, []tea.Msg) {
	t.Helper()
	return uitest.SettleScreen(t, s, cmd, forRoot)
}

// press sends keys to s and settles what they start (uitest.Press).
func press(t *testing.T, s common.Screen, keys ...tea.KeyMsg) (common.Screen, []tea.Msg) {
	t.Helper()
	return uitest.Press(t, s, keys...)
}

// enabledIn reports whether help offers a binding that k matches: a
// disabled binding matches nothing, so help that lists it is not lying.
func enabledIn(help []key.Binding, k tea.KeyMsg) bool { return uitest.Offers(help, k) }

// claimsBack reports that s keeps esc for itself rather than close.
func claimsBack(s interface{ ClaimsBack() bool }) bool { return s.ClaimsBack() }

// isQuit reports that cmd quits the program.
func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// threeDays is a range with a little over two pages of demo rows.
func threeDays() (time.Time, time.Time) {
	to := uitest.Now.Truncate(time.Hour)
	return to.Add(-72 * time.Hour), to
}

// demoRowsIn are the demo's Direct Routing rows starting in [from, to).
func demoRowsIn(from, to time.Time) []model.DirectRoutingRow {
	var out []model.DirectRoutingRow
	for _, r := range uitest.DemoTenant.DirectRoutingRows() {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			out = append(out, r)
		}
	}
	return out
}

// openLog makes a sized list of rep, an empty report (120x25 body: 24
// table rows), and settles its first page.
func openLog(t *testing.T, c *common.Common, rep report, from, to time.Time) *List {
	t.Helper()
	s := newReportList(c, rep, from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.Init())
	return got.(*List)
}

// drStore and pstnStore are a feed's rows, for tests that read them.
func drStore(f *feed) *rowstore.DRStore     { return f.rep.(*directRouting).DRStore }
func pstnStore(f *feed) *rowstore.PstnStore { return f.rep.(*pstn).PstnStore }

// parsed is line parsed at uitest.Now; the test fails on a parse error.
func parsed(t *testing.T, line string) []directive.Directive {
	t.Helper()
	ds, err := directive.Parse(line, uitest.Now)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
