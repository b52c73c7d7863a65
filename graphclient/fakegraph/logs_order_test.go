package fakegraph

import (
	"fmt"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

const pstnPath = "/communications/callRecords/getPstnCalls"

// getPstnCalls takes toDateTime as inclusive (its docs page says "UTC,
// inclusive"), getDirectRoutingCalls as exclusive: a row that starts
// exactly at toDateTime comes back from PSTN only, and so comes twice over
// two adjacent PSTN ranges.
func TestPstnToDateTimeInclusiveDirectRoutingExclusive(t *testing.T) {
	ten := NewTenant()
	at := func(h int) model.Time { return model.NewTime(time.Date(2026, 11, 20, h, 0, 0, 0, time.UTC)) }
	ten.AddPstnRows(model.PstnRow{ID: "p10", StartDateTime: at(10)}, model.PstnRow{ID: "p11", StartDateTime: at(11)},
		model.PstnRow{ID: "p12", StartDateTime: at(12)})
	ten.AddDirectRoutingRows(model.DirectRoutingRow{ID: "d10", StartDateTime: at(10)}, model.DirectRoutingRow{ID: "d11", StartDateTime: at(11)})
	_, ts := serve(t, ten, Options{ListOrder: OldestFirst})
	pstn := func(params string) string {
		var ids []string
		for _, r := range page[model.PstnRow](t, get(t, ts, pstnPath+params)).Value {
			ids = append(ids, r.ID)
		}
		return fmt.Sprint(ids)
	}
	for params, want := range map[string]string{
		"(fromDateTime=2026-11-20T10:00:00Z,toDateTime=2026-11-20T11:00:00Z)":         "[p10 p11]",
		"(fromDateTime=2026-11-20T11:00:00Z,toDateTime=2026-11-20T12:00:00Z)":         "[p11 p12]",
		"(fromDateTime=2026-11-20T10:00:00Z,toDateTime=2026-11-20T10:59:59.9999999Z)": "[p10]",
		"(fromDateTime=2026-11-20T11:00:00Z,toDateTime=2026-11-20T11:00:00Z)":         "[p11]",
	} {
		if got := pstn(params); got != want {
			t.Errorf("getPstnCalls%s: %s, want %s", params, got, want)
		}
	}
	dr := page[model.DirectRoutingRow](t, get(t, ts, drPath+"(fromDateTime=2026-11-20T10:00:00Z,toDateTime=2026-11-20T11:00:00Z)")).Value
	if len(dr) != 1 || dr[0].ID != "d10" {
		t.Errorf("getDirectRoutingCalls [10:00, 11:00): %v, want d10 only (toDateTime exclusive)", dr)
	}
}

// getPstnCalls pages in Options.ListOrder too: every row once, in order.
func TestPstnPagingBothOrders(t *testing.T) {
	ten := demo()
	for _, order := range []ListOrder{NewestFirst, OldestFirst, DefaultOrder} {
		t.Run(order.String(), func(t *testing.T) {
			_, ts := serve(t, ten, Options{ListOrder: order})
			seen := map[string]bool{}
			var prev time.Time
			for link := pstnPath + "(fromDateTime=2026-10-01,toDateTime=2026-11-23)"; link != ""; {
				p := page[model.PstnRow](t, get(t, ts, link))
				for _, r := range p.Value {
					if seen[r.ID] {
						t.Fatalf("row %s twice", r.ID)
					}
					seen[r.ID] = true
					if !prev.IsZero() && outOfOrder(order, prev, r.StartDateTime.Time) {
						t.Fatalf("row %s at %v after %v: not %v", r.ID, r.StartDateTime.Time, prev, order)
					}
					prev = r.StartDateTime.Time
				}
				link = p.NextLink
			}
			if len(seen) != len(ten.PstnRows()) {
				t.Fatalf("paged %d rows, tenant has %d", len(seen), len(ten.PstnRows()))
			}
		})
	}
}

// outOfOrder reports whether a log row starting at next may not follow one
// starting at prev in order (the logs' DefaultOrder is oldest first); equal
// starts are in order either way.
func outOfOrder(order ListOrder, prev, next time.Time) bool {
	if order != NewestFirst {
		return next.Before(prev)
	}
	return next.After(prev)
}
