package rowstore

import (
	"context"
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

func TestOrderMergeMatchesRebuild(t *testing.T) {
	rows := uitest.DemoTenant.DirectRoutingRows()[:5000]
	s := NewDRStore()
	for i := range rows[:2000] {
		s.Add(&rows[i])
	}
	match := s.Matcher(true, LogGroup{})
	for col := DRColStart; col <= DRColLocation; col++ {
		for _, desc := range []bool{false, true} {
			s2 := NewDRStore()
			for i := range rows[:2000] {
				s2.Add(&rows[i])
			}
			m2 := s2.Matcher(true, LogGroup{})
			o := NewOrder(BuildView(s2.Len(), m2, s2.SortKey(col), desc))
			by := ViewCmp(s2.Compare(col), desc)
			// Three pages arrive, each sorted and merged in.
			for lo := 2000; lo < len(rows); lo += 1000 {
				var add []int32
				for i := lo; i < lo+1000; i++ {
					s2.Add(&rows[i])
					if m2(int32(i)) {
						add = append(add, int32(i))
					}
				}
				slices.SortFunc(add, by)
				o.Merge(add, by)
			}
			want := BuildView(s2.Len(), m2, s2.SortKey(col), desc)
			if got := o.Rows(); !slices.Equal(got, want) {
				t.Fatalf("col %d desc %v: merged view differs from a rebuilt one", col, desc)
			}
			for pos, r := range want {
				if o.At(pos) != r || o.Locate(r, by) != pos {
					t.Fatalf("col %d desc %v: row %d at %d: At %d, Locate %d", col, desc, r, pos, o.At(pos), o.Locate(r, by))
				}
			}
			for r := int32(0); r < 50; r++ {
				if !m2(r) && o.Locate(r, by) != -1 {
					t.Fatalf("row %d is not in the view but was found", r)
				}
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

func TestOrderAppendAndClone(t *testing.T) {
	o := NewOrder(nil)
	var want []int32
	for lo := int32(0); lo < 3000; lo += 700 {
		var page []int32
		for r := lo; r < lo+300; r += 2 {
			page = append(page, r)
		}
		o.Append(page)
		want = append(want, page...)
	}
	snap := o.Clone()
	frozen := slices.Clone(want)
	o.Append([]int32{5000, 5001})
	o.Merge([]int32{1, 2}, ViewCmp(nil, false))
	if !slices.Equal(snap.Rows(), frozen) {
		t.Fatal("appending to or merging into an order changed a clone taken before")
	}
	got := o.Rows()
	if len(got) != len(want)+4 || !slices.IsSorted(got) {
		t.Fatalf("rows %v: not every row in load order", got)
	}
	for _, from := range []int{0, 1, 511, 512, 600, len(got) - 1, len(got)} {
		if tail := slices.Collect(o.From(from)); !slices.Equal(tail, got[from:]) {
			t.Fatalf("From(%d) = %v, want %v", from, tail, got[from:])
		}
	}
}

func TestBuildViewContextStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BuildViewContext(ctx, 1000, nil, func(int32) uint64 { return 1 }, false); err == nil {
		t.Fatal("a cancelled build must give up")
	}
	if v, err := BuildViewContext(context.Background(), 0, nil, func(int32) uint64 { return 1 }, false); err != nil || v == nil {
		t.Fatal("a sorted view of no rows is empty, not the identity (nil)")
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

func TestPstnOrderMergeMatchesRebuild(t *testing.T) {
	rows := uitest.DemoTenant.PstnRows()
	if len(rows) < 600 {
		t.Fatalf("the demo tenant has %d PSTN rows, want 600 or more", len(rows))
	}
	rows = rows[:600]
	for col := PstnColStart; col <= PstnColLicense; col++ {
		for _, desc := range []bool{false, true} {
			s := NewPstnStore()
			for i := range rows[:300] {
				s.Add(&rows[i])
			}
			o := NewOrder(BuildView(s.Len(), nil, s.SortKey(col), desc))
			by := ViewCmp(s.Compare(col), desc)
			var add []int32
			for i := 300; i < len(rows); i++ {
				s.Add(&rows[i])
				add = append(add, int32(i))
			}
			slices.SortFunc(add, by)
			o.Merge(add, by)
			if got, want := o.Rows(), BuildView(s.Len(), nil, s.SortKey(col), desc); !slices.Equal(got, want) {
				t.Fatalf("col %d desc %v: merged view differs from a rebuilt one", col, desc)
			}
		}
	}
}

// Two users with one label share a rank, so their rows tie in a sort and
// keep load order, as Compare (which compares labels) orders them.
func TestEqualLabelsShareARank(t *testing.T) {
	labels := []string{"bob", "ann", "bob", "cy"}
	r := labelRanks(len(labels), func(id uint32) string { return labels[id] })
	if r[0] != r[2] || r[1] >= r[0] || r[3] <= r[0] {
		t.Fatalf("ranks %v: want ann < bob = bob < cy", r)
	}
}
