package fakegraph

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// peopleTenant has shared name prefixes, an apostrophe and a user with no
// display name, for exact assertions.
func peopleTenant() *Tenant {
	ten := NewTenant()
	for _, u := range []User{
		{ID: "11111111-1111-4111-8111-111111111111", DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
		{ID: "22222222-2222-4222-8222-222222222222", DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
		{ID: "33333333-3333-4333-8333-333333333333", DisplayName: "Síle O'Brien", UserPrincipalName: "sile.obrien@contoso.com"},
		{ID: "44444444-4444-4444-8444-444444444444", DisplayName: "Owen Franklin", UserPrincipalName: "o.franklin@contoso.com"},
		{ID: "55555555-5555-4555-8555-555555555555", UserPrincipalName: "svc-noname@contoso.com"},
	} {
		ten.AddUser(u)
	}
	return ten
}

// usersQuery is /users with the options URL-encoded as a client would.
func usersQuery(opts ...string) string {
	var parts []string
	for i := 0; i+1 < len(opts); i += 2 {
		parts = append(parts, opts[i]+"="+strings.ReplaceAll(url.QueryEscape(opts[i+1]), "+", "%20"))
	}
	return "/users?" + strings.Join(parts, "&")
}

// names lists the displayName of each user in a /users page.
func names(t *testing.T, r response) []string {
	t.Helper()
	m := r.want(t, http.StatusOK).object(t)
	vals, _ := m["value"].([]any)
	out := []string{}
	for _, v := range vals {
		u, _ := v.(map[string]any)
		n, _ := u["displayName"].(string)
		out = append(out, n)
	}
	return out
}

func TestUserGetByUPNOrIDIgnoresCase(t *testing.T) {
	_, ts := serve(t, peopleTenant(), Options{})
	for _, key := range []string{"ANETTE.Thomsen@Contoso.com", "11111111-1111-4111-8111-111111111111"} {
		m := get(t, ts, "/users/"+url.PathEscape(key)+"?$select=id,displayName,userPrincipalName,mail").want(t, http.StatusOK).object(t)
		if m["id"] != "11111111-1111-4111-8111-111111111111" || m["displayName"] != "Anette Thomsen" ||
			m["mail"] != "anette.thomsen@contoso.com" {
			t.Fatalf("%s: %v", key, m)
		}
		if ctx, _ := m["@odata.context"].(string); !strings.HasSuffix(ctx, "/v1.0/$metadata#users(id,displayName,userPrincipalName,mail)/$entity") {
			t.Errorf("context %q", ctx)
		}
	}
	// Without $select, Graph's default set, unset ones null.
	m := get(t, ts, "/users/svc-noname@contoso.com").want(t, http.StatusOK).object(t)
	if _, ok := m["jobTitle"]; !ok || m["displayName"] != nil || len(m) != len(userProps)+1 {
		t.Fatalf("default properties: %v", m)
	}
	// An apostrophe in the path arrives percent-encoded.
	ten := peopleTenant()
	ten.AddUser(User{ID: "66666666-6666-4666-8666-666666666666", DisplayName: "Conan O'Brien", UserPrincipalName: "conan.o'brien@contoso.com"})
	_, ts2 := serve(t, ten, Options{})
	if m := get(t, ts2, "/users/conan.o%27brien@contoso.com").want(t, http.StatusOK).object(t); m["displayName"] != "Conan O'Brien" {
		t.Fatalf("apostrophe UPN: %v", m)
	}
}

func TestUserUnknownIs404Envelope(t *testing.T) {
	_, ts := serve(t, peopleTenant(), Options{})
	e := get(t, ts, "/users/nobody@contoso.com").wantError(t, http.StatusNotFound, CodeResourceNotFound)
	if msg, _ := e["message"].(string); !strings.Contains(msg, "'nobody@contoso.com' does not exist") {
		t.Errorf("message %q", msg)
	}
	get(t, ts, "/users/x/manager").wantError(t, http.StatusNotFound, CodeNotFound)
	get(t, ts, "/users/anette.thomsen@contoso.com?$expand=manager").wantError(t, http.StatusBadRequest, CodeBadRequest)
	get(t, ts, "/users/anette.thomsen@contoso.com?$select=shoeSize").wantError(t, http.StatusBadRequest, CodeBadRequest)
}

func TestUsersStartswithFilter(t *testing.T) {
	_, ts := serve(t, peopleTenant(), Options{})
	cases := []struct {
		filter string
		want   []string
	}{
		{"startswith(displayName,'Anette')", []string{"Anette Thomsen", "Anette Larsen"}},
		{"startswith(displayName,'anette t')", []string{"Anette Thomsen"}},
		{"startsWith(displayName, 'OWEN')", []string{"Owen Franklin"}},
		{"startswith(displayName,'Síle O''Brien')", []string{"Síle O'Brien"}},
		{"startswith(displayName,'o.f') or startswith(userPrincipalName,'o.f')", []string{"Owen Franklin"}},
		{"startswith(displayName,'svc') or startswith(userPrincipalName,'svc')", []string{""}},
		{"startswith(displayName,'Zed')", []string{}},
	}
	for _, tc := range cases {
		got := names(t, get(t, ts, usersQuery("$filter", tc.filter, "$select", "id,displayName,userPrincipalName,mail")))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.filter, got, tc.want)
		}
	}
}

func TestUsersFilterGrammarIsExact(t *testing.T) {
	_, ts := serve(t, peopleTenant(), Options{})
	for _, bad := range []string{
		"displayName eq 'Anette Thomsen'",
		"startswith(mail,'anette')",
		"startswith(displayName,'Anette') and startswith(userPrincipalName,'a')",
		"startswith(displayName,'Anette')or startswith(userPrincipalName,'a')",
		"startswith(displayName,'Anette",
		"startswith(displayName,\"Anette\")",
		"startswith(displayName,'O'Brien')",
		"startswith(displayName,'Anette') ",
		"",
	} {
		e := get(t, ts, usersQuery("$filter", bad)).wantError(t, http.StatusBadRequest, CodeBadRequest)
		if msg, _ := e["message"].(string); !strings.Contains(msg, "Invalid filter clause") {
			t.Errorf("%q: message %q", bad, msg)
		}
	}
	for _, opt := range [][]string{{"$top", "0"}, {"$top", "1000"}, {"$top", "x"}, {"$orderby", "displayName"}, {"$skiptoken", "forged"}} {
		get(t, ts, usersQuery(opt[0], opt[1])).wantError(t, http.StatusBadRequest, CodeBadRequest)
	}
}

func TestUsersTopPagesWithNextLink(t *testing.T) {
	_, ts := serve(t, demo(), Options{})
	var all []string
	next := usersQuery("$filter", "startswith(displayName,'A')", "$top", "7", "$select", "id,displayName")
	pages := 0
	for next != "" {
		m := get(t, ts, next).want(t, http.StatusOK).object(t)
		vals, _ := m["value"].([]any)
		if len(vals) > 7 {
			t.Fatalf("page of %d with $top=7", len(vals))
		}
		for _, v := range vals {
			u := v.(map[string]any)
			if _, hasUPN := u["userPrincipalName"]; hasUPN || !strings.HasPrefix(u["displayName"].(string), "A") {
				t.Fatalf("user %v", u)
			}
			all = append(all, u["id"].(string))
		}
		next, _ = m["@odata.nextLink"].(string)
		pages++
	}
	want := 0
	for _, u := range demo().Users() {
		if strings.HasPrefix(strings.ToLower(u.DisplayName), "a") {
			want++
		}
	}
	if len(all) != want || pages != (want+6)/7 || len(slices.Compact(slices.Sorted(slices.Values(all)))) != want {
		t.Fatalf("%d users in %d pages, want %d users", len(all), pages, want)
	}
}

func TestDenyUsersIs403ButCallRecordsWork(t *testing.T) {
	_, ts := serve(t, peopleTenant(), Options{DenyUsers: true})
	for _, p := range []string{"/users/anette.thomsen@contoso.com", usersQuery("$filter", "startswith(displayName,'A')")} {
		e := get(t, ts, p).wantError(t, http.StatusForbidden, CodeAuthorizationDenied)
		if e["message"] != msgInsufficientPrivileges {
			t.Errorf("%s: %v", p, e["message"])
		}
	}
	get(t, ts, "/communications/callRecords").want(t, http.StatusOK)
	// Authentication still comes first.
	get(t, ts, "/users/x", "Authorization", "").wantError(t, http.StatusUnauthorized, CodeUnauthorized)
}

// TestDemoUsersAreThePeopleInTheData: the directory holds the organizers
// and participants of records and the users of direct-routing rows, with
// the same names and UPNs, and has names sharing a first name.
func TestDemoUsersAreThePeopleInTheData(t *testing.T) {
	ten := demo()
	byID := map[string]User{}
	for _, u := range ten.Users() {
		byID[u.ID] = u
	}
	checked := 0
	for _, r := range ten.DirectRoutingRows() {
		if r.UserID == "" {
			continue
		}
		u, ok := byID[r.UserID]
		if !ok || u.UserPrincipalName != r.UserPrincipalName || u.DisplayName != r.UserDisplayName {
			t.Fatalf("row %s user %s %q %q is not the directory's %+v", r.ID, r.UserID, r.UserPrincipalName, r.UserDisplayName, u)
		}
		checked++
	}
	for i, h := range ten.Records() {
		if i%10 != 0 {
			continue // every participant list is generated on demand; a sample is plenty
		}
		rec, _ := ten.Record(h.ID)
		for _, p := range rec.ParticipantsV2 {
			if id := p.Identity; id != nil && id.User != nil && id.User.TenantID == DefaultTenantID {
				u, ok := byID[id.User.ID]
				if !ok || u.DisplayName != id.User.DisplayName || u.UserPrincipalName != id.User.UserPrincipalName {
					t.Fatalf("participant %+v of %s is not the directory's %+v", id.User, h.ID, u)
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d people checked", checked)
	}
	anettes := 0
	for _, u := range byID {
		if strings.HasPrefix(u.DisplayName, "Anette ") {
			anettes++
		}
	}
	if anettes < 2 {
		t.Fatalf("%d users named Anette: the pick list needs shared prefixes", anettes)
	}
}
