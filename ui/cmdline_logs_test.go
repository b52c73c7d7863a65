package ui

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/uitest"
)

// A prompt line that opens the Direct Routing view with a range and
// filters: the view shows, the header says the filter, the footer offers
// esc, and esc clears the filter but keeps the range. (ui/logs'
// TestPromptLineFiltersDirectRouting checks the rows.)
func TestPromptLineFiltersDirectRouting(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	a, r := cmdApp(t, client, "")
	r.run("direct -24h failed sip 487")
	s, ok := a.top().(*logs.List)
	const day = "2026-11-19 14:30 → 2026-11-20 14:30"
	if !ok || a.view != ViewDirect || !strings.Contains(s.Status().Filter, day) {
		t.Fatalf("view %d top %T filter %q", a.view, a.top(), s.Status().Filter)
	}
	// The rows arrived after the filter was set: they are filtered too.
	if st := s.Status(); st.Loaded == 0 || s.Shown() == 0 || s.Shown() >= st.Loaded {
		t.Fatalf("%d shown of %d loaded", s.Shown(), st.Loaded)
	}
	h := a.headerView()
	if !strings.Contains(h, "failures only") || !strings.Contains(h, "SIP 487") {
		t.Fatalf("header does not say the filter: %s", h)
	}
	if !strings.Contains(a.footerView(), "esc clear filter") {
		t.Errorf("footer does not offer esc: %s", a.footerView())
	}
	// esc clears every local filter; the range stays.
	r.update(uitest.KeyEsc)
	if st := s.Status(); s.Shown() != st.Loaded || !strings.Contains(st.Filter, day) || a.top() != s {
		t.Fatalf("after esc: %d of %d shown, filter %q", s.Shown(), st.Loaded, st.Filter)
	}
	if strings.Contains(a.headerView(), "SIP 487") {
		t.Fatalf("header still shows the filter: %s", a.headerView())
	}
}
