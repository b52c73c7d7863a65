package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	tea "github.com/charmbracelet/bubbletea"
)

func TestRecordSessionDrillDown(t *testing.T) {
	client, _ := recFakeGraph(t, fxTenant(0), fakegraph.Options{})
	c, copied := recordCommon(client)
	s := recOpen(t, c, fxRecID)
	_, root := settle(t, s, s.onKey(keyEnter))
	if len(root) != 1 {
		t.Fatalf("enter gave %v", root)
	}
	var ss screen = root[0].(pushMsg).s
	if ss.Title() != "Session 1" {
		t.Errorf("Title = %q", ss.Title())
	}
	ss, _ = ss.Update(bodySizeMsg{Width: 120, Height: 37})
	recContains(t, ss.View(), "Session 1 of call 3f2a9c1e…", "Anette Thomsen (windows, teams) → Daichi Maruyama",
		"Segment / stream", "ok · Anette Thomsen (windows, teams) → Daichi", "main-audio · callerToCallee · SILKWide",
		"43 ms poor", "1.4 %", "61 ms", "0.83", "0.06",
		"Segment 1 of 1", "id "+fxSeg1ID)

	// Down to the first stream: its metrics in words, network and devices.
	ss, _ = ss.Update(keyDown)
	recContains(t, ss.View(), "Stream 1.1 · main-audio · callerToCallee · SILKWide · id 1504545584 · poor: jitter",
		"jitter 43 ms (poor: > 30 ms)", "packet loss 1.38 %", "round trip 61 ms",
		"degradation 0.83", "concealed ratio 0.06", "max jitter 120 ms",
		"wifi", "IP 10.150.0.2:27288", "subnet 10.150.0.0", "wifi band frequency50GHz", "relay 52.114.188.32:53889",
		`capture "Microphone (Jabra Evolve2 65)"`, "mic glitches 23 per 5 min", "speaker glitches 3830 per 5 min",
		"Callee network  wired")

	// y copies the segment id, also from a stream line.
	_, root = settle(t, ss, recUpdate(t, ss, keyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != fxSeg1ID {
		t.Errorf("copied %v", *copied)
	}
	if len(root) != 1 || !strings.Contains(root[0].(flashMsg).text, "copied") {
		t.Errorf("flash %v", root)
	}

	// The second session failed: its segment says so in words.
	s.onKey(keyDown)
	_, root = settle(t, s, s.onKey(keyEnter))
	ss2 := root[0].(pushMsg).s
	ss2.Update(bodySizeMsg{Width: 120, Height: 37})
	if ss2.Title() != "Session 2" {
		t.Errorf("Title = %q", ss2.Title())
	}
	recContains(t, ss2.View(), "FAILED callSetup: SIP 408 Request Timeout from sbc.contoso.com", "none reported",
		"+15551234567 (unknownFutureValue)")
}

// recUpdate sends msg to s and returns the command.
func recUpdate(t *testing.T, s screen, msg tea.Msg) tea.Cmd {
	t.Helper()
	_, cmd := s.Update(msg)
	return cmd
}

func TestRecordRawJSONToggle(t *testing.T) {
	client, _ := recFakeGraph(t, fxTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, fxRecID)
	s.onKey(keyRune('v'))
	v := s.View()
	recContains(t, v, "Raw JSON · record 3f2a9c1e…", "lines 1–36 of", `"id": "`+fxRecID+`"`, `"version": 3`)
	if strings.Contains(v, "Sessions (2)") {
		t.Error("summary still shown under raw JSON")
	}
	// Join URLs keep their & (no HTML escaping).
	if !strings.Contains(s.raw.vp.View()+strings.Join(s.raw.lines, "\n"), "&x=1") {
		t.Error("join URL escaped")
	}
	s.onKey(keyDown)
	recContains(t, s.View(), "lines 2–37 of")
	s.onKey(keyEnd)
	total := s.raw.vp.TotalLineCount()
	recContains(t, s.View(), "of "+strconv.Itoa(total))
	s.onKey(keyHome)
	recContains(t, s.View(), "lines 1–36")
	s.onKey(keyPgDn)
	recContains(t, s.View(), "lines 37–72")
	s.onKey(keyRune('v'))
	recContains(t, s.View(), "Sessions (2)")

	// In a session, v shows the segment under the cursor.
	ss := newSessionScreen(c, s.rec, 0)
	ss.Update(bodySizeMsg{Width: 120, Height: 37})
	ss.Update(keyRune('v'))
	recContains(t, ss.View(), "Raw JSON · segment 1 of session 1", `"id": "`+fxSeg1ID+`"`)
	ss.Update(keyEnd)
	recContains(t, ss.View(), `"streamDirection": "calleeToCaller"`)
	ss.Update(keyRune('v'))
	recContains(t, ss.View(), "Segment / stream")
}

func TestRecordCopyAndExport(t *testing.T) {
	client, _ := recFakeGraph(t, fxTenant(0), fakegraph.Options{})
	c, copied := recordCommon(client)
	c.ExportDir = t.TempDir()
	s := recOpen(t, c, fxRecID)
	settle(t, s, s.onKey(keyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != fxRecID {
		t.Errorf("copied %v", *copied)
	}
	_, root := settle(t, s, s.onKey(keyRune('e')))
	if len(root) != 1 || root[0].(flashMsg).isErr {
		t.Fatalf("export: %+v", root)
	}
	csvs, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-record-3f2a9c1e-sessions-*.csv"))
	if len(csvs) != 1 {
		t.Fatalf("csv files %v", csvs)
	}
	b, err := os.ReadFile(csvs[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "record_id,session,session_id,start") {
		t.Fatalf("csv:\n%s", b)
	}
	if !strings.Contains(lines[2], "FAILED callSetup: SIP 408 Request Timeout from sbc.contoso.com,callSetup,") {
		t.Errorf("failed session row: %s", lines[2])
	}

	ss := newSessionScreen(c, s.rec, 0)
	_, root = settle(t, ss, recUpdate(t, ss, keyRune('e')))
	if len(root) != 1 || root[0].(flashMsg).isErr {
		t.Fatalf("export: %+v", root)
	}
	jsons, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-record-3f2a9c1e-session-1-*.json"))
	if len(jsons) != 1 {
		t.Fatalf("json files %v", jsons)
	}
	b, _ = os.ReadFile(jsons[0])
	recContains(t, string(b), `"kind": "stream"`, `"jitter_ms": "43"`, `"quality": "poor: jitter"`, `"segment_id": "`+fxSeg1ID+`"`)
}

func TestSessionWithoutSegments(t *testing.T) {
	c, copied := recordCommon(nil)
	rec := fxRecord()
	rec.Sessions[0].Segments = nil
	ss := newSessionScreen(c, &rec, 0)
	ss.Update(bodySizeMsg{Width: 120, Height: 37})
	recContains(t, ss.View(), "No segments in this session")
	settle(t, ss, recUpdate(t, ss, keyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != fxSess1ID {
		t.Errorf("copied %v, want the session id", *copied)
	}
	ss.Update(keyRune('v'))
	recContains(t, ss.View(), "Raw JSON · session 1", `"id": "`+fxSess1ID+`"`)
	ss.Update(keyRune('v'))
	_, root := settle(t, ss, recUpdate(t, ss, keyRune('e')))
	if len(root) != 1 || !root[0].(flashMsg).isErr {
		t.Errorf("export of nothing: %+v", root)
	}
}

func TestPackNames(t *testing.T) {
	names := []string{"Ann", "Bo", "Cy", "Dee", "Eve", "Fay"}
	cases := []struct {
		width, total, lines int
		want                string
	}{
		{80, 6, 2, "P: Ann, Bo, Cy, Dee, Eve, Fay"},
		{16, 6, 2, "P: Ann, Bo, Cy,\n   Dee, Eve, Fay"},
		{16, 6, 1, "P: … (6 in all)"},
		{20, 900, 2, "P: Ann, Bo, Cy, Dee,\n   … (900 in all)"},
		{22, 6, 1, "P: Ann, … (6 in all)"},
		{80, 900, 2, "P: Ann, Bo, Cy, Dee, Eve, Fay … (900 in all)"},
	}
	for _, c := range cases {
		got := strings.Join(packNames("P: ", 3, append([]string(nil), names...), c.total, c.width, c.lines), "\n")
		if got != c.want {
			t.Errorf("width %d, %d lines: got\n%s\nwant\n%s", c.width, c.lines, got, c.want)
		}
	}
}

func TestRawViewWrapsAndKeepsAmpersands(t *testing.T) {
	v := map[string]string{"joinWebUrl": "https://teams.microsoft.com/l/meetup-join/19%3a?a=1&b=2&c=" + strings.Repeat("x", 80)}
	r := newRawView(testKeys(), "record", v, 40, 10)
	out := r.view(DefaultStyles())
	recContains(t, out, "&b=2", "Raw JSON · record")
	for i, l := range strings.Split(out, "\n") {
		if w := len([]rune(l)); w > 40 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	if r.vp.TotalLineCount() < 4 {
		t.Errorf("long line not wrapped: %d lines", r.vp.TotalLineCount())
	}
}

func TestSessionScreenBadIndexDoesNotPanic(t *testing.T) {
	c, _ := recordCommon(nil)
	rec := fxRecord()
	if got := newSessionScreen(c, &rec, 7).Title(); got != "Session 2" {
		t.Errorf("Title = %q", got)
	}
	rec.Sessions = nil
	ss := newSessionScreen(c, &rec, 0)
	ss.Update(bodySizeMsg{Width: 80, Height: 20})
	for _, k := range []tea.KeyMsg{keyDown, keyRune('v'), keyRune('v'), keyRune('y'), keyRune('e')} {
		ss.Update(k)
	}
	recContains(t, ss.View(), "No segments in this session")
}
