package rowstore

import (
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

func TestCallRowsRoundTrip(t *testing.T) {
	s := NewCallRows()
	recs := uitest.MakeRecords(0, 10_000)
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
		if s.ShortID(i) != common.ShortID(s.ID(i)) {
			t.Errorf("row %d short id %q, want %q", i, s.ShortID(i), common.ShortID(s.ID(i)))
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
	s := NewCallRows()
	s.Append(uitest.MakeRecords(0, 100))
	snap := s.Snapshot()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < snap.Len(); i++ {
			if snap.ID(i) != uitest.ID(i) || snap.Organizer(i) == "" {
				t.Errorf("snapshot row %d changed", i)
				return
			}
		}
	}()
	for p := 100; p < 20_000; p += 60 {
		s.Append(uitest.MakeRecords(p, 60))
	}
	wg.Wait()
	if snap.Len() != 100 {
		t.Fatalf("snapshot len %d", snap.Len())
	}
}

func TestCellTextCutsOnRuneBoundary(t *testing.T) {
	s := strings.Repeat("é", 200) // 400 bytes
	got := cellText(s, maxOrganizerBytes)
	if len(got) > maxOrganizerBytes || !strings.HasPrefix(s, got) || len(got)%2 != 0 {
		t.Fatalf("cut to %d bytes", len(got))
	}
}

// A record that never went through the client (the store takes any) still
// lists its organizer display-safe: the store uses the one sanitiser.
func TestCallRowsOrganizerIsDisplaySafe(t *testing.T) {
	rec := uitest.MakeRecords(0, 1)
	rec[0].OrganizerV2 = &model.Participant{Identity: &model.IdentitySet{
		User: &model.Identity{DisplayName: "Eve\x1b]0;pwned\x07\u009b31m\u202e"}}}
	s := NewCallRows()
	s.Append(rec)
	if got, want := s.Organizer(0), model.DisplaySafe("Eve\x1b]0;pwned\x07\u009b31m\u202e"); got != want || strings.ContainsRune(got, 0x1b) {
		t.Fatalf("organizer %q, want %q", got, want)
	}
}
