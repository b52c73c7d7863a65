package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// edgeDirectory is directory() plus the demo's users whose UPNs break a
// lookup by path key: "o'brien@…", "$servicedesk@…" and a B2B guest.
func edgeDirectory() *fakegraph.Tenant {
	ten := directory()
	for _, u := range fakegraph.DemoDirectoryEdgeUsers() {
		ten.AddUser(u)
	}
	return ten
}

// TestResolveUserAddressesThatBreakPaths: each UPN Graph's path form gets
// wrong is found, with one $filter request and nothing in the path.
func TestResolveUserAddressesThatBreakPaths(t *testing.T) {
	c, srv := startDirectory(t, edgeDirectory(), false)
	cases := []struct {
		text, name, filter string
	}{
		{"o'brien@contoso.com", "Siobhán O'Brien", "userPrincipalName eq 'o''brien@contoso.com'"},
		{"O'Brien@Contoso.com", "Siobhán O'Brien", "userPrincipalName eq 'O''Brien@Contoso.com'"},
		{"$servicedesk@contoso.com", "Dollar Service Desk", "userPrincipalName eq '$servicedesk@contoso.com'"},
		{"jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com", "Jordan Guest (Fabrikam)",
			"userPrincipalName eq 'jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com'"},
	}
	for _, tc := range cases {
		srv.ResetRequests()
		us, err := c.ResolveUser(context.Background(), tc.text)
		if err != nil || len(us) != 1 || us[0].DisplayName != tc.name {
			t.Errorf("%s: %+v, %v", tc.text, us, err)
			continue
		}
		reqs := srv.Requests()
		if len(reqs) != 1 || usersFilter(t, reqs[0].Path) != tc.filter {
			t.Errorf("%s: requests %+v", tc.text, reqs)
		}
		// '#' must travel as %23: sent raw it would start a fragment, and
		// Graph would see a UPN cut at the '#'.
		if strings.Contains(tc.text, "#") && !strings.Contains(reqs[0].Path, "%23EXT%23") {
			t.Errorf("%s: '#' not escaped: %s", tc.text, reqs[0].Path)
		}
	}
}

// TestResolveUserGuestByMail: a guest is known by its home address, which
// is its mail, not its UPN: the UPN lookup finds nobody, mail eq finds it.
func TestResolveUserGuestByMail(t *testing.T) {
	c, srv := startDirectory(t, edgeDirectory(), false)
	us, err := c.ResolveUser(context.Background(), "Jordan.Guest@fabrikam.com")
	if err != nil || len(us) != 1 || us[0].ID != "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a53" || us[0].Mail != "jordan.guest@fabrikam.com" ||
		us[0].UserPrincipalName != "jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com" {
		t.Fatalf("%+v, %v", us, err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || usersFilter(t, reqs[0].Path) != "userPrincipalName eq 'Jordan.Guest@fabrikam.com'" ||
		usersFilter(t, reqs[1].Path) != "mail eq 'Jordan.Guest@fabrikam.com'" {
		t.Fatalf("requests %+v", reqs)
	}
	u, err := c.GetUser(context.Background(), "jordan.guest@fabrikam.com")
	if err != nil || u.DisplayName != "Jordan Guest (Fabrikam)" {
		t.Fatalf("GetUser: %+v, %v", u, err)
	}
	// A 403 on either lookup is the permission error.
	c, _ = startDirectory(t, edgeDirectory(), true)
	if _, err := c.ResolveUser(context.Background(), "jordan.guest@fabrikam.com"); !IsUserReadDenied(err) {
		t.Fatalf("%v", err)
	}
}

// TestGetUserByIDUsesThePath: an object id is safe as a path key.
func TestGetUserByIDUsesThePath(t *testing.T) {
	c, srv := startDirectory(t, edgeDirectory(), false)
	u, err := c.GetUser(context.Background(), "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a52")
	if err != nil || u.UserPrincipalName != "$servicedesk@contoso.com" {
		t.Fatalf("%+v, %v", u, err)
	}
	if p := srv.Requests()[0].Path; !strings.HasPrefix(p, "/v1.0/users/0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a52?") {
		t.Fatalf("path %s", p)
	}
}

// TestResolveUserMoreThan25: a name 26 people share is said to be too
// many, in the words the screens and scripts show; 25 come back whole.
func TestResolveUserMoreThan25(t *testing.T) {
	ten := fakegraph.NewTenant()
	for i := range MaxUserMatches + 1 {
		ten.AddUser(fakegraph.User{ID: fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", i), DisplayName: fmt.Sprintf("Quinn %02d", i),
			UserPrincipalName: fmt.Sprintf("quinn%02d@contoso.com", i)})
	}
	c, _ := startDirectory(t, ten, false)
	_, err := c.ResolveUser(context.Background(), "quinn")
	if !IsTooManyUsers(err) || err.Error() != "more than 25 match; type more of the name" {
		t.Fatalf("%v", err)
	}
	us, err := c.ResolveUser(context.Background(), "Quinn 0")
	if err != nil || len(us) != 10 || us[0].DisplayName != "Quinn 00" || us[9].DisplayName != "Quinn 09" {
		t.Fatalf("%q, %v", userNames(us), err)
	}
	// Exactly 25 is a full list, not "more than".
	ten2 := fakegraph.NewTenant()
	for _, u := range ten.Users()[1:] {
		ten2.AddUser(u)
	}
	c2, _ := startDirectory(t, ten2, false)
	if us, err := c2.ResolveUser(context.Background(), "quinn"); err != nil || len(us) != MaxUserMatches {
		t.Fatalf("%d users, %v", len(us), err)
	}
}

// TestFindUsersFollowsShortPages: a server may page below $top; the
// search follows nextLinks until it knows whether more than the list
// holds match, and refuses a link off the service root.
func TestFindUsersFollowsShortPages(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		from := 0
		fmt.Sscan(r.URL.Query().Get("from"), &from)
		total := 30
		if strings.Contains(r.URL.Query().Get("$filter"), "'few'") || r.URL.Query().Get("few") != "" {
			total = 12
		}
		var vals []string
		for i := from; i < min(from+5, total); i++ {
			vals = append(vals, fmt.Sprintf(`{"id":"u%02d","displayName":"Few %02d"}`, i, i))
		}
		next := ""
		switch {
		case strings.Contains(r.URL.Query().Get("$filter"), "'foreign'"):
			next = `,"@odata.nextLink":"https://example.com/v1.0/users?from=5"`
		case from+5 < total:
			few := ""
			if total == 12 {
				few = "&few=1"
			}
			next = fmt.Sprintf(`,"@odata.nextLink":"http://%s/v1.0/users?from=%d%s"`, r.Host, from+5, few)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"value":[%s]%s}`, strings.Join(vals, ","), next)
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token")})
	if err != nil {
		t.Fatal(err)
	}
	// 30 match, five a page: six pages reach the 26th, and no more are read.
	if _, err := c.FindUsers(context.Background(), "many", 0); !IsTooManyUsers(err) || hits.Load() != 6 {
		t.Fatalf("%d requests, %v", hits.Load(), err)
	}
	hits.Store(0)
	us, err := c.FindUsers(context.Background(), "few", 0)
	if err != nil || len(us) != 12 || hits.Load() != 3 {
		t.Fatalf("%d users in %d requests, %v", len(us), hits.Load(), err)
	}
	if _, err := c.FindUsers(context.Background(), "foreign", 0); !errors.Is(err, ErrForeignLink) {
		t.Fatalf("%v", err)
	}
}
