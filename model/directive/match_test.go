package directive

import (
	"testing"

	"github.com/callscope/callscope/model"
)

// RowFilter is the prompt's rules over decoded rows: a null SIP code never
// matches, not even 0; PSTN rows have no trunk or code to match.
func TestRowFilter(t *testing.T) {
	dr := model.DirectRoutingRow{UserPrincipalName: "ohara@contoso.com", UserDisplayName: `Síle "Sheila" O'Hara`,
		CallerNumber: "+44207946****", TrunkFullyQualifiedDomainName: "SBC1.contoso.com"}
	null := dr
	null.Unreported = model.LogFinalSIPCode
	ps := model.PstnRow{UserDisplayName: "Alice", CalleeNumber: "+14255550123"}
	cases := []struct {
		name string
		f    RowFilter
		row  any
		want bool
	}{
		{"empty", RowFilter{}, &dr, true},
		{"quoted name", RowFilter{User: `"sheila" o'hara`}, &dr, true},
		{"user as phone", RowFilter{User: "020 7946 0123"}, &dr, true},
		{"user not a phone", RowFilter{User: "7946x"}, &dr, false},
		{"number", RowFilter{Number: "+44 20 7946 0000"}, &dr, true},
		{"number elsewhere", RowFilter{Number: "+1425"}, &dr, false},
		{"trunk any case", RowFilter{Trunk: "sbc1"}, &dr, true},
		{"sip 0 reported", RowFilter{HasSip: true}, &dr, true},
		{"sip 0 null", RowFilter{HasSip: true}, &null, false},
		{"sip other", RowFilter{Sip: 403, HasSip: true}, &dr, false},
		{"pstn user", RowFilter{User: "alice"}, &ps, true},
		{"pstn number", RowFilter{Number: "(425) 555-0123"}, &ps, true},
		{"pstn trunk", RowFilter{Trunk: "sbc"}, &ps, false},
		{"pstn sip", RowFilter{HasSip: true}, &ps, false},
	}
	for _, tc := range cases {
		var got bool
		switch r := tc.row.(type) {
		case *model.DirectRoutingRow:
			got = tc.f.Direct(r)
		case *model.PstnRow:
			got = tc.f.Pstn(r)
		}
		if got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
