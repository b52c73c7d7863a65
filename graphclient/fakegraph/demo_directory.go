package fakegraph

// demoDirectoryEdgeUsers are directory users whose UPNs break a lookup that
// puts the UPN in the path as it stands: an apostrophe, a leading '$'
// (Graph's "Get user" page, ms.date 2024-12-23: `/users/$x@y.com` is a 400),
// and a B2B guest, whose UPN carries "#EXT#" and whose mail is the home
// address (userMail). They have fixed ids and take nothing from the demo's
// random streams, so adding them moves no record, row or other user. They
// are in no call record: they exist to be looked up.
var demoDirectoryEdgeUsers = []User{
	{ID: "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a51", DisplayName: "Siobhán O'Brien", UserPrincipalName: "o'brien@contoso.com"},
	{ID: "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a52", DisplayName: "Dollar Service Desk", UserPrincipalName: "$servicedesk@contoso.com"},
	{ID: "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a53", DisplayName: "Jordan Guest (Fabrikam)", UserPrincipalName: "jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com"},
}

// DemoDirectoryEdgeUsers returns copies of the demo tenant's users whose
// UPNs need care: "o'brien@contoso.com", "$servicedesk@contoso.com" and the
// guest "jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com" (mail
// jordan.guest@fabrikam.com). Tests building their own tenant add them
// with AddUser.
func DemoDirectoryEdgeUsers() []User {
	return append([]User(nil), demoDirectoryEdgeUsers...)
}
