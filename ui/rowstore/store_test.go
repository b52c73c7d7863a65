package rowstore

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/uitest"
)

// withinMs reports whether two times are the same to the millisecond the
// store keeps for invite, failure and end.
func withinMs(a, b model.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	d := a.Sub(b.Time)
	return d > -time.Millisecond && d < time.Millisecond
}

func TestDRStoreRoundTrip(t *testing.T) {
	rows := uitest.DemoTenant.DirectRoutingRows()[:3000]
	s := NewDRStore()
	for i := range rows {
		s.Add(&rows[i])
	}
	if s.Len() != len(rows) {
		t.Fatalf("Len = %d", s.Len())
	}
	for i, want := range rows {
		got := s.Row(int32(i))
		if !withinMs(got.InviteDateTime, want.InviteDateTime) || !withinMs(got.FailureDateTime, want.FailureDateTime) ||
			!withinMs(got.EndDateTime, want.EndDateTime) {
			t.Fatalf("row %d times: got %v/%v/%v want %v/%v/%v", i, got.InviteDateTime, got.FailureDateTime, got.EndDateTime,
				want.InviteDateTime, want.FailureDateTime, want.EndDateTime)
		}
		got.InviteDateTime, got.FailureDateTime, got.EndDateTime = want.InviteDateTime, want.FailureDateTime, want.EndDateTime
		if !got.StartDateTime.Equal(want.StartDateTime.Time) {
			t.Fatalf("row %d start %v, want %v", i, got.StartDateTime, want.StartDateTime)
		}
		got.StartDateTime = want.StartDateTime
		if got != want {
			t.Fatalf("row %d:\ngot  %+v\nwant %+v", i, got, want)
		}
	}
}

func TestDRStoreOddValuesComeBackExact(t *testing.T) {
	start := model.NewTime(uitest.Now)
	rows := []model.DirectRoutingRow{
		{ID: "not-a-guid", CorrelationID: "3F2A0000-0000-4000-8000-000000000001", StartDateTime: start,
			InviteDateTime: model.NewTime(uitest.Now.Add(-40 * 24 * time.Hour)), EndDateTime: model.NewTime(uitest.Now.Add(30 * 24 * time.Hour))},
		{ID: "3f2a0000-0000-4000-8000-000000000002", FinalSIPCode: -1, CallEndSubReason: math.MaxInt32, CallerNumber: "spam caller"},
		{ID: "", InviteDateTime: start}, // no start at all: the invite must not be lost
	}
	s := NewDRStore()
	for i := range rows {
		s.Add(&rows[i])
	}
	for i, want := range rows {
		if got := s.Row(int32(i)); got != want {
			t.Errorf("row %d:\ngot  %+v\nwant %+v", i, got, want)
		}
	}
	if s.FindID("not-a-guid") != 0 || s.FindID("3f2a0000-0000-4000-8000-000000000002") != 1 || s.FindID("nope") != -1 {
		t.Error("findID does not find rows by id")
	}
}

func TestPstnStoreRoundTrip(t *testing.T) {
	rows := uitest.DemoTenant.PstnRows()[:1500]
	charge := 0.125
	rows = append(rows, model.PstnRow{ID: "odd id", CallID: "x", Charge: &charge, StartDateTime: model.NewTime(uitest.Now),
		EndDateTime: model.NewTime(uitest.Now.Add(50 * 24 * time.Hour))})
	s := NewPstnStore()
	for i := range rows {
		s.Add(&rows[i])
	}
	for i, want := range rows {
		got := s.Row(int32(i))
		if !withinMs(got.EndDateTime, want.EndDateTime) || !got.StartDateTime.Equal(want.StartDateTime.Time) {
			t.Fatalf("row %d times", i)
		}
		got.EndDateTime, got.StartDateTime = want.EndDateTime, want.StartDateTime
		if (got.Charge == nil) != (want.Charge == nil) || (got.Charge != nil && *got.Charge != *want.Charge) ||
			(got.ConnectionCharge == nil) != (want.ConnectionCharge == nil) {
			t.Fatalf("row %d charges: got %v/%v", i, got.Charge, got.ConnectionCharge)
		}
		got.Charge, got.ConnectionCharge = want.Charge, want.ConnectionCharge
		if got != want {
			t.Fatalf("row %d:\ngot  %+v\nwant %+v", i, got, want)
		}
	}
}

func TestStrTabRanksOrderStrings(t *testing.T) {
	tab := newStrTab()
	words := []string{"pear", "apple", "fig", "apple", "banana"}
	for _, w := range words {
		tab.ID(w)
	}
	r := tab.Ranks()
	var byRank []string
	for rank := range r {
		for id, rr := range r {
			if int(rr) == rank {
				byRank = append(byRank, tab.Str(uint32(id)))
			}
		}
	}
	if want := []string{"", "apple", "banana", "fig", "pear"}; !slices.Equal(byRank, want) {
		t.Fatalf("by rank %q, want %q", byRank, want)
	}
}

func TestRadixSortIsStableAndOrdered(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 10, 63, 64, 1000, 20000} {
		pairs := make([]keyPair, n)
		for i := range pairs {
			// Few distinct keys, spread over high and low bytes, force ties.
			pairs[i] = keyPair{Key: uint64(r.IntN(50)) << uint(8*r.IntN(8)), Row: int32(i)}
		}
		want := slices.Clone(pairs)
		slices.SortStableFunc(want, func(a, b keyPair) int {
			switch {
			case a.Key < b.Key:
				return -1
			case a.Key > b.Key:
				return 1
			}
			return 0
		})
		radixSort(pairs)
		if !slices.Equal(pairs, want) {
			t.Fatalf("n=%d: radix sort differs from a stable sort", n)
		}
	}
}

func TestExtendViewMatchesRebuild(t *testing.T) {
	rows := uitest.DemoTenant.DirectRoutingRows()[:5000]
	s := NewDRStore()
	for i := range rows[:2000] {
		s.Add(&rows[i])
	}
	match := s.Matcher(true, LogGroup{})
	for _, col := range []int{DRColDuration, DRColTrunk, DRColSIP, DRColNumbers} {
		for _, desc := range []bool{false, true} {
			s2 := NewDRStore()
			for i := range rows[:2000] {
				s2.Add(&rows[i])
			}
			m2 := s2.Matcher(true, LogGroup{})
			v := BuildView(s2.Len(), m2, s2.SortKey(col), desc)
			for i := range rows[2000:] {
				s2.Add(&rows[2000+i])
			}
			v = ExtendView(v, 2000, s2.Len(), m2, s2.SortKey(col), desc)
			want := BuildView(s2.Len(), m2, s2.SortKey(col), desc)
			if !slices.Equal(v, want) {
				t.Fatalf("col %d desc %v: merged view differs from a rebuilt one", col, desc)
			}
		}
	}
	if BuildView(s.Len(), nil, nil, false) != nil {
		t.Fatal("no filter and no sort must be the identity (nil) view")
	}
	if v := BuildView(s.Len(), match, nil, false); !slices.IsSorted(v) || len(v) == 0 {
		t.Fatal("a filter alone keeps load order")
	}
}

func TestFloatKeyOrder(t *testing.T) {
	vals := []float64{math.NaN(), -2.5, math.Copysign(0, -1), 0, 0.01, 1, 1e9}
	for i := 1; i < len(vals); i++ {
		if floatKey(vals[i-1]) > floatKey(vals[i]) {
			t.Errorf("floatKey(%v) > floatKey(%v)", vals[i-1], vals[i])
		}
	}
}
