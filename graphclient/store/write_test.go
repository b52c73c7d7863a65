package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestRecordReplacedOnlyWhenNewer(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	t1, t2 := base.Add(time.Hour), base.Add(2*time.Hour)
	put := func(version int64, modified time.Time, result string) int {
		t.Helper()
		w, err := s.Write(ctx, Batch{Records: []Record{{Call: expanded(t, "rec", version, modified, base), Verdict: Verdict{Result: result}}}})
		if err != nil {
			t.Fatal(err)
		}
		return w.Records
	}
	steps := []struct {
		version  int64
		modified time.Time
		result   string
		written  int
		stored   string
	}{
		{1, t1, "first", 1, "first"},
		{1, t1, "same again", 0, "first"},
		{2, t1, "newer version", 1, "newer version"},
		{1, t2, "older version, later time", 1, "older version, later time"},
		{1, t1, "late old copy", 0, "older version, later time"},
	}
	for _, st := range steps {
		if got := put(st.version, st.modified, st.result); got != st.written {
			t.Errorf("%s: written %d, want %d", st.result, got, st.written)
		}
		_, v, err := s.Record(ctx, "rec")
		if err != nil || v.Result != st.stored {
			t.Errorf("%s: stored %q (%v), want %q", st.result, v.Result, err, st.stored)
		}
	}
	for _, c := range []struct {
		version  int64
		modified time.Time
		want     bool
	}{{1, t2, true}, {1, t1, true}, {2, t1, false}, {1, t2.Add(time.Second), false}} { // stored: version 1 at t2
		if got, err := s.Current(ctx, "rec", c.version, model.NewTime(c.modified)); err != nil || got != c.want {
			t.Errorf("Current(%d, %s) = %v, %v; want %v", c.version, c.modified, got, err, c.want)
		}
	}
	stale, err := s.Stale(ctx, []model.CallRecord{listRow(t, "rec", 1, t2, base), listRow(t, "rec", 2, t2, base), listRow(t, "other", 1, t1, base)})
	if err != nil || !slices.Equal(stale, []string{"rec", "other"}) {
		t.Fatalf("Stale = %v, %v", stale, err)
	}
}

func TestListRowsThenRecordsInCalls(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	row := listRow(t, "a", 1, base, base)
	if _, err := s.Write(ctx, Batch{Calls: []model.CallRecord{row}}); err != nil {
		t.Fatal(err)
	}
	page, _ := s.Calls(ctx, Range{})
	if len(page.Rows) != 1 || page.Rows[0].Expanded || string(page.Rows[0].Raw) != string(row.Raw) {
		t.Fatalf("after the list row: %+v", page.Rows)
	}
	rec := expanded(t, "a", 1, base, base)
	if _, err := s.Write(ctx, Batch{Records: []Record{{Call: rec, Verdict: Verdict{"failed: callee declined", "poor audio", "jitter 45 ms"}}}}); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Calls(ctx, Range{})
	got := page.Rows[0]
	if !got.Expanded || !got.Current || got.Verdict.Quality != "poor audio" || got.Raw == nil || got.Call.OrganizerText() == "" {
		t.Fatalf("after the record: %+v", got)
	}
	// The list shows a newer version: the stored record is no longer current.
	s.Write(ctx, Batch{Calls: []model.CallRecord{listRow(t, "a", 2, base.Add(time.Minute), base)}})
	page, _ = s.Calls(ctx, Range{})
	if got := page.Rows[0]; got.Current || got.Call.Version != 2 {
		t.Fatalf("after a newer list row: current %v version %d", got.Current, got.Call.Version)
	}
	// A record fetched by id alone is listed too.
	s.Write(ctx, Batch{Records: []Record{{Call: expanded(t, "b", 1, base, base.Add(time.Hour))}}})
	page, _ = s.Calls(ctx, Range{})
	if len(page.Rows) != 2 || page.Rows[0].Call.ID != "b" || page.Rows[0].Raw != nil {
		t.Fatalf("record-only call: %+v", page.Rows)
	}
}

func TestCallsPagedNewestFirstInRange(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var rows []model.CallRecord
	for i := range 30 {
		rows = append(rows, listRow(t, fmt.Sprintf("c%02d", i), 1, base, base.Add(time.Duration(i)*time.Minute)))
	}
	s.Write(ctx, Batch{Calls: rows})
	r := Range{From: base.Add(3 * time.Minute), To: base.Add(28 * time.Minute), Limit: 10}
	var ids []string
	sizes := []int{}
	for {
		page, err := s.Calls(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Rows))
		for _, row := range page.Rows {
			ids = append(ids, row.Call.ID)
		}
		if page.Next == "" {
			break
		}
		r.After = page.Next
	}
	if len(ids) != 25 || ids[0] != "c27" || ids[24] != "c03" || !slices.IsSortedFunc(ids, func(a, b string) int { return -compare(a, b) }) {
		t.Fatalf("ids %v (pages %v)", ids, sizes)
	}
	if _, err := s.Calls(ctx, Range{After: "garbage"}); err == nil {
		t.Fatal("a foreign cursor was accepted")
	}
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestRecordDecodesLikeTheClient(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	rec := expanded(t, "r", 1, base, base)
	rec.Raw = withMembers(t, rec.Raw, map[string]any{"joinWebUrl": "https://x/\x1b[31mred"})
	s.Write(ctx, Batch{Records: []Record{{Call: rec}}})
	got, _, err := s.Record(ctx, "r")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Raw) != string(rec.Raw) || len(got.Sessions) == 0 || got.JoinWebURL != model.DisplaySafe("https://x/\x1b[31mred") {
		t.Fatalf("record: sessions %d url %q", len(got.Sessions), got.JoinWebURL)
	}
	if _, _, err := s.Record(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing record: %v", err)
	}
}

func TestLogRowsWrittenOnceAndReadBack(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	dr := directRows(t, "d", 5, base)
	coded := DirectRow{Row: model.DirectRoutingRow{ID: "no-raw", StartDateTime: model.NewTime(base.Add(time.Hour)),
		Unreported: model.LogFinalSIPCode | model.LogDuration}}
	pstn := []PstnRow{{Row: model.PstnRow{ID: "p1", StartDateTime: model.NewTime(base), CalleeNumber: "+4420***"}}}
	w, err := s.Write(ctx, Batch{Direct: append(dr, coded), Pstn: pstn})
	if err != nil || w.Direct != 6 || w.Pstn != 1 {
		t.Fatalf("first write %+v, %v", w, err)
	}
	if w, _ := s.Write(ctx, Batch{Direct: dr, Pstn: pstn}); w.Direct != 0 || w.Pstn != 0 {
		t.Fatalf("duplicates written: %+v", w)
	}
	page, err := s.DirectRouting(ctx, Range{From: base, To: base.Add(2 * time.Hour), Limit: 4})
	if err != nil || len(page.Rows) != 4 || page.Next == "" || page.Rows[0].Row.ID != "no-raw" {
		t.Fatalf("page %+v, %v", page, err)
	}
	if r := page.Rows[0].Row; r.Reported(model.LogFinalSIPCode) || r.Reported(model.LogDuration) || !r.Reported(model.LogCallEndSubReason) {
		t.Fatalf("unreported fields lost: %b", r.Unreported)
	}
	if page.Rows[1].Row.TrunkFullyQualifiedDomainName != "tll-audiocodes01.adatum.biz" || string(page.Rows[1].Raw) != string(dr[4].Raw) {
		t.Fatalf("row from Graph's bytes: %+v", page.Rows[1])
	}
	var sip, sub any
	s.db.QueryRow("SELECT sip_code, subcode FROM direct_routing WHERE id = 'no-raw'").Scan(&sip, &sub)
	if sip != nil || sub != int64(0) {
		t.Fatalf("columns sip %v subcode %v", sip, sub)
	}
	pp, err := s.Pstn(ctx, Range{})
	if err != nil || len(pp.Rows) != 1 || pp.Rows[0].Row.CalleeNumber != "+4420***" {
		t.Fatalf("pstn %+v, %v", pp, err)
	}
}

func TestBatchIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	bad := Span{Kind: "nonsense", From: base, To: base.Add(time.Hour)}
	if _, err := s.Write(ctx, Batch{Direct: directRows(t, "t", 10, base), Covered: []Span{bad}}); err == nil {
		t.Fatal("a bad span was accepted")
	}
	if n := count(t, s, "direct_routing"); n != 0 {
		t.Fatalf("%d rows of a failed batch stored", n)
	}
}

func TestLogRowWithoutStartIsKeptButInNoRange(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	rows := []DirectRow{{Row: model.DirectRoutingRow{ID: "timeless"}}, {Row: model.DirectRoutingRow{ID: "timed", StartDateTime: model.NewTime(base)}}}
	if w, err := s.Write(ctx, Batch{Direct: append(rows, rows...)}); err != nil || w.Direct != 2 {
		t.Fatalf("written %+v, %v", w, err)
	}
	page, _ := s.DirectRouting(ctx, Range{})
	info, _ := s.Info(ctx)
	if len(page.Rows) != 1 || info.Kinds[2].Count != 2 || !info.Kinds[2].Oldest.Equal(base) {
		t.Fatalf("rows %d, info %+v", len(page.Rows), info.Kinds[2])
	}
	if gone, _ := s.Forget(ctx, base.Add(-time.Hour)); gone[KindDirect] != 1 {
		t.Fatalf("forget: %v", gone)
	}
}
