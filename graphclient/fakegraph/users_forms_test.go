package fakegraph

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// edgeTenant is peopleTenant plus the demo's users whose UPNs need care:
// an apostrophe, a leading '$' and a B2B guest.
func edgeTenant() *Tenant {
	ten := peopleTenant()
	for _, u := range DemoDirectoryEdgeUsers() {
		ten.AddUser(u)
	}
	return ten
}

const (
	obrienUPN = "o'brien@contoso.com"
	dollarUPN = "$servicedesk@contoso.com"
	guestUPN  = "jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com"
	guestMail = "jordan.guest@fabrikam.com"
)

// TestUserKeyInParentheses: /users('…') finds a user by UPN or id, a
// doubled quote inside being a quote, whether the client percent-encodes
// the parentheses and quotes or not.
func TestUserKeyInParentheses(t *testing.T) {
	_, ts := serve(t, edgeTenant(), Options{})
	cases := map[string]string{
		"/users('o''brien@contoso.com')":                                       "Siobhán O'Brien",
		"/users%28%27O%27%27Brien@Contoso.com%27%29":                           "Siobhán O'Brien",
		"/users('$servicedesk@contoso.com')":                                   "Dollar Service Desk",
		"/Users('11111111-1111-4111-8111-111111111111')":                       "Anette Thomsen",
		"/users('jordan.guest_fabrikam.com%23EXT%23@contoso.onmicrosoft.com')": "Jordan Guest (Fabrikam)",
	}
	for path, want := range cases {
		m := get(t, ts, path+"?$select=id,displayName,mail").want(t, http.StatusOK).object(t)
		if m["displayName"] != want {
			t.Errorf("%s: %v, want %s", path, m, want)
		}
	}
	// The guest's mail is its home address, not its UPN.
	m := get(t, ts, "/users('"+url.PathEscape(guestUPN)+"')?$select=mail,userPrincipalName").want(t, http.StatusOK).object(t)
	if m["mail"] != guestMail || m["userPrincipalName"] != guestUPN {
		t.Fatalf("guest %v", m)
	}
	get(t, ts, "/users('nobody@contoso.com')").wantError(t, http.StatusNotFound, CodeResourceNotFound)
	get(t, ts, "/users('o''brien@contoso.com')/manager").wantError(t, http.StatusNotFound, CodeNotFound)
	for _, bad := range []string{"/users(o'brien@contoso.com)", "/users('o'brien@contoso.com')", "/users('x'", "/users('a')x)", "/users()"} {
		e := get(t, ts, bad).wantError(t, http.StatusBadRequest, CodeBadRequest)
		if msg, _ := e["message"].(string); !strings.Contains(msg, "single quotes") {
			t.Errorf("%s: message %q", bad, msg)
		}
	}
	// A segment that only starts like users( is no users path.
	get(t, ts, "/usersx('a')").wantError(t, http.StatusNotFound, CodeNotFound)
}

// TestUserDollarKeyIs400: /users/$x@y is refused as Graph refuses it
// ("Get user", ms.date 2024-12-23), pointing at the ('…') form; it is a
// syntax error, so it comes before the permission check.
func TestUserDollarKeyIs400(t *testing.T) {
	for _, deny := range []bool{false, true} {
		_, ts := serve(t, edgeTenant(), Options{DenyUsers: deny})
		e := get(t, ts, "/users/"+dollarUPN).wantError(t, http.StatusBadRequest, CodeBadRequest)
		if msg, _ := e["message"].(string); !strings.Contains(msg, "/users('"+dollarUPN+"')") {
			t.Errorf("deny %v: message %q", deny, msg)
		}
		get(t, ts, "/users/%24servicedesk@contoso.com").wantError(t, http.StatusBadRequest, CodeBadRequest)
	}
	// Plain keys work as before, an apostrophe included.
	_, ts := serve(t, edgeTenant(), Options{})
	if m := get(t, ts, "/users/o%27brien@contoso.com").want(t, http.StatusOK).object(t); m["displayName"] != "Siobhán O'Brien" {
		t.Fatalf("%v", m)
	}
}

// TestUsersEqFilter: userPrincipalName eq and mail eq match whole
// addresses, ignoring case, with quotes doubled and '#' percent-encoded;
// a guest is found by its home address only through mail.
func TestUsersEqFilter(t *testing.T) {
	_, ts := serve(t, edgeTenant(), Options{})
	cases := []struct {
		filter string
		want   []string
	}{
		{"userPrincipalName eq 'O''Brien@contoso.com'", []string{"Siobhán O'Brien"}},
		{"userPrincipalName eq '$servicedesk@contoso.com'", []string{"Dollar Service Desk"}},
		{"userPrincipalName eq '" + guestUPN + "'", []string{"Jordan Guest (Fabrikam)"}},
		{"userPrincipalName eq '" + guestMail + "'", []string{}},
		{"mail eq '" + guestMail + "'", []string{"Jordan Guest (Fabrikam)"}},
		{"mail eq 'JORDAN.GUEST@fabrikam.com'", []string{"Jordan Guest (Fabrikam)"}},
		{"mail eq '" + guestUPN + "'", []string{}},
		{"mail eq 'anette.thomsen@contoso.com'", []string{"Anette Thomsen"}},
		{"userPrincipalName eq 'anette'", []string{}},
		{"userPrincipalName eq 'x@contoso.com' or mail eq 'anette.larsen@contoso.com'", []string{"Anette Larsen"}},
		{"userPrincipalName eq ''", []string{}},
	}
	for _, tc := range cases {
		got := names(t, get(t, ts, usersQuery("$filter", tc.filter, "$select", "displayName")))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.filter, got, tc.want)
		}
	}
	for _, bad := range []string{
		"displayName eq 'Anette Thomsen'",
		"mail eq anette",
		"userPrincipalName  eq 'a'",
		"userPrincipalName eq 'a') ",
		"mail eq 'a",
	} {
		e := get(t, ts, usersQuery("$filter", bad)).wantError(t, http.StatusBadRequest, CodeBadRequest)
		if msg, _ := e["message"].(string); !strings.Contains(msg, "Invalid filter clause") {
			t.Errorf("%q: message %q", bad, msg)
		}
	}
}

func TestUserMail(t *testing.T) {
	cases := map[string]string{
		"anette@contoso.com": "anette@contoso.com",
		guestUPN:             guestMail,
		"a_b_c.example.org#EXT#@t.onmicrosoft.com": "a_b@c.example.org",
		"nounderscore#EXT#@t.onmicrosoft.com":      "",
		"_lead.example.org#EXT#@t.onmicrosoft.com": "",
		"trail_#EXT#@t.onmicrosoft.com":            "",
		"":                                         "",
	}
	for upn, want := range cases {
		if got := userMail(User{UserPrincipalName: upn}); got != want {
			t.Errorf("%q: %q, want %q", upn, got, want)
		}
	}
}
