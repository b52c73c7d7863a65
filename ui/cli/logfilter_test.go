package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// filterTenant has three Direct Routing rows and two PSTN rows in the last
// hour, told apart by user, numbers, trunk and SIP code; "oh" has quotes
// in its display name, and "bob" no finalSipCode or successfulCall.
func filterTenant(now time.Time) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	at := func(m int) model.Time {
		return model.NewTime(now.Add(-time.Duration(m) * time.Minute).Truncate(time.Second))
	}
	t.AddDirectRoutingRows(
		model.DirectRoutingRow{ID: "alice", UserPrincipalName: "alice@contoso.com", UserDisplayName: "Alice Smith",
			CallerNumber: "+14255550123", CalleeNumber: "+1555111****", TrunkFullyQualifiedDomainName: "sbc1.contoso.com",
			StartDateTime: at(3), InviteDateTime: at(3), FailureDateTime: at(3), FinalSIPCode: 403, CallEndSubReason: 560403},
		model.DirectRoutingRow{ID: "oh", UserPrincipalName: "ohara@contoso.com", UserDisplayName: `Síle "Sheila" O'Hara`,
			CallerNumber: "+44207946****", CalleeNumber: "+1555222****", TrunkFullyQualifiedDomainName: "sbc2.contoso.com",
			StartDateTime: at(2), InviteDateTime: at(2), EndDateTime: at(1), SuccessfulCall: true, Duration: 60},
		model.DirectRoutingRow{ID: "bob", UserPrincipalName: "bob@contoso.com", UserDisplayName: "Bob",
			CallerNumber: "+1555333****", TrunkFullyQualifiedDomainName: "SBC1.contoso.com",
			StartDateTime: at(4), InviteDateTime: at(4), Unreported: model.LogFinalSIPCode | model.LogSuccessfulCall},
	)
	t.AddPstnRows(
		model.PstnRow{ID: "p-alice", UserPrincipalName: "alice@contoso.com", UserDisplayName: "Alice Smith",
			CallerNumber: "+14255550123", CalleeNumber: "+4420000****", StartDateTime: at(5), EndDateTime: at(4), Duration: 60, CallType: "user_out"},
		model.PstnRow{ID: "p-oh", UserPrincipalName: "ohara@contoso.com", UserDisplayName: `Síle "Sheila" O'Hara`,
			CallerNumber: "+44207946****", CalleeNumber: "+3120000****", StartDateTime: at(6), EndDateTime: at(5), Duration: 60, CallType: "user_out"},
	)
	return t
}

// rowIDs runs the command and returns the ids of the JSONL rows it wrote.
func rowIDs(t *testing.T, args ...string) string {
	t.Helper()
	r := runCLI(t, args...)
	if r.code != exitOK {
		t.Fatalf("%q: exit %d, stderr %q", args, r.code, r.stderr)
	}
	var ids []string
	for _, l := range lines(r.stdout) {
		var row struct{ ID string }
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatalf("%q: %v in %q", args, err, l)
		}
		ids = append(ids, row.ID)
	}
	return strings.Join(ids, ",")
}

// direct and pstn narrow rows by the ":" line's rules: user by UPN or
// display name (quotes and all) or phone, number by digits whatever Graph
// masked, trunk by substring in any case, SIP code never matching a null.
func TestLogFiltersNarrowRowsAsThePromptDoes(t *testing.T) {
	f := startFake(t, filterTenant(time.Now()), fakegraph.Faults{}, nil)
	g := []string{"--graph-url", f.root, "--no-config", "--output", "jsonl"}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"direct"}, "bob,alice,oh"},
		{[]string{"direct", "--user", "ALICE@"}, "alice"},
		{[]string{"direct", "--user", `Síle "Sheila"`}, "oh"},
		{[]string{"direct", "--user", "o'hara"}, "oh"},
		{[]string{"direct", "--user", "+1 (425) 555-0123"}, "alice"}, // a phone number as the user
		{[]string{"direct", "--user", "nobody"}, ""},
		{[]string{"direct", "--number", "(425) 555-0123"}, "alice"},
		{[]string{"direct", "--number", "020 7946 0123"}, "oh"}, // national form against a masked number
		{[]string{"direct", "--number", "+1555222"}, "oh"},      // the callee
		{[]string{"direct", "--trunk", "sbc1"}, "bob,alice"},
		{[]string{"direct", "--sip", "403"}, "alice"},
		{[]string{"direct", "--sip", "0"}, "oh"}, // bob's null code is not 0
		{[]string{"direct", "--trunk", "sbc1", "--sip", "403", "--user", "alice"}, "alice"},
		{[]string{"direct", "--trunk", "sbc2", "--sip", "403"}, ""},
		{[]string{"direct", "--failed", "--trunk", "sbc1"}, "alice"},
		{[]string{"direct", "--user", "alice", "--redact"}, "alice"}, // matched before masking
		{[]string{"direct", "--trunk", "sbc1", "--limit", "1"}, "bob"},
		{[]string{"pstn", "--user", "alice"}, "p-alice"},
		{[]string{"pstn", "--user", `"Sheila" O'Hara`}, "p-oh"},
		{[]string{"pstn", "--number", "+3120000"}, "p-oh"},
		{[]string{"pstn", "--number", "425-555-0123"}, "p-alice"},
	}
	for _, tc := range cases {
		if got := rowIDs(t, append(tc.args, g...)...); got != tc.want {
			t.Errorf("%q: rows %q, want %q", tc.args, got, tc.want)
		}
	}
}

// csv, whose pages carry no Graph bytes, is narrowed alike.
func TestLogFiltersNarrowCSV(t *testing.T) {
	f := startFake(t, filterTenant(time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "direct", "--sip", "0", "--graph-url", f.root, "--no-config", "--output", "csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if rows := lines(r.stdout); len(rows) != 2 || !strings.HasPrefix(rows[1], "oh,") {
		t.Errorf("csv %q, want the header and row oh", r.stdout)
	}
}

// --summary counts only the rows the filters keep.
func TestLogFiltersNarrowTheSummary(t *testing.T) {
	f := startFake(t, filterTenant(time.Now()), fakegraph.Faults{}, nil)
	calls := func(args ...string) int {
		t.Helper()
		r := runCLI(t, append(args, "--summary", "--output", "json", "--graph-url", f.root, "--no-config")...)
		if r.code != exitOK {
			t.Fatalf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
		var s struct{ Calls int }
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("%q: %v in %q", args, err, r.stdout)
		}
		return s.Calls
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"direct"}, 3},
		{[]string{"direct", "--trunk", "SBC1"}, 2},
		{[]string{"direct", "--user", `"Sheila"`}, 1},
		{[]string{"direct", "--number", "+1425"}, 1},
		{[]string{"pstn"}, 2},
		{[]string{"pstn", "--user", "alice"}, 1},
	} {
		if got := calls(tc.args...); got != tc.want {
			t.Errorf("%q --summary: %d calls, want %d", tc.args, got, tc.want)
		}
	}
}
