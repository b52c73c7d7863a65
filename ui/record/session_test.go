package record

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

func TestRecordSessionDrillDown(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, copied := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	_, root := uitest.SettleScreen(t, s, s.onKey(uitest.KeyEnter))
	if len(root) != 1 {
		t.Fatalf("enter gave %v", root)
	}
	var ss common.Screen = root[0].(common.PushMsg).Screen
	if ss.Title() != "Session 1" {
		t.Errorf("Title = %q", ss.Title())
	}
	ss, _ = ss.Update(common.BodySizeMsg{Width: 120, Height: 37})
	uitest.ViewHas(t, ss.View(), "Session 1 of call 3f2a9c1e…", "Anette Thomsen (windows, teams) → Daichi Maruyama",
		"Segment / stream", "ok · Anette Thomsen (windows, teams) → Daichi", "main-audio · callerToCallee · SILKWide",
		"Verdict", "unclassified", "2 unclassified", "round trip 61 ms · packet loss 1.4 % · jitter",
		"Segment 1 of 1", "id "+uitest.GroupCallSegment1ID,
		"Quality unclassified: none of 2 streams has what Microsoft's rule needs")

	// Down to the first stream: its verdict and metrics in words, each
	// named by its Graph property, network and devices. The fixture
	// carries no packetUtilization: no verdict under Microsoft's rule, and
	// averageAudioNetworkJitter (43 ms) is not the rule's averageJitter.
	ss, _ = ss.Update(uitest.KeyDown)
	uitest.ViewHas(t, ss.View(), "Stream 1.1 · main-audio · callerToCallee · SILKWide · id 1504545584",
		"Verdict         unclassified: audio packet count (packetUtilization) not reported",
		"packet loss (averagePacketLossRate) 1.38 %", "round trip (averageRoundTripTime) 61 ms", "jitter (averageJitter) not reported",
		"network jitter (averageAudioNetworkJitter) 43 ms", "degradation (averageAudioDegradation) 0.83",
		"concealed ratio (averageRatioOfConcealedSamples) 0.06", "(not part of Microsoft's verdict)", "max jitter 120 ms",
		"wifi", "IP 10.150.0.2:27288", "subnet 10.150.0.0", "wifi band frequency50GHz", "relay 52.114.188.32:53889",
		`capture "Microphone (Jabra Evolve2 65)"`, "mic glitches 23 per 5 min", "speaker glitches 3830 per 5 min",
		"Callee network  wired")

	// y copies the segment id, also from a stream line.
	_, root = uitest.SettleScreen(t, ss, recUpdate(t, ss, uitest.KeyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != uitest.GroupCallSegment1ID {
		t.Errorf("copied %v", *copied)
	}
	if len(root) != 1 || !strings.Contains(root[0].(common.FlashMsg).Text, "copied") {
		t.Errorf("flash %v", root)
	}

	// The second session failed: its segment says so in words.
	s.onKey(uitest.KeyDown)
	_, root = uitest.SettleScreen(t, s, s.onKey(uitest.KeyEnter))
	ss2 := root[0].(common.PushMsg).Screen
	ss2.Update(common.BodySizeMsg{Width: 120, Height: 37})
	if ss2.Title() != "Session 2" {
		t.Errorf("Title = %q", ss2.Title())
	}
	uitest.ViewHas(t, ss2.View(), "FAILED callSetup: SIP 408 Request Timeout from sbc.contoso.com", "none reported",
		"+15551234567 (unknownFutureValue)")
}

// recUpdate sends msg to s and returns the command.
func recUpdate(t *testing.T, s common.Screen, msg tea.Msg) tea.Cmd {
	t.Helper()
	_, cmd := s.Update(msg)
	return cmd
}

func TestRecordRawJSONToggle(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	s.onKey(uitest.KeyRune('v'))
	v := s.View()
	uitest.ViewHas(t, v, "Graph's JSON, as sent · record 3f2a9c1e…", "lines 1–36 of", `"id": "`+uitest.GroupCallID+`"`, `"version": 3`)
	if strings.Contains(v, "Sessions (2)") {
		t.Error("summary still shown under raw JSON")
	}
	// v shows Graph's own bytes: the join URL as the fake wrote it (it
	// escapes & as \u0026), not re-encoded from the struct.
	if !strings.Contains(s.raw.Text(), `&x=1`) && !strings.Contains(s.raw.Text(), `\u0026x=1`) {
		t.Error("join URL missing")
	}
	if s.raw.What() != "Graph's JSON, as sent · record 3f2a9c1e…" {
		t.Errorf("title %q", s.raw.What())
	}
	s.onKey(uitest.KeyDown)
	uitest.ViewHas(t, s.View(), "lines 2–37 of")
	s.onKey(uitest.KeyEnd)
	total := s.raw.TotalLines()
	uitest.ViewHas(t, s.View(), "of "+strconv.Itoa(total))
	s.onKey(uitest.KeyHome)
	uitest.ViewHas(t, s.View(), "lines 1–36")
	s.onKey(uitest.KeyPageDown)
	uitest.ViewHas(t, s.View(), "lines 37–72")
	s.onKey(uitest.KeyRune('v'))
	uitest.ViewHas(t, s.View(), "Sessions (2)")

	// In a session, v shows the segment under the cursor.
	ss := newSessionScreen(c, s.record, 0)
	ss.Update(common.BodySizeMsg{Width: 120, Height: 37})
	ss.Update(uitest.KeyRune('v'))
	uitest.ViewHas(t, ss.View(), "Decoded JSON · segment 1 of session 1 · not Graph's bytes", `"id": "`+uitest.GroupCallSegment1ID+`"`)
	ss.Update(uitest.KeyEnd)
	uitest.ViewHas(t, ss.View(), `"streamDirection": "calleeToCaller"`)
	ss.Update(uitest.KeyRune('v'))
	uitest.ViewHas(t, ss.View(), "Segment / stream")
}

func TestRecordCopyAndExport(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, copied := recordCommon(client)
	c.ExportDir = t.TempDir()
	s := recOpen(t, c, uitest.GroupCallID)
	uitest.SettleScreen(t, s, s.onKey(uitest.KeyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != uitest.GroupCallID {
		t.Errorf("copied %v", *copied)
	}
	_, root := uitest.SettleScreen(t, s, s.onKey(uitest.KeyRune('e')))
	if len(root) != 1 || root[0].(common.FlashMsg).IsError {
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

	ss := newSessionScreen(c, s.record, 0)
	_, root = uitest.SettleScreen(t, ss, recUpdate(t, ss, uitest.KeyRune('e')))
	if len(root) != 1 || root[0].(common.FlashMsg).IsError {
		t.Fatalf("export: %+v", root)
	}
	jsons, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-record-3f2a9c1e-session-1-*.json"))
	if len(jsons) != 1 {
		t.Fatalf("json files %v", jsons)
	}
	b, _ = os.ReadFile(jsons[0])
	// Numbers are JSON numbers and a value not reported is null, as in the
	// scripted commands' JSON.
	uitest.ViewHas(t, string(b), `"kind":"stream"`, `"jitter_ms":null`, `"audio_network_jitter_ms":43`, `"session":1`,
		`"verdict":"unclassified"`, `"reasons":"unclassified: audio packet count (packetUtilization) not reported: Microsoft's rule needs > 500`,
		`"segment_id":"`+uitest.GroupCallSegment1ID+`"`)
	var objs []map[string]any
	if err := json.Unmarshal(b, &objs); err != nil || len(objs) == 0 {
		t.Fatalf("json: %v\n%s", err, b)
	}
	if _, ok := objs[0]["duration_s"].(float64); !ok {
		t.Errorf("duration_s = %#v, want a number", objs[0]["duration_s"])
	}
}

func TestSessionWithoutSegments(t *testing.T) {
	c, copied := recordCommon(nil)
	rec := uitest.GroupCall()
	rec.Sessions[0].Segments = nil
	ss := newSessionScreen(c, &rec, 0)
	ss.Update(common.BodySizeMsg{Width: 120, Height: 37})
	uitest.ViewHas(t, ss.View(), "No segments in this session")
	uitest.SettleScreen(t, ss, recUpdate(t, ss, uitest.KeyRune('y')))
	if len(*copied) != 1 || (*copied)[0] != uitest.GroupCallSession1ID {
		t.Errorf("copied %v, want the session id", *copied)
	}
	ss.Update(uitest.KeyRune('v'))
	uitest.ViewHas(t, ss.View(), "Decoded JSON · session 1", `"id": "`+uitest.GroupCallSession1ID+`"`)
	ss.Update(uitest.KeyRune('v'))
	_, root := uitest.SettleScreen(t, ss, recUpdate(t, ss, uitest.KeyRune('e')))
	if len(root) != 1 || !root[0].(common.FlashMsg).IsError {
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

func TestSessionScreenBadIndexDoesNotPanic(t *testing.T) {
	c, _ := recordCommon(nil)
	rec := uitest.GroupCall()
	if got := newSessionScreen(c, &rec, 7).Title(); got != "Session 2" {
		t.Errorf("Title = %q", got)
	}
	rec.Sessions = nil
	ss := newSessionScreen(c, &rec, 0)
	ss.Update(common.BodySizeMsg{Width: 80, Height: 20})
	for _, k := range []tea.KeyMsg{uitest.KeyDown, uitest.KeyRune('v'), uitest.KeyRune('v'), uitest.KeyRune('y'), uitest.KeyRune('e')} {
		ss.Update(k)
	}
	uitest.ViewHas(t, ss.View(), "No segments in this session")
}
