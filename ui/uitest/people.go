package uitest

import "github.com/callscope/callscope/graphclient/fakegraph"

// The people of PeopleTenant: two Anettes, whom a search for "anette"
// finds both of, and an O'Brien.
const (
	AnetteThomsenID = "11111111-1111-4111-8111-111111111111"
	AnetteLarsenID  = "22222222-2222-4222-8222-222222222222"
	SileOBrienID    = "33333333-3333-4333-8333-333333333333"
)

// PeopleTenant is a small directory (Anette Thomsen, Anette Larsen, Síle
// O'Brien) and five call records (MakeRecords), for the person lookups of
// the calls filter and the ":user" prompt.
func PeopleTenant() *fakegraph.Tenant {
	ten := fakegraph.NewTenant()
	for _, u := range []fakegraph.User{
		{ID: AnetteThomsenID, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
		{ID: AnetteLarsenID, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
		{ID: SileOBrienID, DisplayName: "Síle O'Brien", UserPrincipalName: "sile.obrien@contoso.com"},
	} {
		ten.AddUser(u)
	}
	for _, r := range MakeRecords(0, 5) {
		ten.AddRecord(r)
	}
	return ten
}
