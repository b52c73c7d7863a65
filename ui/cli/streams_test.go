package cli

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// qualityRecord is test record 0 with four streams on its first segment:
// poor audio (jitter 45 ms, 5,120 packets), a muted attendee's 120-packet
// audio, video at 70 % frame loss and 3 fps, and screen sharing with only
// 22 % loss and 687 ms round trip.
func qualityRecord(now time.Time) model.CallRecord {
	r := testRecord(0, now)
	ms := func(n int) *model.Duration { d := model.Duration(time.Duration(n) * time.Millisecond); return &d }
	f := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	seg := &r.Sessions[0].Segments[0]
	seg.Media = []model.Media{
		{Label: "main-audio", Streams: []model.MediaStream{
			{StreamID: "1", StreamDirection: "callerToCallee", AudioCodec: "OPUS", AverageJitter: ms(45), AverageAudioNetworkJitter: ms(12),
				AveragePacketLossRate: f(0.01), AverageRoundTripTime: ms(80), PacketUtilization: n(5120), AverageAudioDegradation: f(1.2)},
			{StreamID: "2", StreamDirection: "calleeToCaller", AudioCodec: "OPUS", AverageJitter: ms(45), PacketUtilization: n(120)},
		}},
		{Label: "main-video", Streams: []model.MediaStream{
			{StreamID: "3", StreamDirection: "callerToCallee", VideoCodec: "h264", AverageVideoFrameLossPercentage: f(70), AverageVideoFrameRate: f(3)},
		}},
		{Label: "applicationsharing-video", Streams: []model.MediaStream{
			{StreamID: "4", StreamDirection: "callerToCallee", AveragePacketLossRate: f(0.22), AverageRoundTripTime: ms(687), PacketUtilization: n(9000)},
		}},
	}
	return r
}

func qualityFake(t *testing.T) *fake {
	t.Helper()
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(qualityRecord(time.Now()))
	return startFake(t, tenant, fakegraph.Faults{}, nil)
}

func TestStreamsJSONLinesCarryVerdictAndReasons(t *testing.T) {
	f := qualityFake(t)
	r := runCLI(t, "streams", recordID(0), "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var rows []map[string]any
	for _, l := range lines(r.stdout) {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		rows = append(rows, m)
	}
	want := []struct {
		stream, verdict, mediaType, reason string
	}{
		{"1", "poor", "audio", "jitter 45 ms > 30 ms"},
		{"2", "unclassified", "audio", "too few packets"},
		{"3", "poor", "video", "frame loss 70 % > 50 %"},
		{"4", "unclassified", "videoBasedScreenSharing", "frame loss not reported"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), r.stdout)
	}
	for i, w := range want {
		row := rows[i]
		reasons, _ := row["reasons"].([]any)
		if row["streamId"] != w.stream || row["verdict"] != w.verdict || row["mediaType"] != w.mediaType ||
			len(reasons) == 0 || !strings.Contains(reasons[0].(string), w.reason) {
			t.Errorf("row %d: %v", i, row)
		}
		if row["recordId"] != recordID(0) || row["session"] != 1.0 || row["sessionId"] != "sess-0" ||
			row["segment"] != 1.0 || row["segmentId"] != "seg-0-0" {
			t.Errorf("row %d ids: %v", i, row)
		}
	}
	// Graph's property names and types; null when not reported.
	if rows[0]["averageJitter"] != "PT0.045S" || rows[0]["packetUtilization"] != 5120.0 || rows[0]["averageAudioDegradation"] != 1.2 {
		t.Errorf("metrics of row 0: %v", rows[0])
	}
	if v, ok := rows[1]["averageRoundTripTime"]; !ok || v != nil {
		t.Errorf("a missing metric is %v (present %v), want null", v, ok)
	}
}

func TestStreamsCSVAndJSON(t *testing.T) {
	f := qualityFake(t)
	r := runCLI(t, "streams", recordID(0), "--graph-url", f.root, "--output", "csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, %v:\n%s", len(rows), err, r.stdout)
	}
	v, why, rtt := slices.Index(rows[0], "verdict"), slices.Index(rows[0], "reasons"), slices.Index(rows[0], "averageRoundTripTime")
	if v < 0 || why < 0 || rtt < 0 {
		t.Fatalf("header %v", rows[0])
	}
	if rows[1][v] != "poor" || rows[4][v] != "unclassified" || rows[2][rtt] != "" || rows[4][rtt] != "PT0.687S" {
		t.Errorf("rows %v", rows)
	}
	if slices.ContainsFunc(rows[1:], func(row []string) bool { return row[v] == "good" }) {
		t.Error("a stream of this record reads good")
	}
	j := runCLI(t, "streams", recordID(0), "--graph-url", f.root)
	var all []map[string]any
	if j.code != exitOK || json.Unmarshal([]byte(j.stdout), &all) != nil || len(all) != 4 {
		t.Fatalf("json: exit %d, %q", j.code, j.stdout)
	}
}

func TestStreamsRefusesBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"streams"}, {"streams", "not a record id"}, {"streams", recordID(0), "--output", "text"}, {"streams", recordID(0), "extra"},
	} {
		if err := parseErr(args, time.Now()); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestStreamsDemoRecord runs streams against --demo: every row has one of
// the three verdicts. The demo's ids are fixed within the hour.
func TestStreamsDemoRecord(t *testing.T) {
	var id string
	for _, rec := range fakegraph.DemoTenant(time.Now()).Records() {
		if slices.Contains(rec.Modalities, "video") {
			id = rec.ID
			break
		}
	}
	if id == "" {
		t.Fatal("the demo tenant has no video call")
	}
	r := runCLI(t, "streams", id, "--demo", "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) == 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, l := range lines(r.stdout) {
		var row struct{ Verdict string }
		if err := json.Unmarshal([]byte(l), &row); err != nil || !slices.Contains([]string{"good", "poor", "unclassified"}, row.Verdict) {
			t.Errorf("row %q: %v", l, err)
		}
	}
}
