package record

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// linkedTenant is the group call with two Direct Routing rows of its own
// (correlationId = its id, one an INVITE a minute before it) and one of
// another call at the same time.
func linkedTenant() (*fakegraph.Tenant, model.CallRecord) {
	t := uitest.GroupCallTenant(0)
	rec := uitest.GroupCall()
	start := rec.StartDateTime.Time
	t.AddDirectRoutingRows(
		model.DirectRoutingRow{ID: "dr-own-1", CorrelationID: strings.ToUpper(rec.ID), UserDisplayName: "Anette Thomsen",
			CallerNumber: "+4520123456", CalleeNumber: "+4570707070", StartDateTime: model.NewTime(start.Add(-time.Minute)),
			FinalSIPCode: 487, CallEndSubReason: 560487, TrunkFullyQualifiedDomainName: "sbc1.contoso.com"},
		model.DirectRoutingRow{ID: "dr-own-2", CorrelationID: rec.ID, UserDisplayName: "Anette Thomsen", SuccessfulCall: true,
			CallerNumber: "+4520123456", CalleeNumber: "+4570707071", StartDateTime: model.NewTime(start.Add(time.Second)),
			TrunkFullyQualifiedDomainName: "sbc2.contoso.com"},
		model.DirectRoutingRow{ID: "dr-other", CorrelationID: uitest.ID(9), UserDisplayName: "Bo Jensen",
			StartDateTime: model.NewTime(start), TrunkFullyQualifiedDomainName: "sbc-other.contoso.com"})
	return t, rec
}

// openLinked opens a Linked screen for q and settles its search.
func openLinked(t *testing.T, c *common.Common, q LinkQuery) *Linked {
	t.Helper()
	var s common.Screen = NewLinked(c, q)
	s, _ = s.Update(common.BodySizeMsg{Width: 140, Height: 20})
	s, _ = uitest.SettleScreen(t, s, s.Init())
	return s.(*Linked)
}

func linkedIDs(s *Linked) []string {
	var ids []string
	for _, r := range s.rows {
		ids = append(ids, r.id)
	}
	return ids
}

func TestRecordOListsItsDirectRoutingRows(t *testing.T) {
	tenant, _ := linkedTenant()
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, copied := recordCommon(client)
	rs := recOpen(t, c, uitest.GroupCallID)
	if !uitest.Offers(rs.ShortHelp(), uitest.KeyRune('o')) {
		t.Fatal("the record does not offer o")
	}
	_, msgs := uitest.Press(t, rs, uitest.KeyRune('o'))
	var linked *Linked
	for _, m := range msgs {
		if p, ok := m.(common.PushMsg); ok {
			linked, _ = p.Screen.(*Linked)
		}
	}
	if linked == nil {
		t.Fatalf("o pushed no Linked screen: %v", msgs)
	}
	var s common.Screen = linked
	s, _ = s.Update(common.BodySizeMsg{Width: 140, Height: 20})
	s, _ = uitest.SettleScreen(t, s, s.Init())
	linked = s.(*Linked)
	if got := strings.Join(linkedIDs(linked), " "); got != "dr-own-2 dr-own-1" && got != "dr-own-1 dr-own-2" {
		t.Fatalf("rows = %q, want the call's two rows only", got)
	}
	uitest.ViewHas(t, linked.View(), "Direct Routing rows with correlationId "+uitest.GroupCallID, "2 from Graph",
		"2026-11-20 12:59", "sbc1.contoso.com", "caller abandon", "answered · SIP 0")
	// y copies the row's id; v shows Graph's bytes; o opens the row's record.
	uitest.Press(t, linked, uitest.KeyRune('y'))
	if len(*copied) != 1 || !strings.HasPrefix((*copied)[0], "dr-own-") {
		t.Errorf("copied %q", *copied)
	}
	uitest.Press(t, linked, uitest.KeyRune('v'))
	uitest.ViewHas(t, linked.View(), "Graph's JSON", `"finalSipCode": 487`)
	uitest.Press(t, linked, uitest.KeyEsc)
	_, msgs = uitest.Press(t, linked, uitest.KeyRune('o'))
	if len(msgs) != 1 {
		t.Fatalf("o on a row: %v", msgs)
	}
	if p, ok := msgs[0].(common.PushMsg); !ok || !strings.EqualFold(p.Screen.(*Screen).ID(), uitest.GroupCallID) {
		t.Errorf("o on a row pushed %v", msgs[0])
	}
}

func TestLinkedReadsTheStoreFirst(t *testing.T) {
	tenant, rec := linkedTenant()
	client, srv := recFakeGraph(t, tenant, fakegraph.Options{})
	st := openStore(t)
	own := model.DirectRoutingRow{ID: "dr-stored", CorrelationID: rec.ID, StartDateTime: model.NewTime(rec.StartDateTime.Time),
		TrunkFullyQualifiedDomainName: "sbc-stored.contoso.com"}
	if _, err := st.Write(context.Background(), store.Batch{Direct: []store.DirectRow{{Row: own}}}); err != nil {
		t.Fatal(err)
	}
	c, _ := recordCommon(client)
	c.Store = st
	s := openLinked(t, c, DirectRowsOf(&rec))
	if got := linkedIDs(s); len(got) != 1 || got[0] != "dr-stored" {
		t.Fatalf("rows = %v, want the stored row", got)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests to Graph while the store had the rows", n)
	}
	uitest.ViewHas(t, s.View(), "1 from the store")
	// r asks Graph, whose rows replace the store's.
	s = openLinkedReload(t, s)
	if got := len(linkedIDs(s)); got != 2 || !s.fromGraph {
		t.Errorf("after r: %d rows, from Graph %v", got, s.fromGraph)
	}
}

// openLinkedReload presses r and settles the search it starts.
func openLinkedReload(t *testing.T, s *Linked) *Linked {
	t.Helper()
	cmd := s.onKey(uitest.KeyRune('r'))
	var sc common.Screen = s
	sc, _ = uitest.SettleScreen(t, sc, cmd)
	return sc.(*Linked)
}

func TestLinkedOfflineSaysWhatTheStoreLacks(t *testing.T) {
	_, rec := linkedTenant()
	c, _ := recordCommon(graphclient.NewOffline())
	c.Store, c.Offline = openStore(t), true
	s := openLinked(t, c, DirectRowsOf(&rec))
	if len(s.rows) != 0 || s.err != nil {
		t.Fatalf("rows %v, err %v", linkedIDs(s), s.err)
	}
	uitest.ViewHas(t, s.View(), "No Direct Routing rows with correlationId", "the store")
}

// A search that lands after a newer one started is dropped.
func TestLinkedDropsAStaleSearch(t *testing.T) {
	tenant, rec := linkedTenant()
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	s := NewLinked(c, DirectRowsOf(&rec))
	first := s.Init()
	second := s.onKey(uitest.KeyRune('r'))
	stale := first()
	s.Update(stale)
	if len(s.rows) != 0 || s.Pending == 0 {
		t.Fatalf("the first search landed after r: %d rows", len(s.rows))
	}
	var sc common.Screen = s
	sc, _ = uitest.SettleScreen(t, sc, second)
	if len(sc.(*Linked).rows) != 2 {
		t.Errorf("the second search: %d rows", len(sc.(*Linked).rows))
	}
}

func TestLinkedRedacts(t *testing.T) {
	tenant, rec := linkedTenant()
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	c.Redact = true
	s := openLinked(t, c, DirectRowsOf(&rec))
	v := s.View()
	if strings.Contains(v, "Anette") || strings.Contains(v, "+4520123456") {
		t.Errorf("names or numbers shown with --redact:\n%s", v)
	}
	s.onKey(uitest.KeyRune('v'))
	if v := s.View(); strings.Contains(v, "Anette") || strings.Contains(v, "4520123456") {
		t.Errorf("raw JSON shows names or numbers with --redact:\n%s", v)
	}
}
