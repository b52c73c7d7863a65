package rowstore

import (
	"testing"
	"time"
	"unsafe"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

// The not-reported flags fit the padding: a Direct Routing row stays 104
// bytes, within the 120 B a loaded row may cost.
func TestDRRowSize(t *testing.T) {
	if got := unsafe.Sizeof(drRow{}); got != 104 {
		t.Fatalf("drRow is %d bytes, want 104", got)
	}
}

// A row with null outcome fields keeps them null through the store: "—"
// cells, not failed, its own code group, and Row gives them back.
func TestDRStoreNotReported(t *testing.T) {
	s := NewDRStore()
	all := model.LogDuration | model.LogSuccessfulCall | model.LogFinalSIPCode | model.LogCallEndSubReason | model.LogMediaBypassEnabled
	s.Add(&model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-000000000001", Unreported: all})
	s.Add(&model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-000000000002", CallEndSubReason: 540000}) // failed, 0/540000
	s.Add(&model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-000000000003", Unreported: model.LogFinalSIPCode | model.LogCallEndSubReason})
	if r := s.Row(0); r.Unreported != all {
		t.Fatalf("Row(0).Unreported = %b, want %b", r.Unreported, all)
	}
	for _, col := range []int{DRColResult, DRColSIP, DRColSub, DRColDuration} {
		if got := s.Cell(0, col, time.UTC, "FAILED"); got != NotReportedCell {
			t.Errorf("cell %d = %q, want %q", col, got, NotReportedCell)
		}
		if got := s.Cell(1, col, time.UTC, "FAILED"); got == NotReportedCell {
			t.Errorf("reported row: cell %d = %q", col, got)
		}
	}
	if s.Failed(0) || !s.Failed(1) || !s.Failed(2) {
		t.Errorf("failed = %v %v %v, want false true true", s.Failed(0), s.Failed(1), s.Failed(2))
	}
	if c := s.Call(0); c.Missing != sip.UnreportedSuccess|sip.UnreportedCode|sip.UnreportedSubcode {
		t.Errorf("Call(0).Missing = %b", c.Missing)
	}
	// The group of code 0 is not the group of rows without a code.
	zero := s.Matcher(false, LogGroup{Kind: GroupCode, Code: 0, Subcode: 0})
	none := s.Matcher(false, LogGroup{Kind: GroupCode, Unreported: sip.UnreportedCode | sip.UnreportedSubcode})
	if zero(2) || !none(2) || none(1) || none(0) {
		t.Errorf("code groups: 0/0 matches row 2 %v; unreported matches rows 0,1,2: %v %v %v", zero(2), none(0), none(1), none(2))
	}
	if got := (LogGroup{Kind: GroupCode, Unreported: sip.UnreportedCode | sip.UnreportedSubcode}).Label(); got != "SIP —/—" {
		t.Errorf("label = %q", got)
	}
	// A value not reported sorts below every value, 0 and negatives included.
	key := s.SortKey(DRColSIP)
	if !(key(0) < key(1)) {
		t.Errorf("SIP sort keys: not reported %d, 0/540000 %d", key(0), key(1))
	}
	if k := s.SortKey(DRColDuration); !(k(0) < k(1)) {
		t.Errorf("duration sort keys: not reported %d, 0 %d", k(0), k(1))
	}
}

func TestPstnStoreNotReported(t *testing.T) {
	s := NewPstnStore()
	s.Add(&model.PstnRow{ID: "3f2a0000-0000-4000-8000-000000000001", Unreported: model.LogDuration})
	if got := s.Cell(0, PstnColDuration, time.UTC); got != NotReportedCell {
		t.Errorf("duration cell = %q", got)
	}
	if r := s.Row(0); r.Reported(model.LogDuration) {
		t.Error("Row lost the unreported duration")
	}
}
