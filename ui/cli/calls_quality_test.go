package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// qualityTenant holds three records: 0 good, 1 poor audio, 2 failed in
// call setup (and good).
func qualityTenant(now time.Time) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	for i := range 3 {
		r := testRecord(i, now)
		packets, jitter := int64(5120), model.Duration(10*time.Millisecond)
		if i == 1 {
			jitter = model.Duration(45 * time.Millisecond)
		}
		st := model.MediaStream{StreamDirection: "callerToCallee", PacketUtilization: &packets, AverageJitter: &jitter}
		r.Sessions = r.Sessions[:1]
		r.Sessions[0].FailureInfo = nil
		for k := range r.Sessions[0].Segments {
			r.Sessions[0].Segments[k].FailureInfo = nil
			r.Sessions[0].Segments[k].Media = nil
		}
		r.Sessions[0].Segments[0].Media = []model.Media{{Label: "main-audio", Streams: []model.MediaStream{st}}}
		if i == 2 {
			r.Sessions[0].FailureInfo = &model.FailureInfo{Stage: "callSetup", Reason: "CallSetupTimeout"}
		}
		t.AddRecord(r)
	}
	return t
}

var wantQuality = []struct{ result, quality, reason string }{
	{"ok", "good", "good: 1 stream good"},
	{"ok", "poor audio", "poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee (session 1, segment 1)"},
	{"failed: setup, CallSetupTimeout", "good", "good: 1 stream good"},
}

func TestCallsQualityJSONL(t *testing.T) {
	f := startOrderedFake(t, qualityTenant(time.Now()), fakegraph.NewestFirst)
	r := runCLI(t, "calls", "--quality", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	ls := lines(r.stdout)
	if len(ls) != 3 {
		t.Fatalf("%d rows, want 3:\n%s", len(ls), r.stdout)
	}
	for i, l := range ls {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatalf("row %d: %v: %s", i, err, l)
		}
		w := wantQuality[i]
		if row["id"] != recordID(i) || row["result"] != w.result || row["quality"] != w.quality || row["qualityReason"] != w.reason {
			t.Errorf("row %d: id %v result %q quality %q reason %q, want %v", i, row["id"], row["result"], row["quality"], row["qualityReason"], w)
		}
		if _, ok := row["startDateTime"]; !ok {
			t.Errorf("row %d lost Graph's fields: %s", i, l)
		}
	}
	var records int
	for _, q := range f.srv.Requests() {
		if strings.Contains(q.Path, "/callRecords/") {
			records++
		}
	}
	if records != 3 {
		t.Errorf("%d record requests, want one per call", records)
	}
}

func TestCallsQualityCSV(t *testing.T) {
	f := startOrderedFake(t, qualityTenant(time.Now()), fakegraph.NewestFirst)
	r := runCLI(t, "calls", "--quality", "--graph-url", f.root, "--output", "csv", "--limit", "2")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d lines, want a header and 2 rows:\n%s", len(recs), r.stdout)
	}
	h := recs[0]
	n := len(h)
	if h[0] != "id" || h[n-3] != "result" || h[n-2] != "quality" || h[n-1] != "qualityReason" {
		t.Fatalf("header %v", h)
	}
	for i, rec := range recs[1:] {
		w := wantQuality[i]
		if rec[0] != recordID(i) || rec[n-3] != w.result || rec[n-2] != w.quality || rec[n-1] != w.reason {
			t.Errorf("row %d: %v, want %v", i, rec, w)
		}
	}
	// Without --quality the columns are as before.
	plain := runCLI(t, "calls", "--graph-url", f.root, "--output", "csv", "--limit", "1")
	if strings.Contains(lines(plain.stdout)[0], "quality") {
		t.Fatalf("quality columns without --quality: %s", plain.stdout)
	}
}
