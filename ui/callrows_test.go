package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/callscope/callscope/model"
)

// testT0 is the frozen "now" of the calls tests.
var testT0 = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// testOrganizers cycles through the kinds of organizer a tenant has.
var testOrganizers = []*model.Participant{
	{ID: "u1", Identity: &model.IdentitySet{User: &model.Identity{ID: "u1", DisplayName: "Adele Vance"}}},
	{ID: "+14255550100", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+14255550100"}}},
	{ID: "g1", Identity: &model.IdentitySet{Guest: &model.Identity{ID: "g1", DisplayName: "Guest Visitor"}}},
	{ID: "8:acs:1", Identity: &model.IdentitySet{AzureCommunicationServicesUser: &model.Identity{ID: "8:acs:1"}}},
	{ID: "u2", Identity: &model.IdentitySet{User: &model.Identity{ID: "u2", DisplayName: "Bartholomew Featherstone-Haugh"}}},
	{ID: "u3", Identity: &model.IdentitySet{User: &model.Identity{ID: "u3", DisplayName: "山田 太郎"}}},
}

// testID is the canonical GUID of record i.
func testID(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0x3f2a0000+i, i) }

// makeRecords makes n records newest first, one a minute back from
// testT0-1h, as Graph's list would serve them.
func makeRecords(from, n int) []model.CallRecord {
	out := make([]model.CallRecord, n)
	for k := range out {
		i := from + k
		start := testT0.Add(-time.Hour - time.Duration(i)*time.Minute)
		r := &out[k]
		r.ID = testID(i)
		r.Type = []string{model.CallTypePeerToPeer, model.CallTypeGroupCall}[i%2]
		r.Modalities = [][]string{{"audio"}, {"audio", "video"}, {"audio", "screenSharing"}}[i%3]
		r.StartDateTime = model.NewTime(start)
		r.EndDateTime = model.NewTime(start.Add(time.Duration(i%4000) * time.Second))
		r.OrganizerV2 = testOrganizers[i%len(testOrganizers)]
	}
	return out
}

func TestCallRowsRoundTrip(t *testing.T) {
	s := newCallRows()
	recs := makeRecords(0, 10_000)
	recs[7].ID = "Not-A-GUID"
	recs[8].ID = strings.Repeat("x", 300)
	recs[9].ID = "3F2A0009-0000-4000-8000-000000000009" // upper case must come back as sent
	recs[10].Type = "someFutureType"
	recs[11].EndDateTime = model.Time{}
	recs[12].EndDateTime = model.NewTime(recs[12].StartDateTime.Add(-time.Second))
	recs[13].OrganizerV2 = &model.Participant{Identity: &model.IdentitySet{User: &model.Identity{DisplayName: "evil\x1b[31mred\nname"}}}
	recs[14].StartDateTime = model.Time{}
	for p := 0; p < len(recs); p += 60 {
		s.Append(recs[p:min(p+60, len(recs))])
	}
	if s.Len() != len(recs) {
		t.Fatalf("len %d", s.Len())
	}
	for i := range recs {
		r := &recs[i]
		if s.ID(i) != r.ID {
			t.Fatalf("row %d id %q, want %q", i, s.ID(i), r.ID)
		}
		if i != 14 && s.StartUnix(i) != r.StartDateTime.Unix() {
			t.Fatalf("row %d start", i)
		}
		if s.Type(i) != r.Type || s.Modalities(i) != strings.Join(r.Modalities, ", ") {
			t.Fatalf("row %d type %q mods %q", i, s.Type(i), s.Modalities(i))
		}
		if i != 13 && s.Organizer(i) != r.OrganizerText() {
			t.Fatalf("row %d organizer %q, want %q", i, s.Organizer(i), r.OrganizerText())
		}
		if i != 11 && i != 12 && i != 14 && s.DurationSecs(i) != int64(r.EndDateTime.Sub(r.StartDateTime.Time)/time.Second) {
			t.Fatalf("row %d duration %d", i, s.DurationSecs(i))
		}
	}
	for _, i := range []int{0, 7, 8, 9, 9999} {
		if s.ShortID(i) != shortID(s.ID(i)) {
			t.Errorf("row %d short id %q, want %q", i, s.ShortID(i), shortID(s.ID(i)))
		}
	}
	if s.Type(10) != "someFutureType" {
		t.Error("unknown types are kept as sent")
	}
	if s.DurationSecs(11) != -1 || s.DurationSecs(12) != -1 || s.StartUnix(14) != 0 {
		t.Error("missing or negative times are unknown")
	}
	if got := s.Organizer(13); strings.ContainsAny(got, "\x1b\n") || !strings.Contains(got, "red") {
		t.Errorf("control characters must not reach the screen: %q", got)
	}
}

func TestCallRowsSizeIs40Bytes(t *testing.T) {
	if got := unsafe.Sizeof(callRow{}); got != 40 {
		t.Fatalf("callRow is %d bytes, want 40", got)
	}
}

func TestCallRowsSnapshotIsSafeWhileAppending(t *testing.T) {
	s := newCallRows()
	s.Append(makeRecords(0, 100))
	snap := s.snapshot()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < snap.Len(); i++ {
			if snap.ID(i) != testID(i) || snap.Organizer(i) == "" {
				t.Errorf("snapshot row %d changed", i)
				return
			}
		}
	}()
	for p := 100; p < 20_000; p += 60 {
		s.Append(makeRecords(p, 60))
	}
	wg.Wait()
	if snap.Len() != 100 {
		t.Fatalf("snapshot len %d", snap.Len())
	}
}

func TestCellTextCutsOnRuneBoundary(t *testing.T) {
	s := strings.Repeat("é", 200) // 400 bytes
	got := cellText(s, maxOrgBytes)
	if len(got) > maxOrgBytes || !strings.HasPrefix(s, got) || len(got)%2 != 0 {
		t.Fatalf("cut to %d bytes", len(got))
	}
}

// A record that never went through the client (the store takes any) still
// lists its organizer display-safe: the store uses the one sanitiser.
func TestCallRowsOrganizerIsDisplaySafe(t *testing.T) {
	rec := makeRecords(0, 1)
	rec[0].OrganizerV2 = &model.Participant{Identity: &model.IdentitySet{
		User: &model.Identity{DisplayName: "Eve\x1b]0;pwned\x07\u009b31m\u202e"}}}
	s := newCallRows()
	s.Append(rec)
	if got, want := s.Organizer(0), model.DisplaySafe("Eve\x1b]0;pwned\x07\u009b31m\u202e"); got != want || strings.ContainsRune(got, 0x1b) {
		t.Fatalf("organizer %q, want %q", got, want)
	}
}
