package fakegraph

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// retention is how long Graph keeps call records (graph-api.md §4.2).
const retention = 30 * 24 * time.Hour

// Entity type names and their selectable properties.
const (
	recordType      = "microsoft.graph.callRecords.callRecord"
	sessionType     = "microsoft.graph.callRecords.session"
	participantType = "microsoft.graph.callRecords.participant"
)

var (
	recordProps = []string{"id", "version", "type", "modalities", "startDateTime", "endDateTime",
		"lastModifiedDateTime", "joinWebUrl", "organizer", "participants", "organizer_v2"}
	sessionProps     = []string{"id", "caller", "callee", "failureInfo", "isTest", "modalities", "startDateTime", "endDateTime"}
	participantProps = []string{"id", "identity", "administrativeUnitInfos"}
)

// visible applies retention and creation: a record exists once its call has
// ended (a demo record once its first version is written, publish.go) and
// is gone 30 days after it started. Both cases are a 404 on Get.
func (c *call) visible(e *recordEntry) bool {
	h := &e.head
	if h.StartDateTime.Before(c.now.Add(-retention)) {
		return false
	}
	if e.published.After(c.now) {
		return false
	}
	return h.EndDateTime.IsZero() || !h.EndDateTime.After(c.now)
}

// listRecords serves GET /communications/callRecords.
func (s *Server) listRecords(c *call) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return
	}
	if bad := q.only("$filter", "$select", "$skiptoken"); bad != "" {
		c.badRequest("Query option '" + bad + "' is not supported on communications/callRecords.")
		return
	}
	st := pageToken{Kind: "records", Filter: q["$filter"], Select: q["$select"], Oldest: s.listOrder == OldestFirst}
	_, filtered := q["$filter"]
	if tok, ok := q["$skiptoken"]; ok {
		if st, err = s.decodeToken(tok, "records"); err != nil {
			c.badRequest(err.Error())
			return
		}
		filtered = st.Filter != ""
		if st.Size < recordsPageSize {
			c.applied = append(c.applied, "odata.maxpagesize="+strconv.Itoa(st.Size))
		}
	} else {
		st.Size = c.pageSize(recordsPageSize)
	}
	var f recordFilter
	if filtered {
		if f, err = parseRecordFilter(st.Filter); err != nil {
			c.badRequest(err.Error())
			return
		}
	}
	sel, msg := parseSelect(st.Select, recordType, recordProps)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	var page []*recordEntry
	more := false
	for _, e := range inOrder(s.tenant.recordSnapshot(), st.Oldest) {
		if st.LastID != "" && !afterCursor(e, st) || !c.visible(e) || !f.match(e) {
			continue
		}
		if len(page) == st.Size {
			more = true
			break
		}
		page = append(page, e)
	}
	ctx := c.root + "/$metadata#communications/callRecords"
	if sel != nil {
		ctx += "(" + strings.Join(sel, ",") + ")"
	}
	value := make([]any, len(page))
	for i, e := range page {
		value[i] = c.recordBody(e, sel, false)
	}
	out := &object{}
	out.set("@odata.context", ctx)
	out.set("value", value)
	if more {
		last := page[len(page)-1]
		next := st
		next.LastNano, next.LastID = last.head.StartDateTime.UnixNano(), last.head.ID
		out.set("@odata.nextLink", c.root+"/communications/callRecords?$skiptoken="+s.encodeToken(next))
	}
	c.ok(out)
}

// recordObject writes a record's own properties and its organizer_v2 with
// their annotations; the Get forms also carry participants_v2@odata.context.
func (c *call) recordObject(h *model.CallRecord, sel selection, entity bool) *object {
	o := &object{}
	o.set("id", h.ID)
	if sel.has("version") {
		o.set("version", h.Version)
	}
	if sel.has("type") {
		o.set("type", h.Type)
	}
	if sel.has("modalities") {
		c.setNullable(o, "modalities", h.Modalities, h.Modalities == nil)
	}
	for _, f := range []struct {
		name string
		t    model.Time
	}{{"lastModifiedDateTime", h.LastModifiedDateTime}, {"startDateTime", h.StartDateTime}, {"endDateTime", h.EndDateTime}} {
		if sel.has(f.name) {
			c.setNullable(o, f.name, wireAt(f.t.Time, h.ID), f.t.IsZero()) // wiretime.go
		}
	}
	if sel.has("joinWebUrl") {
		c.setNullable(o, "joinWebUrl", h.JoinWebURL, h.JoinWebURL == "")
	}
	// The deprecated organizer/participants are sent only for records that
	// carry them; Graph stopped filling them on June 30, 2026.
	if sel.has("organizer") && h.Organizer != nil {
		o.set("organizer", c.identitySet(h.Organizer, nil))
	}
	if sel.has("participants") && len(h.Participants) > 0 {
		o.set("participants", h.Participants)
	}
	if sel.has("organizer_v2") {
		o.set("organizer_v2@odata.context", c.root+"/$metadata#communications/callRecords('"+h.ID+"')/organizer_v2/$entity")
		// The documented list shows the null siblings on a phone organizer
		// only; a user organizer comes as {"user": {...}}.
		var nulls []string
		if h.OrganizerV2 != nil && h.OrganizerV2.Identity != nil && h.OrganizerV2.Identity.User == nil {
			nulls = organizerNullKeys
		}
		c.setNullable(o, "organizer_v2", c.participant(h.OrganizerV2, nulls), h.OrganizerV2 == nil)
		if entity {
			o.set("participants_v2@odata.context", c.root+"/$metadata#communications/callRecords('"+h.ID+"')/participants_v2/$entity")
		}
	}
	return o
}

// setNullable sets k to v, or to null when isNull, which Graph omits under
// Prefer: omit-values=nulls.
func (c *call) setNullable(o *object, k string, v any, isNull bool) {
	switch {
	case !isNull:
		o.set(k, v)
	case !c.prefs.omitNulls:
		o.set(k, jsonNull)
	}
}

// getRecord serves GET /communications/callRecords/{id} with the two
// documented expansions, each truncated like Graph's (graph-api.md §4.1).
func (s *Server) getRecord(c *call, id string) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return
	}
	if bad := q.only("$expand", "$select"); bad != "" {
		c.badRequest("Query option '" + bad + "' is not supported on a callRecord.")
		return
	}
	expand := q["$expand"]
	switch expand {
	case "", "sessions", "sessions($expand=segments)", "participants_v2":
	default:
		c.badRequest("Parsing OData Select and Expand failed: $expand='" + expand + "' is not supported; use sessions($expand=segments) or participants_v2.")
		return
	}
	sel, msg := parseSelect(q["$select"], recordType, recordProps)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	e, ok := s.tenant.entry(id)
	if !ok || !c.visible(e) {
		c.notFound(msgRecordNotFound)
		return
	}
	var shape []string
	if sel != nil {
		shape = append(shape, sel...)
	}
	switch expand {
	case "sessions":
		shape = append(shape, "sessions()")
	case "sessions($expand=segments)":
		shape = append(shape, "sessions(segments())")
	case "participants_v2":
		shape = append(shape, "participants_v2()")
	}
	ctx := c.root + "/$metadata#communications/callRecords"
	if len(shape) > 0 {
		ctx += "(" + strings.Join(shape, ",") + ")"
	}
	ctx += "/$entity"
	body := c.recordBody(e, sel, true)
	body.keys = append([]string{"@odata.context"}, body.keys...)
	body.vals = append([]any{ctx}, body.vals...)
	recordPath := c.root + "/$metadata#communications/callRecords('" + id + "')"
	switch expand {
	case "participants_v2":
		n, parts := c.participantItems(e, nil)
		size := c.pageSize(participantsPageSize)
		if n > size {
			tok := s.encodeToken(pageToken{Kind: "participants", Record: id, Size: size, Offset: size})
			body.set("participants_v2@odata.nextLink", recordPath+"/participants_v2?$skiptoken="+tok)
			n = size
		}
		body.set("participants_v2", parts(0, n))
	case "sessions", "sessions($expand=segments)":
		segs := expand != "sessions"
		n, sess := c.sessionItems(e, segs, nil)
		size := c.pageSize(sessionsPageSize)
		suffix, query := "/sessions", "/sessions?"
		if segs {
			suffix, query = "/sessions(segments())", "/sessions?$expand=segments&"
		}
		body.set("sessions@odata.context", recordPath+suffix)
		rest := n > size
		if rest {
			n = size
		}
		body.set("sessions", sess(0, n))
		if rest {
			// The documented value is a $metadata# fragment, not a usable
			// URL; clients must page /sessions instead (graph-api.md §4.1).
			tok := s.encodeToken(pageToken{Kind: "sessions", Record: id, Expand: "segments", Size: size, Offset: size})
			body.set("sessions@odata.nextLink", recordPath+query+"$skiptoken="+tok)
		}
	}
	c.ok(body)
}

func (c *call) participantsForWire(parts []model.Participant, sel selection) []any {
	out := make([]any, len(parts))
	for i := range parts {
		p := c.participant(&parts[i], participantNullKeys)
		v, err := selectFields(p, sel)
		if err != nil {
			v = p
		}
		out[i] = v
	}
	return out
}

// listSessions serves GET /communications/callRecords/{id}/sessions.
func (s *Server) listSessions(c *call, id string) {
	s.listDetail(c, id, "sessions", sessionsPageSize, func(e *recordEntry, st pageToken, sel selection) (int, func(lo, hi int) []any) {
		return c.sessionItems(e, st.Expand == "segments", sel)
	})
}

// sessionItems is how many sessions the record has, and a function that
// writes sessions lo to hi for the wire: with segments or without, and
// only the $select properties.
func (c *call) sessionItems(e *recordEntry, segs bool, sel selection) (int, func(lo, hi int) []any) {
	if e.raw != nil {
		var without []string
		if !segs {
			without = []string{"segments"}
		}
		return len(e.raw.sessions), func(lo, hi int) []any { return c.rawItems(e.raw.sessions[lo:hi], sel, without) }
	}
	sess := e.detail.sessions()
	return len(sess), func(lo, hi int) []any {
		wire := c.sessionsForWire(sess[lo:hi], segs)
		out := make([]any, len(wire))
		for i := range wire {
			v, err := selectFields(&wire[i], sel)
			if err != nil {
				v = &wire[i]
			}
			out[i] = v
		}
		return out
	}
}

// listParticipants serves GET /communications/callRecords/{id}/participants_v2.
func (s *Server) listParticipants(c *call, id string) {
	s.listDetail(c, id, "participants", participantsPageSize, func(e *recordEntry, _ pageToken, sel selection) (int, func(lo, hi int) []any) {
		return c.participantItems(e, sel)
	})
}

// participantItems is sessionItems for participants_v2.
func (c *call) participantItems(e *recordEntry, sel selection) (int, func(lo, hi int) []any) {
	if e.raw != nil {
		return len(e.raw.participants), func(lo, hi int) []any { return c.rawItems(e.raw.participants[lo:hi], sel, nil) }
	}
	parts := e.detail.participants()
	return len(parts), func(lo, hi int) []any { return c.participantsForWire(parts[lo:hi], sel) }
}

// listDetail pages one of a record's collections with opaque $skiptokens.
func (s *Server) listDetail(c *call, id, kind string, limit int,
	items func(*recordEntry, pageToken, selection) (int, func(lo, hi int) []any)) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return
	}
	allowed := []string{"$select", "$skiptoken"}
	if kind == "sessions" {
		allowed = append(allowed, "$expand")
	}
	if bad := q.only(allowed...); bad != "" {
		c.badRequest("Query option '" + bad + "' is not supported on " + kind + ".")
		return
	}
	st := pageToken{Kind: kind, Record: id, Expand: q["$expand"], Select: q["$select"]}
	if tok, ok := q["$skiptoken"]; ok {
		if st, err = s.decodeToken(tok, kind); err != nil || st.Record != id {
			c.badRequest(errBadToken.Error())
			return
		}
	} else {
		st.Size = c.pageSize(limit)
	}
	if st.Expand != "" && st.Expand != "segments" {
		c.badRequest("Parsing OData Select and Expand failed: $expand='" + st.Expand + "' is not supported; only segments can be expanded.")
		return
	}
	entity, props := sessionType, sessionProps
	if kind == "participants" {
		entity, props = participantType, participantProps
	}
	sel, msg := parseSelect(st.Select, entity, props)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	e, ok := s.tenant.entry(id)
	if !ok || !c.visible(e) {
		c.notFound(msgRecordNotFound)
		return
	}
	n, slice := items(e, st, sel)
	lo := min(st.Offset, n)
	hi := min(lo+st.Size, n)
	name := map[string]string{"sessions": "sessions", "participants": "participants_v2"}[kind]
	out := &object{}
	out.set("@odata.context", c.root+"/$metadata#communications/callRecords('"+id+"')/"+name)
	out.set("value", slice(lo, hi))
	if hi < n {
		next := st
		next.Offset = hi
		out.set("@odata.nextLink", c.root+"/communications/callRecords/"+id+"/"+name+"?$skiptoken="+s.encodeToken(next))
	}
	c.ok(out)
}
