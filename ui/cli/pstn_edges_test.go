package cli

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// inclusivePstnTo makes the fake read getPstnCalls' toDateTime as the docs
// describe it, inclusive: a row starting exactly at --to comes back too.
func inclusivePstnTo(h http.Handler) http.Handler {
	re := regexp.MustCompile(`(toDateTime=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z\)`)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "getPstnCalls(") {
			r.URL.Path = re.ReplaceAllString(r.URL.Path, "${1}.0000001Z)")
			r.URL.RawPath = ""
		}
		h.ServeHTTP(w, r)
	})
}

// --to is exclusive (the flag's help says so) even though Graph documents
// getPstnCalls' toDateTime as inclusive: a row starting exactly at --to
// belongs to the next range, so back-to-back runs never count it twice.
func TestPstnToIsExclusiveWhenGraphIsInclusive(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	to := from.Add(time.Hour)
	tenant := fakegraph.NewTenant()
	for _, r := range []struct {
		id string
		at time.Time
	}{{"at-from", from}, {"inside", to.Add(-time.Second)}, {"at-to", to}} {
		tenant.AddPstnRows(model.PstnRow{ID: r.id, StartDateTime: model.NewTime(r.at),
			EndDateTime: model.NewTime(r.at.Add(time.Minute)), Duration: 60, CallType: "user_out"})
	}
	f := startFake(t, tenant, fakegraph.Faults{}, inclusivePstnTo)
	span := []string{"pstn", "--graph-url", f.root, "--no-config", "--from", from.Format(time.RFC3339), "--to", to.Format(time.RFC3339)}

	r := runCLI(t, append(span, "--output", "jsonl")...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var got []string
	for _, l := range lines(r.stdout) {
		var row model.PstnRow
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		got = append(got, row.ID)
	}
	if strings.Join(got, ",") != "at-from,inside" {
		t.Errorf("rows %v, want at-from,inside", got)
	}

	r = runCLI(t, append(span, "--summary", "--output", "json")...)
	var s struct{ Calls int }
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &s) != nil {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if s.Calls != 2 {
		t.Errorf("summary counts %d calls, want 2", s.Calls)
	}
}

// getPstnCalls takes at most 90 days: exactly 90 goes to Graph (and the
// fake, like Graph, answers it), a second more is refused before sending.
// Dates are midnight UTC, so a DST change in between shifts nothing.
func TestPstnNinetyDaysExactlyIsAllowed(t *testing.T) {
	useZone(t, time.UTC) // local dates here would cross a DST change: 90 days and an hour
	f := startFake(t, testTenant(0, 4, time.Now()), fakegraph.Faults{}, nil)
	base := []string{"pstn", "--graph-url", f.root, "--no-config", "--output", "jsonl", "--to", "2026-11-22"}
	r := runCLI(t, append(base, "--from", "2026-08-24")...) // 90 days, across the end of DST in Europe and the US
	if r.code != exitOK || len(f.srv.Requests()) != 1 {
		t.Fatalf("90 days: exit %d, %d requests, stderr %q", r.code, len(f.srv.Requests()), r.stderr)
	}
	f.srv.ResetRequests()
	r = runCLI(t, append(base, "--from", "2026-08-23T23:59:59Z")...)
	if r.code != exitUsage || len(f.srv.Requests()) != 0 || !strings.Contains(r.stderr, "90 days") {
		t.Fatalf("90 days and a second: exit %d, %d requests, stderr %q", r.code, len(f.srv.Requests()), r.stderr)
	}
}
