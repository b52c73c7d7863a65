package rowstore

import (
	"testing"

	"github.com/callscope/callscope/model"
)

// The short trunk name drops the domain labels every loaded trunk shares
// and nothing more; a trunk arriving from another domain brings the full
// names back.
func TestTrunkShort(t *testing.T) {
	s := NewDRStore()
	add := func(trunks ...string) {
		for _, tr := range trunks {
			s.Add(&model.DirectRoutingRow{ID: tr, TrunkFullyQualifiedDomainName: tr})
		}
	}
	shorts := func() []string {
		out := make([]string, s.Len())
		for i := range out {
			out[i] = s.TrunkShort(int32(i))
		}
		return out
	}
	check := func(want ...string) {
		t.Helper()
		got := shorts()
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("short names %q, want %q", got, want)
			}
		}
	}
	add("sbc1.contoso.com")
	check("sbc1") // a lone trunk keeps its first label
	add("sbc-branch.eu.CONTOSO.com", "")
	check("sbc1", "sbc-branch.eu", "") // DNS names compare without case
	if s.TrunkWidest() != len("sbc-branch.eu.CONTOSO.com") {
		t.Fatalf("widest %d", s.TrunkWidest())
	}
	add("sbc2.fabrikam.net")
	check("sbc1.contoso.com", "sbc-branch.eu.CONTOSO.com", "", "sbc2.fabrikam.net")
}
