package graphclient

import (
	"context"
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// directory is a tenant of users with shared name prefixes and apostrophes.
func directory() *fakegraph.Tenant {
	ten := fakegraph.NewTenant()
	for _, u := range []fakegraph.User{
		{ID: "11111111-1111-4111-8111-111111111111", DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
		{ID: "22222222-2222-4222-8222-222222222222", DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
		{ID: "33333333-3333-4333-8333-333333333333", DisplayName: "Síle O'Brien", UserPrincipalName: "sile.o'brien@contoso.com"},
		{ID: "44444444-4444-4444-8444-444444444444", DisplayName: "Owen Franklin", UserPrincipalName: "o.franklin@contoso.com"},
		{ID: "55555555-5555-4555-8555-555555555555", DisplayName: "Liam O'Brien", UserPrincipalName: "liam.obrien@contoso.com"},
	} {
		ten.AddUser(u)
	}
	return ten
}

// startDirectory serves ten over HTTP; deny makes /users answer 403.
func startDirectory(t *testing.T, ten *fakegraph.Tenant, deny bool) (*Client, *fakegraph.Server) {
	t.Helper()
	srv := fakegraph.New(ten, fakegraph.Options{Token: "fake-token", DenyUsers: deny, Clock: func() time.Time { return fakeNow }})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token")})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func userNames(us []User) string {
	var n []string
	for _, u := range us {
		n = append(n, u.DisplayName)
	}
	return strings.Join(n, ", ")
}

func TestResolveUserByUPN(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	us, err := c.ResolveUser(context.Background(), "  Anette.Thomsen@contoso.com ")
	if err != nil || len(us) != 1 {
		t.Fatalf("%v, %v", us, err)
	}
	want := User{ID: "11111111-1111-4111-8111-111111111111", DisplayName: "Anette Thomsen",
		UserPrincipalName: "anette.thomsen@contoso.com", Mail: "anette.thomsen@contoso.com"}
	if us[0] != want {
		t.Fatalf("got %+v", us[0])
	}
	// The UPN goes in a $filter, never in the path; one request when it matches.
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1.0/users?$filter=userPrincipalName%20eq%20%27Anette.Thomsen%40contoso.com%27&$select=id%2CdisplayName%2CuserPrincipalName%2Cmail&$top=2" {
		t.Fatalf("requests %+v", reqs)
	}
	// An apostrophe in a UPN is doubled inside the literal.
	us, err = c.ResolveUser(context.Background(), "sile.o'brien@contoso.com")
	if err != nil || len(us) != 1 || us[0].DisplayName != "Síle O'Brien" {
		t.Fatalf("%v, %v", us, err)
	}
	if q := usersFilter(t, srv.Requests()[1].Path); q != "userPrincipalName eq 'sile.o''brien@contoso.com'" {
		t.Errorf("filter %q", q)
	}
}

// usersFilter is the $filter of a /users request path.
func usersFilter(t *testing.T, path string) string {
	t.Helper()
	p, rawQuery, ok := strings.Cut(path, "?")
	q, err := url.ParseQuery(rawQuery)
	if !ok || err != nil || p != "/v1.0/users" {
		t.Fatalf("not a /users query: %s", path)
	}
	return q.Get("$filter")
}

func TestResolveUserByNameSeveral(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	us, err := c.ResolveUser(context.Background(), "anette")
	if err != nil || userNames(us) != "Anette Larsen, Anette Thomsen" {
		t.Fatalf("%q, %v (want sorted by name)", userNames(us), err)
	}
	q, _ := url.ParseQuery(strings.SplitN(srv.Requests()[0].Path, "?", 2)[1])
	if q.Get("$filter") != "startswith(displayName,'anette') or startswith(userPrincipalName,'anette')" ||
		q.Get("$select") != "id,displayName,userPrincipalName,mail" || q.Get("$top") != "26" {
		t.Fatalf("query %v", q)
	}
	// A space cannot be in a UPN, so only display names are searched.
	us, err = c.ResolveUser(context.Background(), "Anette T")
	if err != nil || userNames(us) != "Anette Thomsen" {
		t.Fatalf("%q, %v", userNames(us), err)
	}
	q, _ = url.ParseQuery(strings.SplitN(srv.Requests()[1].Path, "?", 2)[1])
	if q.Get("$filter") != "startswith(displayName,'Anette T')" {
		t.Fatalf("filter %q", q.Get("$filter"))
	}
	// A UPN prefix finds its user too.
	if us, err := c.ResolveUser(context.Background(), "o.frank"); err != nil || userNames(us) != "Owen Franklin" {
		t.Fatalf("%q, %v", userNames(us), err)
	}
}

func TestResolveUserApostropheInName(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	us, err := c.ResolveUser(context.Background(), "Síle O'B")
	if err != nil || userNames(us) != "Síle O'Brien" {
		t.Fatalf("%q, %v", userNames(us), err)
	}
	if p := srv.Requests()[0].Path; !strings.Contains(p, "%27S%C3%ADle%20O%27%27B%27") {
		t.Errorf("the quote must be doubled inside the literal: %s", p)
	}
	// startswith, not contains: a surname alone finds no one.
	if us, err := c.FindUsers(context.Background(), "o'brien", 0); err != nil || len(us) != 0 {
		t.Fatalf("%q, %v", userNames(us), err)
	}
	if us, err := c.FindUsers(context.Background(), "Liam O'", 5); err != nil || userNames(us) != "Liam O'Brien" {
		t.Fatalf("%q, %v", userNames(us), err)
	}
}

func TestResolveUserNone(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	_, err := c.ResolveUser(context.Background(), "Zed")
	var nf *UserNotFoundError
	if !errors.As(err, &nf) || !nf.ByName || !strings.Contains(err.Error(), `starts with "Zed"`) {
		t.Fatalf("%v", err)
	}
	_, err = c.ResolveUser(context.Background(), "425 555 0100")
	if err == nil || !strings.Contains(err.Error(), "country code") {
		t.Fatalf("a local number should be told to add its country code: %v", err)
	}
	// An address nobody has: the UPN, then the mail, were asked (a $filter
	// that matches nobody is a 200, so there is no Graph 404 to cite).
	srv.ResetRequests()
	_, err = c.ResolveUser(context.Background(), "nobody@contoso.com")
	if !errors.As(err, &nf) || nf.ByName || nf.Graph != nil || err.Error() != "no such user: nobody@contoso.com" {
		t.Fatalf("%v", err)
	}
	if reqs := srv.Requests(); len(reqs) != 2 || usersFilter(t, reqs[0].Path) != "userPrincipalName eq 'nobody@contoso.com'" ||
		usersFilter(t, reqs[1].Path) != "mail eq 'nobody@contoso.com'" {
		t.Fatalf("requests %+v", reqs)
	}
	// An unknown object id is Graph's 404, request-id and all.
	_, err = c.GetUser(context.Background(), "99999999-9999-4999-8999-999999999999")
	if !errors.As(err, &nf) || nf.ByName || !IsNotFound(err) || !strings.Contains(err.Error(), "no such user: 99999999-9999-4999-8999-999999999999") ||
		!strings.Contains(err.Error(), "request-id") {
		t.Fatalf("%v", err)
	}
	// FindUsers reports none as an empty result.
	if us, err := c.FindUsers(context.Background(), "Zed", 10); err != nil || us == nil || len(us) != 0 {
		t.Fatalf("%v, %v", us, err)
	}
}

func TestResolveUserForbidden(t *testing.T) {
	c, _ := startDirectory(t, directory(), true)
	for _, text := range []string{"anette", "anette.thomsen@contoso.com"} {
		_, err := c.ResolveUser(context.Background(), text)
		var de *UserReadDeniedError
		if !errors.As(err, &de) || !IsUserReadDenied(err) || de.Graph.Status != 403 || de.Graph.RequestID == "" {
			t.Fatalf("%s: %v", text, err)
		}
		for _, want := range []string{"User.Read.All", "admin consent", "object id still works", "Authorization_RequestDenied"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", text, err, want)
			}
		}
	}
	// An object id needs no permission: nothing is asked.
	if us, err := c.ResolveUser(context.Background(), "11111111-1111-4111-8111-111111111111"); err != nil || len(us) != 1 {
		t.Fatalf("%v, %v", us, err)
	}
}

func TestResolveUserLiteralIDsAskNothing(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	cases := map[string]string{
		"11111111-AAAA-4111-8111-111111111111": "11111111-aaaa-4111-8111-111111111111",
		"+14255550100":                         "+14255550100",
		"+1 (425) 555-0100":                    "+14255550100",
		"+44 20 7946 0123":                     "+442079460123",
		"c6f4f18f1e99401a9193fbf954f6e903":     "c6f4f18f1e99401a9193fbf954f6e903",
		"8:orgid:o'hara-0001":                  "8:orgid:o'hara-0001",
		"8:acs:0d0b1f0e_1234":                  "8:acs:0d0b1f0e_1234",
	}
	for in, want := range cases {
		us, err := c.ResolveUser(context.Background(), in)
		if err != nil || len(us) != 1 || us[0].ID != want || us[0].Name() != want {
			t.Errorf("%q: %+v, %v; want id %q", in, us, err, want)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests for literal ids", n)
	}
	for _, notID := range []string{"+", "+12", "+0123456", "+1 425 abc", "+1234567890123456", "8:", "Anette", "4255550100"} {
		if id, ok := LiteralParticipantID(notID); ok {
			t.Errorf("%q taken as id %q", notID, id)
		}
	}
}

func TestResolveUserRefusesEmptyAndControl(t *testing.T) {
	c, srv := startDirectory(t, directory(), false)
	for _, bad := range []string{"", "   ", "ann\x00e"} {
		if _, err := c.ResolveUser(context.Background(), bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests", n)
	}
}

func TestFindUsersLimit(t *testing.T) {
	c, srv := startDirectory(t, fakegraph.DemoTenant(fakeNow), false)
	// More than 25 match "a": said, not cut. One more than the list holds
	// was asked for, so one request settles it.
	us, err := c.FindUsers(context.Background(), "a", 100)
	var tm *TooManyUsersError
	if !errors.As(err, &tm) || !IsTooManyUsers(err) || tm.Limit != MaxUserMatches || tm.Query != "a" || us != nil ||
		err.Error() != "more than 25 match; type more of the name" {
		t.Fatalf("%d users, %v", len(us), err)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || !strings.HasSuffix(reqs[0].Path, "&$top=26") {
		t.Fatalf("requests %+v", reqs)
	}
	all, err := c.FindUsers(context.Background(), "anette", 0)
	if err != nil || len(all) < 4 || len(all) > MaxUserMatches {
		t.Fatalf("%d users, %v", len(all), err)
	}
	// A smaller list is held to its own limit the same way.
	if _, err = c.FindUsers(context.Background(), "anette", 3); !errors.As(err, &tm) || tm.Limit != 3 ||
		err.Error() != "more than 3 match; type more of the name" {
		t.Fatalf("%v", err)
	}
	if us, err = c.FindUsers(context.Background(), "anette", len(all)); err != nil || len(us) != len(all) {
		t.Fatalf("exactly the limit: %d users, %v", len(us), err)
	}
}
