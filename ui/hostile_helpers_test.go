package ui

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// hostileParts are what anyone who can set a Teams display name, a device
// name or an SBC's SIP phrase could write: each drives a terminal, reorders
// what the reader sees, or is not UTF-8.
var hostileParts = []string{
	"\x1b]52;c;ZXZpbA==\x07",                   // OSC 52: "evil" to the clipboard
	"\x1b]0;pwned\x07",                         // OSC 0: the window title
	"\x1b[?1049l",                              // leave the alternate screen
	"\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\", // OSC 8 hyperlink
	"\u009b31m",                                // 8-bit CSI
	"\x7f", "\x07", "\u202e", "\u2066", "\xff\xfe",
}

// hostileShort is every part in one field. hostileMark survives
// sanitising (the OSC 52 payload), so a view that shows a hostile field
// can be told from one that shows nothing.
var (
	hostileShort = "h" + strings.Join(hostileParts, "")
	hostileMark  = "ZXZpbA=="
)

// hostileLong is hostileShort repeated past 100 KB, so escapes sit far past
// any display cap as well as before it.
var hostileLong = strings.Repeat(hostileShort, 100<<10/len(hostileShort)+1)

// hostileLongEvery is how often the filler uses hostileLong instead of
// hostileShort (and it does for the first string of each struct type):
// every field long would make a record of a few hundred megabytes.
const hostileLongEvery = 397

// hostileFiller sets every exported string reachable from a value to
// hostile text, allocating nil pointers and giving empty slices and maps
// elements, found by reflection: a string field added to a model type
// later is covered without anyone adding it here.
type hostileFiller struct {
	n     int            // strings set so far
	types map[string]int // strings set per struct type, for coverage checks
}

func newHostileFiller() *hostileFiller { return &hostileFiller{types: map[string]int{}} }

// fill fills *ptr.
func (f *hostileFiller) fill(ptr any) {
	f.value(reflect.ValueOf(ptr).Elem(), "")
}

func (f *hostileFiller) text(owner string) string {
	f.n++
	if f.n%hostileLongEvery == 0 || f.types[owner] == 0 {
		return hostileLong
	}
	return hostileShort
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

func (f *hostileFiller) value(v reflect.Value, owner string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(f.text(owner))
		f.types[owner]++
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		f.value(v.Elem(), owner)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				f.value(v.Field(i), t.Name())
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (json.RawMessage) are set with their map
		}
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := range v.Len() {
			f.value(v.Index(i), owner)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k := reflect.ValueOf(f.text(owner) + fmt.Sprint(i)).Convert(v.Type().Key())
			e := reflect.New(v.Type().Elem()).Elem()
			switch {
			case v.Type().Elem() == rawMessageType:
				e.SetBytes(hostileRawJSON(f.text(owner)))
			case e.Kind() == reflect.Bool:
				e.SetBool(true)
			default:
				f.value(e, owner)
			}
			m.SetMapIndex(k, e)
		}
		v.Set(m)
		f.types[owner]++
	}
}

// hostileRawJSON is s as a JSON string that also holds raw bytes that are
// not UTF-8 (a lone 0x9B is an 8-bit CSI to a terminal that is not in
// UTF-8 mode). encoding/json accepts them and passes them on, as sent, in
// a json.RawMessage such as IdentitySet.Extra keeps.
func hostileRawJSON(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return append(b[:len(b)-1], "\xff\x9b31m\""...)
}

// hostileUUID is a valid-looking id: what the fake keys records by and
// what the client accepts in a path.
func hostileUUID(i int) string { return fmt.Sprintf("%08x-6666-4666-8666-%012x", 0xbad00000+i, i) }

// hostileRecord is a call record with every string field hostile but its
// id, which the fake keys on, and its times, which the fake filters on. Its
// participants hold one identity set per member kind (found by reflection),
// and its second session's endpoints are participants rather than services,
// so both of Endpoint.Text's branches show.
func hostileRecord(f *hostileFiller, id string, start time.Time) model.CallRecord {
	var r model.CallRecord
	f.fill(&r)
	r.ID = id
	r.SessionsNextLink, r.ParticipantsV2NextLink = "", ""
	r.StartDateTime, r.EndDateTime = model.Time{Time: start}, model.Time{Time: start.Add(10 * time.Minute)}
	r.LastModifiedDateTime = r.EndDateTime
	st := reflect.TypeFor[model.IdentitySet]()
	for i := range st.NumField() {
		if st.Field(i).Type != reflect.TypeFor[*model.Identity]() {
			continue
		}
		var set model.IdentitySet
		id := &model.Identity{}
		f.fill(id)
		reflect.ValueOf(&set).Elem().Field(i).Set(reflect.ValueOf(id))
		p := model.Participant{Identity: &set}
		f.fill(&p.ID)
		r.ParticipantsV2 = append(r.ParticipantsV2, p)
	}
	for si := range r.Sessions {
		s := &r.Sessions[si]
		s.StartDateTime, s.EndDateTime = r.StartDateTime, r.EndDateTime
		for gi := range s.Segments {
			g := &s.Segments[gi]
			g.StartDateTime, g.EndDateTime = r.StartDateTime, r.EndDateTime
			for mi := range g.Media {
				for ti := range g.Media[mi].Streams {
					g.Media[mi].Streams[ti].StartDateTime, g.Media[mi].Streams[ti].EndDateTime = r.StartDateTime, r.EndDateTime
				}
			}
		}
	}
	for _, e := range []*model.Endpoint{r.Sessions[1].Caller, r.Sessions[1].Callee} {
		e.ODataType, e.UserAgent.Role = model.ParticipantEndpointType, ""
	}
	return r
}

// hostileDirectRouting is a Direct Routing row, every string hostile but
// its time, inside [uitest.Now-24h, uitest.Now); correlation links it to a record.
// Its id stays hostile but distinct: a view keeps one row per id.
func hostileDirectRouting(f *hostileFiller, start time.Time, correlation string) model.DirectRoutingRow {
	var r model.DirectRoutingRow
	f.fill(&r)
	r.ID += start.Format(time.TimeOnly)
	r.StartDateTime, r.InviteDateTime = model.Time{Time: start}, model.Time{Time: start}
	r.EndDateTime = model.Time{Time: start.Add(2 * time.Minute)}
	r.FinalSIPCode, r.CallEndSubReason, r.Duration = 487, 540487, 120
	if correlation != "" {
		r.CorrelationID = correlation
	}
	return r
}

// hostilePstn is a PSTN row, every string hostile but its time; its id is
// distinct, as hostileDirectRouting's.
func hostilePstn(f *hostileFiller, start time.Time) model.PstnRow {
	var r model.PstnRow
	f.fill(&r)
	r.ID += start.Format(time.TimeOnly)
	r.StartDateTime, r.EndDateTime = model.Time{Time: start}, model.Time{Time: start.Add(3 * time.Minute)}
	charge := 1.25
	r.Charge, r.ConnectionCharge, r.Duration = &charge, &charge, 180
	return r
}

// hostileUsers are directory users whose names start with "Hostile", so
// ":user Hostile" matches them all and opens the pick list.
func hostileUsers(f *hostileFiller) []fakegraph.User {
	var out []fakegraph.User
	for i := range 3 {
		var u fakegraph.User
		f.fill(&u)
		u.ID = hostileUUID(100 + i)
		u.DisplayName = "Hostile" + u.DisplayName
		out = append(out, u)
	}
	return out
}

// hostileErrorBody is a Graph error whose every string is hostile, its
// message 10 KB.
func hostileErrorBody() []byte {
	inner := map[string]string{"request-id": hostileShort, "client-request-id": hostileShort, "date": hostileShort}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{
		"code": hostileShort, "message": strings.Repeat(hostileShort, 10<<10/len(hostileShort)+1),
		"innerError": inner,
	}})
	return b
}

// hostileNextToken is a skiptoken with an escape percent-encoded: it
// survives the decode boundary (it is plain ASCII) and is what a view that
// decodes a request URI for reading would turn back into ESC.
const hostileNextToken = "%1B]0;pwned%07%C2%9B31m"

// hostileGraph wraps the fake. The calls list's whole-range try links on
// through a hostile skiptoken (so the list walks windows), and the first
// window asked for once both records are listed fails with a hostile Graph
// error, as does the record failID; the Direct
// Routing list's first page (not the triage summary's load after it) links
// off the service root through a path whose escapes the refusal would
// quote. Everything else is the fake's. Header values carry only what
// net/http lets through (C1 and bidi runes as UTF-8; raw ESC is refused).
type hostileGraph struct {
	fake     http.Handler
	root     string // service root, set once the server listens
	failID   string
	drLinked atomic.Bool  // the Direct Routing link was served
	lists    atomic.Int32 // first pages of the calls list served
	listRows atomic.Int32 // calls-list rows served by windows
}

func (h *hostileGraph) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const list = "/v1.0/communications/callRecords"
	first := !strings.Contains(r.URL.RawQuery, "$skiptoken")
	switch {
	case r.URL.Path == list+"/"+h.failID ||
		r.URL.Path == list && strings.Contains(r.URL.RawQuery, "$skiptoken="+hostileNextToken):
		h.hostileError(w)
	case first && r.URL.Path == list && h.lists.Add(1) == 1:
		h.withLink(w, r, h.root+"/communications/callRecords?$skiptoken="+hostileNextToken)
	case first && r.URL.Path == list && h.listRows.Load() < 2:
		rec := httptest.NewRecorder()
		h.fake.ServeHTTP(rec, r)
		var page struct{ Value []json.RawMessage }
		if json.Unmarshal(rec.Body.Bytes(), &page) == nil {
			h.listRows.Add(int32(len(page.Value)))
		}
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	case first && r.URL.Path == list:
		h.hostileError(w)
	case first && strings.Contains(r.URL.Path, "getDirectRoutingCalls(") && h.drLinked.CompareAndSwap(false, true):
		h.withLink(w, r, strings.TrimSuffix(h.root, "/v1.0")+"/elsewhere%1B]0;pwned%07\u009b31m")
	default:
		h.fake.ServeHTTP(w, r)
	}
}

// hostileError answers 403 with escapes in a header and all through the body.
func (h *hostileGraph) hostileError(w http.ResponseWriter) {
	w.Header().Set("request-id", "\u009b31m\u202eheader")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusForbidden)
	w.Write(hostileErrorBody())
}

// withLink serves the fake's page with its @odata.nextLink set to link.
func (h *hostileGraph) withLink(w http.ResponseWriter, r *http.Request, link string) {
	rec := httptest.NewRecorder()
	h.fake.ServeHTTP(rec, r)
	var page map[string]any
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
		return
	}
	page["@odata.nextLink"] = link
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(page)
}

// hostileClient serves tenant through hostileGraph over real HTTP; the
// client reports to events.
func hostileClient(t *testing.T, tenant *fakegraph.Tenant, failID string, events *common.Events) *graphclient.Client {
	t.Helper()
	h := &hostileGraph{fake: fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return uitest.Now }}), failID: failID}
	opts := uitest.Retries
	opts.Observer = events
	c, srv := uitest.Serve(t, h, opts)
	h.root = srv.URL + "/v1.0"
	return c
}
