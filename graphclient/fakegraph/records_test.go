package fakegraph

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestListPagesEveryRecordExactlyOnce(t *testing.T) {
	for _, order := range []ListOrder{NewestFirst, OldestFirst} {
		t.Run(map[ListOrder]string{NewestFirst: "newest first", OldestFirst: "oldest first"}[order], func(t *testing.T) {
			listPagesEveryRecordExactlyOnce(t, order)
		})
	}
}

func listPagesEveryRecordExactlyOnce(t *testing.T, order ListOrder) {
	ten := demo()
	_, ts := serve(t, ten, Options{ListOrder: order})
	var want []string
	for _, r := range ten.Records() {
		if !r.StartDateTime.Before(testNow.Add(-retention)) {
			want = append(want, r.ID)
		}
	}
	for _, size := range []string{"", "odata.maxpagesize=7", "odata.maxpagesize=500"} {
		t.Run("prefer="+size, func(t *testing.T) {
			limit := 60
			if size == "odata.maxpagesize=7" {
				limit = 7
			}
			seen := map[string]bool{}
			var prevStart time.Time
			for link, n := "/communications/callRecords", 0; link != ""; n++ {
				res := get(t, ts, link, "Prefer", size)
				p := page[model.CallRecord](t, res)
				if len(p.Value) > limit || (p.NextLink != "" && len(p.Value) != limit) {
					t.Fatalf("page %d has %d records, limit %d", n, len(p.Value), limit)
				}
				for _, r := range p.Value {
					if seen[r.ID] {
						t.Fatalf("record %s listed twice", r.ID)
					}
					seen[r.ID] = true
					if !prevStart.IsZero() && order == NewestFirst && r.StartDateTime.After(prevStart) {
						t.Fatalf("not newest first at %s", r.ID)
					}
					if !prevStart.IsZero() && order == OldestFirst && r.StartDateTime.Before(prevStart) {
						t.Fatalf("not oldest first at %s", r.ID)
					}
					prevStart = r.StartDateTime.Time
					if r.OrganizerV2 == nil || len(r.Sessions) > 0 || len(r.ParticipantsV2) > 0 {
						t.Fatalf("list item %s: organizer_v2 must be expanded, sessions/participants not", r.ID)
					}
				}
				if p.NextLink != "" {
					u, _ := url.Parse(p.NextLink)
					tok := u.Query().Get("$skiptoken")
					if !strings.HasPrefix(p.NextLink, ts.URL+"/v1.0/communications/callRecords?") || tok == "" ||
						regexp.MustCompile(`^\d+$`).MatchString(tok) {
						t.Fatalf("nextLink %q is not an absolute link with an opaque $skiptoken", p.NextLink)
					}
				}
				link = p.NextLink
			}
			if len(seen) != len(want) {
				t.Fatalf("listed %d records, want %d", len(seen), len(want))
			}
		})
	}
}

func TestListIsStableWhenRecordsArrive(t *testing.T) {
	ten := smallTenant()
	_, ts := serve(t, ten, Options{})
	p := page[model.CallRecord](t, get(t, ts, "/communications/callRecords", "Prefer", "odata.maxpagesize=1"))
	// A newer record lands between pages: it must not shift the cursor.
	ten.AddRecord(model.CallRecord{ID: "rec-new", StartDateTime: model.NewTime(testNow.Add(-time.Hour)),
		EndDateTime: model.NewTime(testNow.Add(-50 * time.Minute))})
	ids := []string{p.Value[0].ID}
	for link := p.NextLink; link != ""; {
		p = page[model.CallRecord](t, get(t, ts, link))
		for _, r := range p.Value {
			ids = append(ids, r.ID)
		}
		link = p.NextLink
	}
	if want := []string{"rec-c", "rec-b", "rec-a"}; !slices.Equal(ids, want) {
		t.Fatalf("ids %v, want %v (old and in-progress records hidden, none repeated)", ids, want)
	}
}

func TestFilterOverHTTP(t *testing.T) {
	_, ts := serve(t, smallTenant(), Options{})
	q := func(f string) string { return "/communications/callRecords?$filter=" + url.QueryEscape(f) }
	ok := map[string][]string{
		"startDateTime ge 2026-11-20T09:30:00Z and startDateTime lt 2026-11-21T09:00:00Z":  {"rec-b"},
		"startDateTime le 2026-11-21T09:00:00Z and startDateTime gt 2026-11-20T09:00:00Z":  {"rec-c", "rec-b"},
		"startDateTime ge 2026-11-20T09:00:00.0000000Z":                                    {"rec-c", "rec-b", "rec-a"},
		"startDateTime lt 2026-11-20T10:00:00+00:30":                                       {"rec-a"},
		"participants_v2/any(p:p/id eq 'alice')":                                           {"rec-b", "rec-a"},
		"participants_v2/any(p:p/id eq 'o''brien')":                                        {"rec-a"},
		"participants_v2/any(x:x/id eq 'alice') and startDateTime ge 2026-11-20T09:30:00Z": {"rec-b"},
		"participants_v2/any(p:p/id eq 'nobody')":                                          nil,
	}
	for f, want := range ok {
		p := page[model.CallRecord](t, get(t, ts, q(f)))
		var ids []string
		for _, r := range p.Value {
			ids = append(ids, r.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("%s: got %v, want %v", f, ids, want)
		}
	}
	bad := []string{
		"", "startDateTime eq 2026-11-20T09:00:00Z", "endDateTime ge 2026-11-20T09:00:00Z",
		"startDateTime ge '2026-11-20T09:00:00Z'", "startDateTime ge 2026-11-20", "startDateTime ge 2026-11-20T09:00:00",
		"startDateTime ge 2026-11-20T09:00:00Z or startDateTime lt 2026-11-21T00:00:00Z",
		"(startDateTime ge 2026-11-20T09:00:00Z)", "startDateTime  ge2026-11-20T09:00:00Z", "type eq 'groupCall'",
		"participants_v2/any(p:p/id eq 'o'brien')", "participants_v2/any(p:q/id eq 'alice')",
		"participants_v2/any(p:p/id ne 'alice')", "participants/any(p:p/id eq 'alice')",
		"participants_v2/any(p:p/id eq 'alice'", "StartDateTime ge 2026-11-20T09:00:00Z",
		"startDateTime ge 2026-11-20T09:00:00Z and", "startDateTime ge 2026-11-20T09:00:00.12345678Z",
		"contains(organizer_v2/id,'a')",
	}
	for _, f := range bad {
		e := get(t, ts, q(f)).wantError(t, http.StatusBadRequest, CodeBadRequest)
		if msg, _ := e["message"].(string); msg == "" {
			t.Errorf("%q: empty message", f)
		}
	}
	// A '+' left unescaped in an offset becomes a space, and is refused.
	get(t, ts, "/communications/callRecords?$filter=startDateTime%20lt%202026-11-20T10:00:00+01:00").
		wantError(t, http.StatusBadRequest, CodeBadRequest)
}

func TestListSelectAndUnsupportedOptions(t *testing.T) {
	_, ts := serve(t, smallTenant(), Options{})
	m := get(t, ts, "/communications/callRecords?$select=startDateTime,type").want(t, 200).object(t)
	if ctx := m["@odata.context"].(string); !strings.HasSuffix(ctx, "#communications/callRecords(startDateTime,type)") {
		t.Errorf("context %s", ctx)
	}
	for _, it := range m["value"].([]any) {
		ks := keys(it.(map[string]any))
		slices.Sort(ks)
		if !slices.Equal(ks, []string{"id", "startDateTime", "type"}) {
			t.Fatalf("selected keys %v", ks)
		}
	}
	get(t, ts, "/communications/callRecords?$select=nope").wantError(t, 400, CodeBadRequest)
	for _, opt := range []string{"$top=5", "$orderby=startDateTime", "$count=true", "$skip=2", "$expand=sessions", "$search=x"} {
		get(t, ts, "/communications/callRecords?"+opt).wantError(t, 400, CodeBadRequest)
	}
	get(t, ts, "/communications/callRecords?$skiptoken=bm90LWEtdG9rZW4.AAAA").wantError(t, 400, CodeBadRequest)
	get(t, ts, "/communications/callRecords?$filter=x&$filter=y").wantError(t, 400, CodeBadRequest)
}

func TestGetRecordNotFoundAndWindow(t *testing.T) {
	_, ts := serve(t, smallTenant(), Options{})
	for _, id := range []string{"nope", "rec-old", "rec-live"} {
		e := get(t, ts, "/communications/callRecords/"+id).wantError(t, http.StatusNotFound, CodeNotFound)
		if e["message"] != msgRecordNotFound {
			t.Errorf("%s: message %q", id, e["message"])
		}
		get(t, ts, "/communications/callRecords/"+id+"/sessions").wantError(t, http.StatusNotFound, CodeNotFound)
	}
	m := get(t, ts, "/communications/callRecords/rec-a").want(t, 200).object(t)
	if m["@odata.context"] != ts.URL+"/v1.0/$metadata#communications/callRecords/$entity" ||
		m["participants_v2@odata.context"] == nil || m["organizer_v2@odata.context"] == nil {
		t.Errorf("annotations: %v", keys(m))
	}
	for _, x := range []string{"segments", "sessions,participants_v2", "sessions($expand=media)", "organizer_v2"} {
		get(t, ts, "/communications/callRecords/rec-a?$expand="+url.QueryEscape(x)).wantError(t, 400, CodeBadRequest)
	}
}

func TestSessionsQuirkAndPaging(t *testing.T) {
	id := demoRecords().mostSessions
	full, _ := demo().Record(id)
	_, ts := serve(t, demo(), Options{})
	var rec model.CallRecord
	res := get(t, ts, "/communications/callRecords/"+id+"?$expand=sessions($expand=segments)").want(t, 200)
	if err := json.Unmarshal(res.body, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Sessions) != 60 || len(full.Sessions) <= 60 {
		t.Fatalf("inlined %d of %d sessions, want 60", len(rec.Sessions), len(full.Sessions))
	}
	wantPrefix := ts.URL + "/v1.0/$metadata#communications/callRecords('" + id + "')/sessions?$expand=segments&$skiptoken="
	if !strings.HasPrefix(rec.SessionsNextLink, wantPrefix) {
		t.Fatalf("sessions@odata.nextLink %q, want the documented $metadata# form", rec.SessionsNextLink)
	}
	if len(rec.Sessions[0].Segments) == 0 {
		t.Fatal("expanded sessions lack segments")
	}
	// Following the link verbatim drops the fragment: the client gets XML.
	if r := get(t, ts, rec.SessionsNextLink); r.status != 200 || !strings.HasPrefix(string(r.body), "<?xml") {
		t.Fatalf("verbatim nextLink: %d %.80s", r.status, r.body)
	}
	for _, q := range []string{"?$expand=segments", ""} {
		seen := map[string]bool{}
		pages := 0
		for link := "/communications/callRecords/" + id + "/sessions" + q; link != ""; pages++ {
			p := page[model.Session](t, get(t, ts, link))
			if len(p.Value) > 60 {
				t.Fatalf("page of %d sessions", len(p.Value))
			}
			for _, s := range p.Value {
				if seen[s.ID] {
					t.Fatalf("session %s twice", s.ID)
				}
				seen[s.ID] = true
				if (len(s.Segments) > 0) != (q != "") {
					t.Fatalf("segments present=%v with query %q", len(s.Segments) > 0, q)
				}
			}
			link = p.NextLink
		}
		if len(seen) != len(full.Sessions) || pages != (len(full.Sessions)+59)/60 {
			t.Fatalf("%q: %d sessions in %d pages, want %d", q, len(seen), pages, len(full.Sessions))
		}
	}
	get(t, ts, "/communications/callRecords/"+id+"/sessions?$expand=media").wantError(t, 400, CodeBadRequest)
	m := get(t, ts, "/communications/callRecords/"+id+"/sessions?$select=id,modalities").want(t, 200).object(t)
	if ks := keys(m["value"].([]any)[0].(map[string]any)); len(ks) != 2 {
		t.Errorf("selected session keys %v", ks)
	}
}

func TestParticipantsPaging(t *testing.T) {
	id := demoRecords().mostParticipants
	full, _ := demo().Record(id)
	_, ts := serve(t, demo(), Options{})
	var rec model.CallRecord
	if err := json.Unmarshal(get(t, ts, "/communications/callRecords/"+id+"?$expand=participants_v2").want(t, 200).body, &rec); err != nil {
		t.Fatal(err)
	}
	if len(full.ParticipantsV2) <= 130 || len(rec.ParticipantsV2) != 130 ||
		!strings.HasPrefix(rec.ParticipantsV2NextLink, ts.URL+"/v1.0/$metadata#communications/callRecords('"+id+"')/participants_v2?$skiptoken=") {
		t.Fatalf("inlined %d of %d, nextLink %q", len(rec.ParticipantsV2), len(full.ParticipantsV2), rec.ParticipantsV2NextLink)
	}
	seen := map[string]bool{}
	var sizes []int
	for link := "/communications/callRecords/" + id + "/participants_v2"; link != ""; {
		p := page[model.Participant](t, get(t, ts, link))
		sizes = append(sizes, len(p.Value))
		for _, x := range p.Value {
			seen[x.ID] = true
		}
		link = p.NextLink
	}
	if len(seen) != len(full.ParticipantsV2) || sizes[0] != 130 {
		t.Fatalf("pages %v, %d unique of %d", sizes, len(seen), len(full.ParticipantsV2))
	}
	// A token for one record does not page another.
	p := page[model.Participant](t, get(t, ts, "/communications/callRecords/"+id+"/participants_v2"))
	other := strings.Replace(p.NextLink, id, demoRecords().p2p, 1)
	get(t, ts, other).wantError(t, 400, CodeBadRequest)
}

func TestEvolvableEnumAndNulls(t *testing.T) {
	id := demoRecords().acs
	_, ts := serve(t, demo(), Options{})
	path := "/communications/callRecords/" + id + "?$expand=sessions($expand=segments)"
	hidden := string(get(t, ts, path).want(t, 200).body)
	shown := string(get(t, ts, path, "Prefer", "include-unknown-enum-members").want(t, 200).body)
	if strings.Contains(hidden, `"productFamily":"azureCommunicationServices"`) || !strings.Contains(hidden, `"productFamily":"unknownFutureValue"`) {
		t.Error("without the Prefer header azureCommunicationServices must be sent as unknownFutureValue")
	}
	if !strings.Contains(shown, `"productFamily":"azureCommunicationServices"`) {
		t.Error("with include-unknown-enum-members the real member must be sent")
	}
	// Phone organizers: displayName and tenantId null, sibling nulls, unless omit-values=nulls.
	ten := NewTenant()
	ten.AddRecord(model.CallRecord{ID: "ph", Type: "unknown", StartDateTime: model.NewTime(testNow.Add(-time.Hour)),
		EndDateTime: model.NewTime(testNow.Add(-50 * time.Minute)),
		OrganizerV2: &model.Participant{ID: "+15550100", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+15550100"}}}})
	_, ts2 := serve(t, ten, Options{})
	body := string(get(t, ts2, "/communications/callRecords").want(t, 200).body)
	for _, s := range []string{`"phone":{"id":"+15550100","displayName":null,"tenantId":null}`, `"user":null`, `"acsUser":null`, `"spoolUser":null`} {
		if !strings.Contains(body, s) {
			t.Errorf("list body lacks %s", s)
		}
	}
	body = string(get(t, ts2, "/communications/callRecords", "Prefer", "omit-values=nulls").want(t, 200).body)
	if strings.Contains(body, "null") {
		t.Errorf("omit-values=nulls still sends nulls: %s", body)
	}
}

func TestDemoParticipantFilter(t *testing.T) {
	ten := demo()
	user := ten.Users()[3].ID
	var want []string
	for _, h := range ten.Records() {
		if demoRecordHas(ten, h.ID, user) && !h.StartDateTime.Before(testNow.Add(-retention)) {
			want = append(want, h.ID)
		}
	}
	_, ts := serve(t, ten, Options{})
	var got []string
	for link := "/communications/callRecords?$filter=" + url.QueryEscape("participants_v2/any(p:p/id eq '"+user+"')"); link != ""; {
		p := page[model.CallRecord](t, get(t, ts, link, "Prefer", "odata.maxpagesize=3"))
		for _, r := range p.Value {
			got = append(got, r.ID)
		}
		link = p.NextLink
	}
	if len(want) < 2 || !slices.Equal(got, want) {
		t.Fatalf("filter on %s: %d records, want %d", user, len(got), len(want))
	}
}
