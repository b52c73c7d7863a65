package cli

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

func TestDirectSummaryCountsTheWholeRange(t *testing.T) {
	f := startFake(t, testTenant(0, 60, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "direct", "--summary", "--from", "-7d", "--graph-url", f.root)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"60 calls, 20 failed", "503  560503", "sbc.contoso.com"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runCLI(t, "direct", "--summary", "--from", "-7d", "--output", "json", "--graph-url", f.root)
	var s struct {
		Complete      bool
		Calls, Failed int
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || !s.Complete || s.Calls != 60 || s.Failed != 20 {
		t.Fatalf("json summary %+v (%v):\n%s", s, err, r.stdout)
	}
}

func TestPstnSummary(t *testing.T) {
	f := startFake(t, testTenant(0, 10, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "pstn", "--summary", "--from", "-7d", "--graph-url", f.root)
	if r.code != exitOK || !strings.Contains(r.stdout, "10 calls, 10 minutes, charges 2.50 USD") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestSummaryAfterAFailedPageIsMarkedIncomplete(t *testing.T) {
	now := time.Now()
	wrap := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.RawQuery, "skip") {
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error":{"code":"Forbidden","message":"no"}}`))
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	f := startFake(t, testTenant(0, 2400, now), fakegraph.Faults{}, wrap) // all within 5 days: three pages
	r := runCLI(t, "direct", "--summary", "--from", "-5d", "--graph-url", f.root)
	if r.code != exitFail || !strings.Contains(r.stderr, "403 Forbidden") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "1000 calls") || !strings.Contains(r.stdout, "stopped early") {
		t.Errorf("want the first page summarised and marked incomplete:\n%s", r.stdout)
	}
}

func TestSummaryUsageErrors(t *testing.T) {
	f := startFake(t, testTenant(0, 3, time.Now()), fakegraph.Faults{}, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"direct", "--summary", "--output", "csv"}, "text or json"},
		{[]string{"direct", "--summary", "--failed"}, "drop --failed"},
		{[]string{"pstn", "--summary", "--limit", "3"}, "drop --limit"},
		{[]string{"calls", "--summary", "--output", "yaml"}, "text, json, jsonl or csv"},
		{[]string{"calls", "--summary", "--quality"}, "choose one"},
	} {
		r := runCLI(t, append(tc.args, "--graph-url", f.root)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent on usage errors", n)
	}
}
