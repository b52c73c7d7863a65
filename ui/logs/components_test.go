package logs

import (
	"testing"

	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
)

// The sort picker is a component with a result: it stays open while the
// cursor moves, applies an order, or cancels, and says which order.
func TestSortPickerReturnsTheOrderPicked(t *testing.T) {
	c := uitest.Common(uitest.Now)
	cols := drAbout.cols
	current := sortOrder{col: rowstore.DRColDuration, desc: true}
	cases := []struct {
		name  string
		moves int // downs before enter; the picker opens on the current column
		want  sortOrder
	}{
		{"the current column again reverses it", 0, sortOrder{col: rowstore.DRColDuration, desc: false}},
		{"another column sorts its own way first", 1, sortOrder{col: rowstore.DRColLocation, desc: false}},
		{"past the last column is load order", 2, loadOrder},
	}
	for _, tc := range cases {
		p := newSortPicker(c, cols, current)
		for range tc.moves {
			if res := p.Update(uitest.KeyDown); res != table.FormOpen {
				t.Fatalf("%s: down gave %v", tc.name, res)
			}
		}
		if res := p.Update(uitest.KeyEnter); res != table.FormApplied || p.Order() != tc.want {
			t.Errorf("%s: %v %+v, want applied %+v", tc.name, res, p.Order(), tc.want)
		}
	}
	if res := newSortPicker(c, cols, current).Update(uitest.KeyEsc); res != table.FormCancelled {
		t.Fatalf("esc gave %v", res)
	}
}

// The filter takes f only where rows have an outcome and a code group
// does not already hold failures only, and esc clears what the prompt set
// but keeps a group view's group.
func TestFilterKeysReportWhatChanged(t *testing.T) {
	k := uitest.Keys()
	trunk := rowstore.LogGroup{Kind: rowstore.GroupTrunk, Name: "sbc1.contoso.com"}
	var f filter
	if f.update(uitest.KeyRune('f'), &k, newPstn()) != filterUnchanged || f.failuresOnly {
		t.Fatal("f changed a PSTN filter")
	}
	f = filter{group: rowstore.LogGroup{Kind: rowstore.GroupCode, Code: 503, Subcode: 560503}}
	if f.update(uitest.KeyRune('f'), &k, newDirectRouting()) != filterUnchanged {
		t.Fatal("f changed a SIP code group, whose rows all failed")
	}
	f = filter{group: trunk, user: "alice"}
	if f.update(uitest.KeyRune('f'), &k, newDirectRouting()) != filterChanged || !f.failuresOnly {
		t.Fatal("f did not turn failures only on in a trunk group")
	}
	if f.update(uitest.KeyEsc, &k, newDirectRouting()) != filterChanged || f != (filter{group: trunk}) {
		t.Fatalf("esc: %+v, want only the group left", f)
	}
	if f.update(uitest.KeyEsc, &k, newDirectRouting()) != filterUnchanged {
		t.Fatal("esc with nothing to clear took the key from the root")
	}
}
