package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// withParticipants is the expanded record id with participants_v2 set to
// ids (and Graph's nextLink when more), as Get with
// $expand=participants_v2 returns it.
func withParticipants(t *testing.T, id string, start time.Time, more bool, ids ...string) *model.CallRecord {
	t.Helper()
	parts := make([]map[string]any, len(ids))
	for i, p := range ids {
		parts[i] = map[string]any{"id": p, "identity": map[string]any{"user": map[string]any{"id": p}}}
	}
	set := map[string]any{"participants_v2": parts}
	if more {
		set["participants_v2@odata.nextLink"] = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('" + id + "')/participants_v2?$skiptoken=abc"
	}
	rec := expanded(t, id, 1, base, start)
	rec.Raw = withMembers(t, rec.Raw, set)
	return rec
}

// callIDs are the ids of rows.
func callIDs(rows []CallRow) []string {
	out := make([]string, len(rows))
	for i := range rows {
		out[i] = rows[i].Call.ID
	}
	return out
}

// A call is the participant's when its stored participants_v2 names the
// id exactly; a whole list without it rules the call out; a call whose
// stored record lists no participants, or with no record at all, is
// counted, not guessed at; a truncated list settles only a listed id.
func TestParticipantCallsJudgeStoredParticipants(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const who = "5c1a9e2d-0000-4000-8000-0000000000aa" // not in the fixture's bytes
	at := func(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }
	var list []model.CallRecord
	for i, id := range []string{"in", "out", "case", "bare", "cut-in", "cut-out", "listonly"} {
		list = append(list, listRow(t, id, 1, base, at(i)))
	}
	recs := []Record{
		{Call: withParticipants(t, "in", at(0), false, "someone", who), Verdict: Verdict{Result: "ok", Quality: "good"}},
		{Call: withParticipants(t, "out", at(1), false, "someone", who+"0")},
		{Call: withParticipants(t, "case", at(2), false, strings.ToUpper(who))}, // eq is case-sensitive
		{Call: expanded(t, "bare", 1, base, at(3))},                             // sessions only
		{Call: withParticipants(t, "cut-in", at(4), true, who)},
		{Call: withParticipants(t, "cut-out", at(5), true, "someone")},
		{Call: withParticipants(t, "recordonly", at(7), false, who)}, // no list row
	}
	if _, err := s.Write(ctx, Batch{Calls: list, Records: recs}); err != nil {
		t.Fatal(err)
	}
	page, err := s.ParticipantCalls(ctx, Range{}, who)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := callIDs(page.Rows), []string{"recordonly", "cut-in", "in"}; !slices.Equal(got, want) {
		t.Fatalf("calls = %q, want %q (newest first)", got, want)
	}
	if page.Scanned != 8 || page.NoRecord != 1 || page.NoParticipants != 2 || page.Next != "" {
		t.Errorf("scanned %d, no record %d, no participants %d, next %q; want 8, 1 (listonly), 2 (bare, cut-out), \"\"",
			page.Scanned, page.NoRecord, page.NoParticipants, page.Next)
	}
	in := page.Rows[2]
	if string(in.Raw) != string(list[0].Raw) || in.Call.OrganizerText() == "" || in.Verdict.Quality != "good" || !in.Current {
		t.Errorf("a matched call is not read as Calls reads it: %+v", in)
	}
	if only := page.Rows[0]; only.Raw != nil || !only.Call.StartDateTime.Equal(at(7)) {
		t.Errorf("a call stored from its record only: raw %q, start %v", only.Raw, only.Call.StartDateTime)
	}
}

// Ids that JSON may escape are found by decoding every list, the rest by
// the byte search first: both give the same answer.
func TestParticipantCallsEscapedIDs(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const who = "8:orgid:o'hara/0001"
	rec := expanded(t, "esc", 1, base, base)
	// Graph's bytes may escape the quote and the slash.
	rec.Raw = withMembers(t, rec.Raw, map[string]any{"participants_v2": []any{}})
	rec.Raw = json.RawMessage(strings.Replace(string(rec.Raw), `"participants_v2":[]`,
		`"participants_v2":[{"id":"8:orgid:o\u0027hara\/0001"},{"id":"+14255550100"}]`, 1))
	if _, err := s.Write(ctx, Batch{Records: []Record{{Call: rec}}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{who, "+14255550100"} {
		page, err := s.ParticipantCalls(ctx, Range{}, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := callIDs(page.Rows); !slices.Equal(got, []string{"esc"}) {
			t.Errorf("%q: calls %q, want [esc]", id, got)
		}
	}
	page, err := s.ParticipantCalls(ctx, Range{}, "+14255550101")
	if err != nil || len(page.Rows) != 0 || page.NoParticipants != 0 {
		t.Errorf("another number: %+v, %v", page, err)
	}
}

// A page scans at most Limit calls of the range, so a page may hold no
// match and still lead on; the pages together hold every match once.
func TestParticipantCallsPagedByCallsScanned(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var recs []Record
	for i := range 9 {
		ids := []string{"other"}
		if i%4 == 0 {
			ids = append(ids, "who")
		}
		recs = append(recs, Record{Call: withParticipants(t, string(rune('a'+i)), base.Add(time.Duration(i)*time.Hour), false, ids...)})
	}
	if _, err := s.Write(ctx, Batch{Records: recs}); err != nil {
		t.Fatal(err)
	}
	var got []string
	fetches, empty := 0, 0
	for r := (Range{From: base.Add(time.Hour), Limit: 2}); ; {
		fetches++
		page, err := s.ParticipantCalls(ctx, r, "who")
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Rows) == 0 {
			empty++
		}
		got = append(got, callIDs(page.Rows)...)
		if r.After = page.Next; r.After == "" {
			break
		}
	}
	if want := []string{"i", "e"}; !slices.Equal(got, want) {
		t.Errorf("calls %q, want %q (a is before the range)", got, want)
	}
	// Eight calls in range, two a page, then a page that finds the end.
	if fetches != 5 || empty != 3 {
		t.Errorf("%d pages (%d empty), want 5 (3 empty)", fetches, empty)
	}
}
