package fakegraph

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

const drPath = "/communications/callRecords/getDirectRoutingCalls"

// Both orders page every row once, in order, with $skip links.
func TestDirectRoutingPaging(t *testing.T) {
	for _, order := range []ListOrder{NewestFirst, OldestFirst, DefaultOrder} {
		t.Run(order.String(), func(t *testing.T) { testDirectRoutingPaging(t, order) })
	}
}

func testDirectRoutingPaging(t *testing.T, order ListOrder) {
	ten := demo()
	_, ts := serve(t, ten, Options{ListOrder: order})
	from, to := testNow.Add(-31*24*time.Hour).Truncate(24*time.Hour), testNow.Add(24*time.Hour).Truncate(24*time.Hour)
	fn := fmt.Sprintf("%s(fromDateTime=%s,toDateTime=%s)", drPath, from.Format(time.DateOnly), to.Format(time.DateOnly))
	seen := map[string]bool{}
	var prev time.Time
	skip := 0
	for link := fn; link != ""; {
		p := page[model.DirectRoutingRow](t, get(t, ts, link))
		if p.Count == nil || int(*p.Count) != len(p.Value) {
			t.Fatalf("@odata.count %v, page has %d rows", p.Count, len(p.Value))
		}
		if p.NextLink != "" {
			skip += 1000
			want := fmt.Sprintf("%s/v1.0%s?$skip=%d", ts.URL, fn, skip)
			if len(p.Value) != 1000 || p.NextLink != want {
				t.Fatalf("page of %d with nextLink %q, want 1000 and %q", len(p.Value), p.NextLink, want)
			}
		}
		for _, r := range p.Value {
			if seen[r.ID] {
				t.Fatalf("row %s twice", r.ID)
			}
			seen[r.ID] = true
			if !prev.IsZero() && outOfOrder(order, prev, r.StartDateTime.Time) {
				t.Fatalf("rows are not in %v start order", order)
			}
			prev = r.StartDateTime.Time
		}
		link = p.NextLink
	}
	if len(seen) != len(ten.DirectRoutingRows()) {
		t.Fatalf("paged %d rows, tenant has %d", len(seen), len(ten.DirectRoutingRows()))
	}
	// $filter is ignored, silently (graph-api.md §4.4).
	a := get(t, ts, fn).want(t, 200).object(t)
	b := get(t, ts, fn+"?$filter="+"userDisplayName%20eq%20%27nobody%27").want(t, 200).object(t)
	if len(a["value"].([]any)) != len(b["value"].([]any)) || a["@odata.count"] != b["@odata.count"] {
		t.Error("$filter changed the result")
	}
	get(t, ts, fn+"?$skip=-1").wantError(t, 400, CodeBadRequest)
}

func TestDirectRoutingBoundaryAndWire(t *testing.T) {
	ten := NewTenant()
	at := func(h int) model.Time { return model.NewTime(time.Date(2026, 11, 20, h, 0, 0, 0, time.UTC)) }
	ok := model.DirectRoutingRow{ID: "ok", CorrelationID: "c1", StartDateTime: at(10), InviteDateTime: at(10),
		EndDateTime: at(11), SuccessfulCall: true, CallEndSubReason: 540000, FinalSIPCodePhrase: "BYE", CallType: "ByotIn"}
	failed := model.DirectRoutingRow{ID: "failed", StartDateTime: at(11), InviteDateTime: at(11), FailureDateTime: at(11),
		FinalSIPCode: 487, CallEndSubReason: 560487, CallType: "ByotOut"}
	ten.AddDirectRoutingRows(ok, failed, model.DirectRoutingRow{ID: "before", StartDateTime: at(9)})
	_, ts := serve(t, ten, Options{ListOrder: OldestFirst})
	ids := func(fn string) string {
		var out []string
		for _, r := range page[model.DirectRoutingRow](t, get(t, ts, fn)).Value {
			out = append(out, r.ID)
		}
		return fmt.Sprint(out)
	}
	for fn, want := range map[string]string{
		drPath + "(fromDateTime=2026-11-20T10:00:00Z,toDateTime=2026-11-20T11:00:00Z)":                                                             "[ok]",
		drPath + "(fromDateTime=2026-11-20T10:00:00.0000001Z,toDateTime=2026-11-20T11:00:00.0000001Z)":                                             "[failed]",
		drPath + "(toDateTime=2026-11-21,fromDateTime=2026-11-20)":                                                                                 "[before ok failed]",
		drPath + "(fromDateTime=2026-11-20T10%3A00%3A00Z,toDateTime=2026-11-20T11%3A00%3A00Z)":                                                     "[ok]",
		"/communications/callRecords/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2026-11-20T10:00:00.5Z,toDateTime=2026-11-21)": "[failed]",
		drPath + "(fromDateTime=2026-11-21,toDateTime=2026-11-20)":                                                                                 "[]",
	} {
		if got := ids(fn); got != want {
			t.Errorf("%s: %s, want %s", fn, got, want)
		}
	}
	_, newest := serve(t, ten, Options{ListOrder: NewestFirst})
	var got []string
	for _, r := range page[model.DirectRoutingRow](t, get(t, newest, drPath+"(fromDateTime=2026-11-20,toDateTime=2026-11-21)")).Value {
		got = append(got, r.ID)
	}
	if fmt.Sprint(got) != "[failed ok before]" {
		t.Errorf("NewestFirst: %v, want [failed ok before]", got)
	}
	body := string(get(t, ts, drPath+"(fromDateTime=2026-11-20,toDateTime=2026-11-21)").want(t, 200).body)
	// Times come in the row's form (wiretime.go): "ok" writes two digits
	// and +00:00, "failed" no digits and +00:00; the sentinel stays as
	// Graph writes it.
	for _, s := range []string{`"id":"ok","correlationId":"c1"`, `"failureDateTime":"0001-01-01T00:00:00Z","endDateTime":"2026-11-20T11:00:00.00+00:00"`,
		`"failureDateTime":"2026-11-20T11:00:00+00:00","endDateTime":null`, `"correlationId":null`, `"@odata.count":3`} {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %s", s)
		}
	}
}

func TestFunctionParameterErrors(t *testing.T) {
	_, ts := serve(t, NewTenant(), Options{})
	cases := map[string]string{
		"(fromDateTime=,toDateTime=)":                                        "Expression expected at position 13 in 'fromDateTime=,toDateTime='.",
		"(fromDateTime=2026-11-01,toDateTime=)":                              "Expression expected at position 35 in 'fromDateTime=2026-11-01,toDateTime='.",
		"(fromDateTime=2026-11-01)":                                          "Expression expected at position 23 in 'fromDateTime=2026-11-01'.",
		"(fromDateTime=yesterday,toDateTime=2026-11-02)":                     "Syntax error at position 13 in 'fromDateTime=yesterday,toDateTime=2026-11-02'.",
		"(fromDateTime=2026-11-01T00:00:00+1:00,toDateTime=2026-11-02)":      "Syntax error at position 13 in 'fromDateTime=2026-11-01T00:00:00+1:00,toDateTime=2026-11-02'.",
		"(fromDateTime=2026-11-01T00:00:00 00:00,toDateTime=2026-11-02)":     "Syntax error at position 13 in 'fromDateTime=2026-11-01T00:00:00 00:00,toDateTime=2026-11-02'.",
		"(fromDateTime='2026-11-01',toDateTime=2026-11-02)":                  "Syntax error at position 13 in 'fromDateTime='2026-11-01',toDateTime=2026-11-02'.",
		"(fromDateTime=2026-11-01T00:00:00.12345678Z,toDateTime=2026-11-02)": "Syntax error at position 13 in 'fromDateTime=2026-11-01T00:00:00.12345678Z,toDateTime=2026-11-02'.",
		"(from=2019-11-01,to=2019-12-01)":                                    "Syntax error at position 0 in 'from=2019-11-01,to=2019-12-01'.",
		"(fromDateTime=2026-11-01,toDateTime=2026-11-02":                     "')' expected at position 45 in 'fromDateTime=2026-11-01,toDateTime=2026-11-02'.",
	}
	for params, want := range cases {
		for _, fn := range []string{"getDirectRoutingCalls", "getPstnCalls"} {
			e := get(t, ts, "/communications/callRecords/"+fn+params).wantError(t, http.StatusBadRequest, CodeBadRequest)
			if e["message"] != want {
				t.Errorf("%s%s: %q, want %q", fn, params, e["message"], want)
			}
		}
	}
}

func TestPstnRangeAndPaging(t *testing.T) {
	ten := demo()
	_, ts := serve(t, ten, Options{})
	pp := "/communications/callRecords/getPstnCalls"
	e := get(t, ts, pp+"(fromDateTime=2026-08-01,toDateTime=2026-11-01)").wantError(t, http.StatusNotAcceptable, CodeNotAcceptable)
	if e["message"] != msgPstnRange {
		t.Errorf("406 message %q", e["message"])
	}
	get(t, ts, pp+"(fromDateTime=2026-08-04,toDateTime=2026-11-02)").want(t, 200) // exactly 90 days
	total := 0
	for link := pp + "(fromDateTime=2026-10-01,toDateTime=2026-11-23)"; link != ""; {
		p := page[model.PstnRow](t, get(t, ts, link))
		total += len(p.Value)
		if int(*p.Count) != len(p.Value) {
			t.Fatal("@odata.count is not the page's row count")
		}
		link = p.NextLink
	}
	if total != len(ten.PstnRows()) {
		t.Fatalf("paged %d PSTN rows, tenant has %d", total, len(ten.PstnRows()))
	}
}
