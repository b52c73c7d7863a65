package fakegraph

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// graphStamp matches a timestamp as written: fraction digits and zone.
var graphStamp = regexp.MustCompile(`"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)"`)

// The demo's records and log rows carry their times in every form Graph
// uses (Z and +00:00, 0 to 7 fractional digits), and each decodes to the
// tenant's instant.
func TestTimestampFormsInData(t *testing.T) {
	ten := demo()
	_, ts := serve(t, ten, Options{})
	seen := map[string]bool{}
	note := func(body []byte) {
		for _, m := range graphStamp.FindAllSubmatch(body, -1) {
			digits := len(m[1]) - 1
			if digits < 0 {
				digits = 0
			}
			seen[fmt.Sprintf("%s/%d", m[2], digits)] = true
		}
	}
	want := map[string]time.Time{}
	for _, r := range ten.Records() {
		want[r.ID] = r.StartDateTime.Truncate(100) // Graph's precision is 100 ns
	}
	for link, n := "/communications/callRecords", 0; link != "" && n < 5; n++ {
		r := get(t, ts, link)
		note(r.body)
		p := page[model.CallRecord](t, r)
		for _, rec := range p.Value {
			if w, ok := want[rec.ID]; !ok || !rec.StartDateTime.Equal(w) {
				t.Fatalf("record %s starts %v, tenant says %v", rec.ID, rec.StartDateTime.Time, w)
			}
		}
		link = p.NextLink
	}
	drWant := map[string]model.DirectRoutingRow{}
	for _, r := range ten.DirectRoutingRows() {
		drWant[r.ID] = r
	}
	r := get(t, ts, drPath+"(fromDateTime=2026-11-01,toDateTime=2026-11-23)")
	note(r.body)
	for _, row := range page[model.DirectRoutingRow](t, r).Value {
		w := drWant[row.ID]
		same := func(got, want model.Time) bool { return got.Equal(want.Truncate(100)) }
		if !same(row.StartDateTime, w.StartDateTime) || !same(row.InviteDateTime, w.InviteDateTime) ||
			!same(row.EndDateTime, w.EndDateTime) || !same(row.FailureDateTime, w.FailureDateTime) {
			t.Fatalf("row %s times differ from the tenant's: %+v", row.ID, row)
		}
	}
	note(get(t, ts, pstnPath+"(fromDateTime=2026-11-01,toDateTime=2026-11-23)").want(t, 200).body)
	for _, form := range []string{"Z/7", "+00:00/7", "Z/3", "+00:00/3"} {
		if !seen[form] {
			t.Errorf("demo: no timestamp in form %s (zone/fractional digits)", form)
		}
	}
	// The demo's times are finer than a second; whole seconds show the
	// rest of the forms: every count of digits from 0 to 7, either zone.
	whole := NewTenant()
	for i := range 200 {
		start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		whole.AddDirectRoutingRows(model.DirectRoutingRow{ID: fmt.Sprintf("dr-%d", i), StartDateTime: model.NewTime(start)})
	}
	_, ts = serve(t, whole, Options{})
	clear(seen)
	note(get(t, ts, drPath+"(fromDateTime=2026-11-01,toDateTime=2026-11-23)").want(t, 200).body)
	for _, zone := range []string{"Z", "+00:00"} {
		for d := range 8 {
			if !seen[fmt.Sprintf("%s/%d", zone, d)] {
				t.Errorf("no timestamp with %d fractional digits and %s", d, zone)
			}
		}
	}
}

// A form never changes the instant: a value finer than the digits the
// form asks for is written with the digits it needs.
func TestWireTimeKeepsTheInstant(t *testing.T) {
	base := time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)
	for _, v := range []time.Time{base, base.Add(500 * time.Millisecond), base.Add(123_456_700), base.Add(time.Nanosecond * 100)} {
		for _, st := range []timeStyle{{false, -1}, {true, -1}, {true, 0}, {false, 3}, {true, 7}} {
			b, err := json.Marshal(wireTime{t: v, style: st})
			if err != nil {
				t.Fatal(err)
			}
			var got model.Time
			if err := json.Unmarshal(b, &got); err != nil || !got.Equal(v) {
				t.Errorf("%v in %+v: %s reads back as %v (%v)", v, st, b, got.Time, err)
			}
		}
	}
	if b, _ := json.Marshal(wireTime{t: base.Add(500 * time.Millisecond), style: timeStyle{true, 7}}); string(b) != `"2026-11-20T11:00:00.5000000+00:00"` {
		t.Errorf("seven digits, +00:00: %s", b)
	}
}

// Function parameters take Z or a numeric offset; +00:00 is the same
// instant as Z, and +01:00 an hour earlier.
func TestFunctionParametersTakeOffsets(t *testing.T) {
	ten := NewTenant()
	ten.AddDirectRoutingRows(model.DirectRoutingRow{ID: "d10", StartDateTime: model.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))})
	ten.AddPstnRows(model.PstnRow{ID: "p10", StartDateTime: model.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))})
	_, ts := serve(t, ten, Options{})
	for _, params := range []string{
		"(fromDateTime=2026-11-20T10:00:00Z,toDateTime=2026-11-20T10:30:00Z)",
		"(fromDateTime=2026-11-20T10:00:00+00:00,toDateTime=2026-11-20T10:30:00.0000000+00:00)",
		"(fromDateTime=2026-11-20T11:00:00+01:00,toDateTime=2026-11-20T10:30:00Z)",
		"(fromDateTime=2026-11-20T10:00:00%2B00:00,toDateTime=2026-11-20T10:30:00%2B00:00)",
	} {
		if n := len(page[model.DirectRoutingRow](t, get(t, ts, drPath+params)).Value); n != 1 {
			t.Errorf("getDirectRoutingCalls%s: %d rows, want 1", params, n)
		}
		if n := len(page[model.PstnRow](t, get(t, ts, pstnPath+params)).Value); n != 1 {
			t.Errorf("getPstnCalls%s: %d rows, want 1", params, n)
		}
	}
	if n := len(page[model.PstnRow](t, get(t, ts, pstnPath+"(fromDateTime=2026-11-20T10:00:00-01:00,toDateTime=2026-11-20T12:00:00Z)")).Value); n != 0 {
		t.Errorf("from 11:00 UTC (10:00-01:00): %d rows, want 0", n)
	}
}
