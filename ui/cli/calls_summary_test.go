package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
)

// summaryTenant holds six calls of one audio media with two streams.
// Calls 0-2: the caller on Wi-Fi (10.41.17.0), the callee wired
// (10.20.0.0), the caller's stream poor (jitter 45 ms), the callee's good.
// Calls 3-4: both wired, both good. Call 5: both wired, one good stream
// and one without metrics (unclassified).
//
// By hand: 11 streams classified, 3 poor (27.3%), 1 unclassified.
// Connection type: wifi 6 streams, 3 poor (50.0%), 3 calls, 3 poor;
// wired 11, 3 poor (27.3%), 6 calls, 3 poor. Sending side: caller → callee
// 6 streams, 3 poor (50.0%); callee → caller 5 classified, none poor,
// 1 unclassified.
func summaryTenant(now time.Time) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	wifi := &model.NetworkInfo{ConnectionType: "wifi", Subnet: "10.41.17.0", WifiBand: "frequency50GHz"}
	wired := &model.NetworkInfo{ConnectionType: "wired", Subnet: "10.20.0.0"}
	stream := func(direction string, jitterMS int) model.MediaStream {
		packets, j := int64(5120), model.Duration(time.Duration(jitterMS)*time.Millisecond)
		return model.MediaStream{StreamDirection: direction, PacketUtilization: &packets, AverageJitter: &j}
	}
	for i := range 6 {
		r := testRecord(i, now)
		first, second, caller := stream("callerToCallee", 10), stream("calleeToCaller", 10), wired
		switch {
		case i < 3:
			first, caller = stream("callerToCallee", 45), wifi
		case i == 5:
			second = model.MediaStream{StreamDirection: "calleeToCaller"}
		}
		r.Sessions = r.Sessions[:1]
		r.Sessions[0].Segments = r.Sessions[0].Segments[:1]
		r.Sessions[0].Segments[0].Media = []model.Media{{Label: "main-audio", CallerNetwork: caller, CalleeNetwork: wired,
			Streams: []model.MediaStream{first, second}}}
		t.AddRecord(r)
	}
	return t
}

// TestCallsSummaryJSONLMatchesHandCounts: one row per line of every
// dimension, with the hand-computed figures.
func TestCallsSummaryJSONLMatchesHandCounts(t *testing.T) {
	f := startOrderedFake(t, summaryTenant(time.Now()), fakegraph.NewestFirst)
	r := runCLI(t, "calls", "--summary", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	got := map[string]qualityLine{}
	for _, l := range lines(r.stdout) {
		var q qualityLine
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got[q.Dimension+"|"+q.Value] = q
	}
	type want struct{ streams, poor, unclassified, calls, poorCalls int }
	callerSide, calleeSide := quality.DirectionText("callerToCallee"), quality.DirectionText("calleeToCaller")
	for key, w := range map[string]want{
		"all streams|all streams":                      {11, 3, 1, 6, 3},
		"network connection type|wifi":                 {6, 3, 0, 3, 3},
		"network connection type|wired":                {11, 3, 1, 6, 3},
		"subnet|10.41.17.0":                            {6, 3, 0, 3, 3},
		"subnet and connection type|10.41.17.0 · wifi": {6, 3, 0, 3, 3},
		"sending side|" + callerSide:                   {6, 3, 0, 6, 3},
		"sending side|" + calleeSide:                   {5, 0, 1, 6, 0},
		"media type|audio":                             {11, 3, 1, 6, 3},
	} {
		q, ok := got[key]
		if !ok {
			t.Errorf("no line %q in\n%s", key, r.stdout)
			continue
		}
		if g := (want{q.Streams, q.Poor, q.Unclassified, q.Calls, q.PoorCalls}); g != w {
			t.Errorf("%s: streams, poor, unclassified, calls, poor calls %v, want %v", key, g, w)
		}
		if !q.LowSample {
			t.Errorf("%s: %d streams is a low sample", key, q.Streams)
		}
	}
	if q := got["network connection type|wifi"]; q.PoorRate != 0.5 || len(q.PoorCallIDs) != 3 || sum(q.PoorByHour) != 3 {
		t.Errorf("wifi: rate %v, poor call ids %v, poor per hour summing to %d; want 0.5, 3 ids, 3", q.PoorRate, q.PoorCallIDs, sum(q.PoorByHour))
	}
}

func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}

// TestCallsSummaryText: the overall figures, then a table per dimension,
// most telling line first, with the sample-size mark.
func TestCallsSummaryText(t *testing.T) {
	f := startOrderedFake(t, summaryTenant(time.Now()), fakegraph.OldestFirst)
	r := runCLI(t, "calls", "--summary", "--graph-url", f.root)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	out := r.stdout
	for _, want := range []string{
		"Call quality of 6 calls (6 records fetched)\n",
		"11 streams classified, 3 poor (27.3%), 1 unclassified\n",
		"warning: fewer than 100 classified streams",
		"NETWORK CONNECTION TYPE (CQD: Network Connection Detail)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	section := out[strings.Index(out, "NETWORK CONNECTION TYPE"):]
	rows := strings.Split(section, "\n")[2:4]
	for i, want := range []string{"wifi 6 3 50.0% <100 3 3", "wired 11 3 27.3% <100 6 3"} {
		if got := strings.Join(strings.Fields(rows[i]), " "); !strings.HasPrefix(got, want) {
			t.Errorf("row %d %q, want it to start %q", i, got, want)
		}
	}
}
