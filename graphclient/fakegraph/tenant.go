package fakegraph

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/callscope/callscope/model"
)

// User is a directory user of the tenant: the fields a /users lookup returns
// and the ones direct-routing and PSTN rows repeat.
type User struct {
	ID                string
	DisplayName       string
	UserPrincipalName string
}

// recordDetail produces the parts of a call record that only Get and the
// sessions/participants_v2 collections return. Demo records generate them on
// demand from a per-record seed, so a tenant holds list-level fields only and
// DemoTenant stays fast; records added by tests keep theirs verbatim.
type recordDetail interface {
	participants() []model.Participant
	sessions() []model.Session
	hasParticipant(id string) bool
}

// recordEntry is one stored record: what List returns, plus its detail.
type recordEntry struct {
	head   model.CallRecord
	detail recordDetail
	// raw, when set, is the record as a test stored it in Graph's JSON
	// (rawdocs.go): it is what the server sends, and head and detail are
	// its decoded form.
	raw *rawRecord
	// published is when Graph writes the first version of a demo record
	// (publish.go); zero for records given whole.
	published time.Time
}

// staticDetail is the detail of a record a test added whole.
type staticDetail struct {
	parts []model.Participant
	sess  []model.Session
}

func (d *staticDetail) participants() []model.Participant { return d.parts }
func (d *staticDetail) sessions() []model.Session         { return d.sess }
func (d *staticDetail) hasParticipant(id string) bool {
	for _, p := range d.parts {
		if p.ID == id {
			return true
		}
	}
	return false
}

// Tenant is the data one fake Graph tenant serves: call records with their
// sessions and participants, direct-routing and PSTN log rows, and users. It
// is safe for concurrent use; a server reads it while tests may add to it.
// Every Add copies the affected slice before sorting, so a page being served
// from an earlier snapshot never sees rows move under it.
type Tenant struct {
	mu      sync.RWMutex
	id      string
	users   []User
	records []*recordEntry // newest first, then by id
	byID    map[string]*recordEntry
	dr      []model.DirectRoutingRow // ascending startDateTime, then id
	pstn    []model.PstnRow          // ascending startDateTime, then id
	// rawDR and rawPstn are the rows stored as Graph's JSON, by id
	// (rawdocs.go); replaced whole on every add, never changed in place.
	rawDR, rawPstn map[string]json.RawMessage
}

// DefaultTenantID is the Entra tenant id of NewTenant and DemoTenant; it is
// the one the documentation examples use, so fixture-shaped data lines up.
const DefaultTenantID = "dc368399-474c-4d40-900c-6265431fd81f"

// NewTenant returns an empty tenant with DefaultTenantID.
func NewTenant() *Tenant {
	return &Tenant{id: DefaultTenantID, byID: map[string]*recordEntry{}}
}

// ID is the tenant's Entra tenant id.
func (t *Tenant) ID() string { return t.id }

// AddUser adds a directory user (a later one with the same id replaces it).
func (t *Tenant) AddUser(u User) {
	t.mu.Lock()
	defer t.mu.Unlock()
	users := slices.Clip(t.users)
	if i := slices.IndexFunc(users, func(x User) bool { return x.ID == u.ID }); i >= 0 {
		users = slices.Clone(users)
		users[i] = u
	} else {
		users = append(users, u)
	}
	t.users = users
}

// Users returns the directory users in the order they were added.
func (t *Tenant) Users() []User {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.users)
}

// AddRecord adds a full call record: its Sessions (with segments) and
// ParticipantsV2 become what Get, /sessions and /participants_v2 serve, and
// the rest is what List shows. A record with an existing id replaces it.
func (t *Tenant) AddRecord(r model.CallRecord) {
	e := &recordEntry{
		head:   listHead(r),
		detail: &staticDetail{parts: slices.Clone(r.ParticipantsV2), sess: slices.Clone(r.Sessions)},
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.putRecords([]*recordEntry{e})
}

// putRecords inserts entries and re-sorts a fresh copy. Callers hold mu.
func (t *Tenant) putRecords(es []*recordEntry) {
	recs := make([]*recordEntry, 0, len(t.records)+len(es))
	replaced := map[string]bool{}
	for _, e := range es {
		if _, ok := t.byID[e.head.ID]; ok {
			replaced[e.head.ID] = true
		}
		t.byID[e.head.ID] = e
	}
	for _, old := range t.records {
		if !replaced[old.head.ID] {
			recs = append(recs, old)
		}
	}
	recs = append(recs, es...)
	slices.SortFunc(recs, func(a, b *recordEntry) int {
		if c := b.head.StartDateTime.Compare(a.head.StartDateTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.head.ID, b.head.ID)
	})
	t.records = recs
}

// listHead keeps the list-level part of a record: no relationships except
// the organizer, which List expands by default.
func listHead(r model.CallRecord) model.CallRecord {
	r.Sessions, r.SessionsNextLink = nil, ""
	r.ParticipantsV2, r.ParticipantsV2NextLink = nil, ""
	return r
}

// Record returns the full record (sessions with segments, participants_v2)
// whatever its age; the server applies the 30-day window, not the tenant.
func (t *Tenant) Record(id string) (model.CallRecord, bool) {
	t.mu.RLock()
	e, ok := t.byID[id]
	t.mu.RUnlock()
	if !ok {
		return model.CallRecord{}, false
	}
	r := e.head
	r.ParticipantsV2 = e.detail.participants()
	r.Sessions = e.detail.sessions()
	return r, true
}

// Records returns every record's list-level fields, newest first.
func (t *Tenant) Records() []model.CallRecord {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]model.CallRecord, len(t.records))
	for i, e := range t.records {
		out[i] = e.head
	}
	return out
}

// recordSnapshot is the sorted record slice at this moment; it is never
// mutated afterwards.
func (t *Tenant) recordSnapshot() []*recordEntry {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.records
}

func (t *Tenant) entry(id string) (*recordEntry, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	e, ok := t.byID[id]
	return e, ok
}

// AddDirectRoutingRows adds getDirectRoutingCalls rows. A zero
// FailureDateTime is sent as Graph's 0001-01-01T00:00:00Z sentinel.
func (t *Tenant) AddDirectRoutingRows(rows ...model.DirectRoutingRow) {
	t.mu.Lock()
	defer t.mu.Unlock()
	all := append(slices.Clip(t.dr), rows...)
	sortByStart(all, func(r model.DirectRoutingRow) (time.Time, string) { return r.StartDateTime.Time, r.ID })
	t.dr = all
}

// AddPstnRows adds getPstnCalls rows.
func (t *Tenant) AddPstnRows(rows ...model.PstnRow) {
	t.mu.Lock()
	defer t.mu.Unlock()
	all := append(slices.Clip(t.pstn), rows...)
	sortByStart(all, func(r model.PstnRow) (time.Time, string) { return r.StartDateTime.Time, r.ID })
	t.pstn = all
}

// DirectRoutingRows returns every direct-routing row, oldest first.
func (t *Tenant) DirectRoutingRows() []model.DirectRoutingRow {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.dr)
}

// PstnRows returns every PSTN row, oldest first.
func (t *Tenant) PstnRows() []model.PstnRow {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.pstn)
}

func (t *Tenant) logSnapshot() ([]model.DirectRoutingRow, []model.PstnRow) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.dr, t.pstn
}

// sortByStart orders rows by start time, then id (a total order, so an
// unstable sort is enough), which keeps paging by $skip stable.
func sortByStart[T any](rows []T, key func(T) (time.Time, string)) {
	slices.SortFunc(rows, func(a, b T) int {
		ta, ia := key(a)
		tb, ib := key(b)
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		return cmp.Compare(ia, ib)
	})
}

// rowsInRange returns the rows with from <= start < to, or start <= to
// when inclusiveTo; rows are sorted.
func rowsInRange[T any](rows []T, start func(T) time.Time, from, to time.Time, inclusiveTo bool) []T {
	lo, _ := slices.BinarySearchFunc(rows, from, func(r T, t time.Time) int { return start(r).Compare(t) })
	hi, _ := slices.BinarySearchFunc(rows, to, func(r T, t time.Time) int { return start(r).Compare(t) })
	for inclusiveTo && hi < len(rows) && start(rows[hi]).Equal(to) {
		hi++
	}
	if hi < lo {
		return nil
	}
	return rows[lo:hi]
}
