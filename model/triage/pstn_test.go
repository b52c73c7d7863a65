package triage

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestPstnSummary(t *testing.T) {
	b := NewPstnBuilder(tFrom, tTo)
	nan := math.NaN()
	for _, c := range []PstnCall{
		{At: at(10, 1, 0), Seconds: 60, Charge: 0.5, Currency: "USD", Destination: "United States", CallType: "user_out", License: "MCOPSTN1"},
		{At: at(10, 2, 0), Seconds: 120, Charge: 1.25, Currency: "USD", Destination: "United States", CallType: "user_out", License: "MCOPSTN1"},
		{At: at(12, 0, 0), Seconds: 30, Charge: 2, Currency: "EUR", Destination: "Germany", CallType: "user_out", License: "MCOPSTN2"},
		{At: at(13, 0, 0), Seconds: 10, Charge: nan, Destination: "United States", CallType: "user_in", License: "MCOPSTN1"},
	} {
		b.Add(c)
	}
	s := b.Summary()
	if s.Calls != 4 || s.Seconds != 220 || b.Len() != 4 {
		t.Fatalf("calls/seconds = %d/%d", s.Calls, s.Seconds)
	}
	if want := []Charge{{"EUR", 2}, {"USD", 1.75}}; !slices.Equal(s.Charges, want) {
		t.Fatalf("charges = %v, want %v", s.Charges, want)
	}
	if want := []int32{2, 0, 1, 1}; !slices.Equal(s.Hourly, want) {
		t.Fatalf("hourly = %v, want %v", s.Hourly, want)
	}
	us := s.Destinations[0]
	if us.Name != "United States" || us.Calls != 3 || us.Share != 0.75 || us.Seconds != 190 ||
		!slices.Equal(us.Charges, []Charge{{"USD", 1.75}}) || !slices.Equal(us.Hourly, []int32{2, 0, 0, 1}) {
		t.Fatalf("US = %+v", us)
	}
	if !us.First.Equal(time.Unix(0, at(10, 1, 0))) || !us.Last.Equal(time.Unix(0, at(13, 0, 0))) {
		t.Fatalf("US first/last = %v %v", us.First, us.Last)
	}
	if len(s.CallTypes) != 2 || s.CallTypes[0].Name != "user_out" || s.CallTypes[0].Calls != 3 {
		t.Fatalf("call types = %+v", s.CallTypes)
	}
	if len(s.Licenses) != 2 || s.Licenses[1].Name != "MCOPSTN2" {
		t.Fatalf("licenses = %+v", s.Licenses)
	}
}

func TestPstnCallFromRow(t *testing.T) {
	charge := 0.42
	start := time.Unix(0, at(10, 0, 0)).UTC()
	c := PstnCallFromRow(&model.PstnRow{StartDateTime: model.NewTime(start), Duration: 61, Charge: &charge,
		Currency: "GBP", DestinationName: "UK", CallType: "user_out", LicenseCapability: "MCOPSTN1"})
	if c.At != start.UnixNano() || c.Seconds != 61 || c.Charge != 0.42 || c.Currency != "GBP" || c.Destination != "UK" {
		t.Fatalf("got %+v", c)
	}
	if c := PstnCallFromRow(&model.PstnRow{}); !math.IsNaN(c.Charge) || c.At != 0 {
		t.Fatalf("empty row: %+v", c)
	}
}
