package graphclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/callscope/callscope/model"
)

// CallQuery selects call records: From ≤ startDateTime < To, a participant
// id, and the properties to return. Zero values leave a part out.
type CallQuery struct {
	From, To    time.Time
	Participant string
	Select      []string
	// PageSize asks for smaller pages (Prefer: odata.maxpagesize); 0 = Graph's 60.
	PageSize int
}

// Validate refuses a query Graph would reject or misread.
func (q CallQuery) Validate() error {
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return fmt.Errorf("from (%s) must be before to (%s)", model.FormatGraphTime(q.From), model.FormatGraphTime(q.To))
	}
	if strings.TrimSpace(q.Participant) != q.Participant {
		return errors.New("participant id has leading or trailing spaces")
	}
	for _, r := range q.Participant {
		if unicode.IsControl(r) {
			return errors.New("participant id contains a control character")
		}
	}
	for _, s := range q.Select {
		if s == "" || strings.ContainsAny(s, ",()'&=$ ") {
			return fmt.Errorf("select: %q is not a property name", s)
		}
	}
	return nil
}

// Filter builds the $filter in the documented grammar: startDateTime ge/lt
// with unquoted UTC literals, and participants_v2/any(p:p/id eq '…') with
// quotes doubled as OData requires.
func (q CallQuery) Filter() string {
	var parts []string
	if !q.From.IsZero() {
		parts = append(parts, "startDateTime ge "+model.FormatGraphTime(q.From))
	}
	if !q.To.IsZero() {
		parts = append(parts, "startDateTime lt "+model.FormatGraphTime(q.To))
	}
	if q.Participant != "" {
		parts = append(parts, "participants_v2/any(p:p/id eq '"+strings.ReplaceAll(q.Participant, "'", "''")+"')")
	}
	return strings.Join(parts, " and ")
}

// queryEscape escapes a query value with %20 for spaces: Graph decodes '+'
// as a space, which is right, but %20 reads unambiguously in logs.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// ListCallRecords returns one page of call records in whatever order Graph
// serves them (none is documented; ListCallRecordsNewest sorts). Pass
// nextLink "" for the first page, then the page's NextLink
// verbatim, with the same q; a link off the service root is refused. When
// Graph's nextLink leads back to this page or to the first, the page comes
// back with NextLink cleared and an error matching ErrRepeatedLink: its
// rows are new, and paging stops there.
func (c *Client) ListCallRecords(ctx context.Context, q CallQuery, nextLink string) (*model.Page[model.CallRecord], error) {
	return c.listCallRecords(ctx, q, nextLink, false)
}

// ListCallRecordsRaw is ListCallRecords with each record also as Graph
// sent it, in the page's RawValue, for output that writes Graph's own
// bytes.
func (c *Client) ListCallRecordsRaw(ctx context.Context, q CallQuery, nextLink string) (*model.Page[model.CallRecord], error) {
	return c.listCallRecords(ctx, q, nextLink, true)
}

func (c *Client) listCallRecords(ctx context.Context, q CallQuery, nextLink string, raw bool) (*model.Page[model.CallRecord], error) {
	if nextLink == "" {
		if err := q.Validate(); err != nil {
			return nil, err
		}
	}
	first := c.callRecordsURL(q)
	u, err := c.pageURL(first, nextLink)
	if err != nil {
		return nil, fmt.Errorf("list call records: %w", err)
	}
	var page model.Page[model.CallRecord]
	if err := c.getJSON(ctx, u, preferHeader(q.PageSize), &page, rawHook(raw, &page)); err != nil {
		return nil, fmt.Errorf("list call records: %w", err)
	}
	if err := endLoop(&page, u, first); err != nil {
		return &page, fmt.Errorf("list call records: %w", err)
	}
	return &page, nil
}

// callRecordsURL is the first page of q.
func (c *Client) callRecordsURL(q CallQuery) string {
	var qs []string
	if f := q.Filter(); f != "" {
		qs = append(qs, "$filter="+queryEscape(f))
	}
	if len(q.Select) > 0 {
		qs = append(qs, "$select="+queryEscape(strings.Join(q.Select, ",")))
	}
	return c.endpoint("/communications/callRecords", strings.Join(qs, "&"))
}

// GetCallRecord fetches one record with every session and segment. When
// Graph truncates the inline sessions (sessions@odata.nextLink, whose value
// is a $metadata fragment, not a URL: graph-api.md §4.1), the sessions are
// read again from the sessions endpoint, page by page. The record's Raw is
// the record as Graph sent it, with those pages as its sessions array.
func (c *Client) GetCallRecord(ctx context.Context, id string) (*model.CallRecord, error) {
	if err := CheckRecordID(id); err != nil {
		return nil, err
	}
	base := "/communications/callRecords/" + url.PathEscape(id)
	var rec model.CallRecord
	keep := func(body []byte) error { rec.Raw = body; return nil } // body is this call's own: nothing else holds it
	if err := c.getJSON(ctx, c.endpoint(base, "$expand="+queryEscape("sessions($expand=segments)")), preferHeader(0), &rec, keep); err != nil {
		return nil, fmt.Errorf("get call record %s: %w", id, err)
	}
	if rec.SessionsNextLink == "" {
		return &rec, nil
	}
	sessions, raw, err := c.allSessions(ctx, base)
	if err != nil {
		return nil, fmt.Errorf("get call record %s: sessions: %w", id, err)
	}
	if rec.Raw, err = withSessions(rec.Raw, raw); err != nil {
		return nil, fmt.Errorf("get call record %s: %w", id, err)
	}
	rec.Sessions, rec.SessionsNextLink = sessions, ""
	return &rec, nil
}

// allSessions reads every page of a record's sessions, each page once:
// decoded, and each session as Graph sent it.
func (c *Client) allSessions(ctx context.Context, base string) ([]model.Session, []json.RawMessage, error) {
	return allPages[model.Session](ctx, c, c.endpoint(base+"/sessions", "$expand=segments"))
}

// allPages reads every page of a collection inside a record (sessions,
// participants_v2) from first, each page once, following nextLinks that
// stay on the service root: decoded, and each item as Graph sent it.
func allPages[T any](ctx context.Context, c *Client, first string) ([]T, []json.RawMessage, error) {
	var all []T
	var raw []json.RawMessage
	var chain chainLinks
	for next := first; next != ""; {
		if err := chain.visit(next); err != nil {
			return all, raw, err
		}
		var page model.Page[T]
		if err := c.getJSON(ctx, next, preferHeader(0), &page, keepRawValue(&page)); err != nil {
			return all, raw, err
		}
		all = append(all, page.Value...)
		raw = append(raw, page.RawValue...)
		next = ""
		if page.NextLink != "" {
			u, err := c.checkLink(page.NextLink)
			if err != nil {
				return all, raw, err
			}
			next = u.String()
		}
	}
	return all, raw, nil
}

// ListParticipants returns one page (up to 130) of a record's
// participants_v2: nextLink "" for the first, then the page's NextLink with
// the same id. A nextLink back to this page or the first ends paging as in
// ListCallRecords.
func (c *Client) ListParticipants(ctx context.Context, id, nextLink string) (*model.Page[model.Participant], error) {
	if err := CheckRecordID(id); err != nil {
		return nil, err
	}
	first := c.endpoint("/communications/callRecords/"+url.PathEscape(id)+"/participants_v2", "")
	u, err := c.pageURL(first, nextLink)
	if err != nil {
		return nil, fmt.Errorf("list participants of %s: %w", id, err)
	}
	var page model.Page[model.Participant]
	if err := c.getJSON(ctx, u, preferHeader(0), &page, nil); err != nil {
		return nil, fmt.Errorf("list participants of %s: %w", id, err)
	}
	if err := endLoop(&page, u, first); err != nil {
		return &page, fmt.Errorf("list participants of %s: %w", id, err)
	}
	return &page, nil
}
