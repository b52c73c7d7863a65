package calls

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// screenModel runs the calls screen alone in a Bubble Tea program, its
// footer note under the table, as the root would draw it.
type screenModel struct{ s common.Screen }

func (m screenModel) Init() tea.Cmd { return m.s.Init() }

func (m screenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if w, ok := msg.(tea.WindowSizeMsg); ok {
		msg = common.BodySizeMsg{Width: w.Width, Height: w.Height - 1}
	}
	var cmd tea.Cmd
	m.s, cmd = m.s.Update(msg)
	return m, cmd
}

func (m screenModel) View() string {
	return m.s.View() + "\n" + m.s.(*Screen).Status().Note
}

// TestEnrichFlowFillsTheColumns: in a real program against the fake, the
// rows show … until their records arrive (held here until the list is
// on screen), then their Result and Quality, with the progress in the
// footer.
func TestEnrichFlowFillsTheColumns(t *testing.T) {
	tenant := fakegraph.NewTenant()
	for _, r := range uitest.MakeRecords(0, 3) {
		switch r.ID {
		case uitest.ID(1):
			r.Sessions = poorRecord.Sessions
		case uitest.ID(2):
			r.Sessions = failedRecord.Sessions
		default:
			r.Sessions = goodRecord.Sessions
		}
		tenant.AddRecord(r)
	}
	release := make(chan struct{})
	hold := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/callRecords/") {
				select {
				case <-release:
				case <-r.Context().Done():
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	}
	fs := fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }})
	c := uitest.Common(uitest.T0)
	c.Client, _ = uitest.Serve(t, hold(fs), graphclient.Options{MaxRetries: -1, Limits: fastLimits})
	tm := uitest.NewFlow(t, screenModel{New(c, Filter{})}, 160, 12)

	tm.WaitView(t, "Adele Vance", "…", "quality 0 of 3")
	close(release)
	tm.WaitView(t, "poor audio: jitter 45 ms", "failed: setup, CallSetup", "good", "quality of 3 calls")
	tm.Quit(t)
}
