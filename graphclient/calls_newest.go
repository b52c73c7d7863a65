package graphclient

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// Newest first, whatever order Graph pages in. The List callRecords page
// (Microsoft Graph docs, api-reference/v1.0/api/
// callrecords-cloudcommunications-list-callrecords.md, no ms.date in its
// front matter; graph-api.md §1.1 and §4.5) documents no order and no
// $orderby, and its one example lists records in ascending start order. So
// the client never trusts the server's order: it walks the range in time
// windows from the end backwards, reads each window whole (every nextLink
// page), and sorts the window itself, newest first. Only the window in hand
// is held, so memory stays bounded by one window however long the range.

// Window sizing. A window aims at about one and a half of Graph's pages, so
// the first screen of the explorer costs one or two round trips, and the
// next window's width follows the density of the last.
const (
	// firstWindow is the width tried before any density is known: narrow,
	// since a window is read whole before any of it is shown, and a busy
	// tenant's hour is dozens of pages; an empty one widens fast.
	firstWindow = 10 * time.Minute
	// minWindow is the narrowest window: $filter literals are whole seconds
	// (model.FormatGraphTime), so a narrower one could not be asked for.
	minWindow = time.Second
	// widenEmpty multiplies the width after a window that held nothing,
	// so a quiet month costs a handful of requests.
	widenEmpty = 8
	// maxGrowth bounds how much wider the next window may be than the
	// last, so a quiet night does not size a window that spans a busy day.
	maxGrowth = 4
	// maxWindowPages is the most pages one window may take before it is
	// given up and asked again narrower: it bounds memory and wasted
	// requests when the density jumps.
	maxWindowPages = 10
	// defaultListPageSize is Graph's page size for List callRecords
	// (graph-api.md §1.1: "default page size 60").
	defaultListPageSize = 60
	// retentionWindow is how long Graph keeps call records: "This API
	// doesn't return call records older than 30 days" (List callRecords;
	// graph-api.md §4.2). The walk starts there when no From is given.
	retentionWindow = 30 * 24 * time.Hour
)

// windowCursorPrefix marks a newest-first cursor, so that a Graph nextLink
// handed in by mistake is refused rather than misread.
const windowCursorPrefix = "callscope-window:"

// windowCursor is where a newest-first walk stands: the range [from, to)
// and the next window, [end−width, end). All are whole seconds, as the
// $filter literals are.
type windowCursor struct {
	from, to, end time.Time
	width         time.Duration
}

// String is the cursor as an opaque token, handed back as the page's
// NextLink.
func (w windowCursor) String() string {
	return fmt.Sprintf("%s%d:%d:%d:%d", windowCursorPrefix, w.from.Unix(), w.to.Unix(), w.end.Unix(), int64(w.width/time.Second))
}

// parseWindowCursor reads a token String made.
func parseWindowCursor(s string) (windowCursor, error) {
	rest, ok := strings.CutPrefix(s, windowCursorPrefix)
	var from, to, end, width int64
	if ok {
		_, err := fmt.Sscanf(rest, "%d:%d:%d:%d", &from, &to, &end, &width)
		ok = err == nil && from < end && end <= to && width > 0
	}
	if !ok {
		return windowCursor{}, fmt.Errorf("list call records newest first: %s is not a cursor this client made", quoteShort(s))
	}
	return windowCursor{from: time.Unix(from, 0).UTC(), to: time.Unix(to, 0).UTC(), end: time.Unix(end, 0).UTC(),
		width: time.Duration(width) * time.Second}, nil
}

// firstCursor is the first window of q's range: To (default now) back to
// From (default 30 days before now), both cut to whole seconds as the
// filter literals are. ok is false when the range holds no whole second.
func firstCursor(q CallQuery, now time.Time) (windowCursor, bool) {
	from, to := q.From, q.To
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = now.Add(-retentionWindow)
	}
	// The literals drop sub-seconds, so [from, to) as Graph reads it.
	from, to = from.UTC().Truncate(time.Second), to.UTC().Truncate(time.Second)
	w := windowCursor{from: from, to: to, end: to, width: firstWindow}
	return w, from.Before(to)
}

// window is the cursor's next window, [lo, end), cut at the range's start.
func (w windowCursor) window() (lo, hi time.Time) {
	return maxTime(w.end.Add(-w.width), w.from), w.end
}

// after is the cursor past a window [lo, hi) that held n rows; done when
// the window reached the range's start.
func (w windowCursor) after(lo, hi time.Time, n, target int) (next windowCursor, done bool) {
	next = w
	next.end = lo
	next.width = nextWidth(hi.Sub(lo), n, target)
	return next, !lo.After(w.from)
}

// nextWidth sizes the window after one of width w that held n rows, so the
// next holds about target rows at the same density: wider after an empty
// one, never more than maxGrowth times wider, never under minWindow, and in
// whole seconds.
func nextWidth(w time.Duration, n, target int) time.Duration {
	var next time.Duration
	if n == 0 {
		next = w * widenEmpty
	} else {
		next = time.Duration(float64(w) * float64(target) / float64(n))
		next = min(next, w*maxGrowth)
	}
	return max(next.Truncate(time.Second), minWindow)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// ListCallRecordsNewest returns q's call records newest first, one time
// window a call: pass cursor "" for the newest window of the range, then
// the page's NextLink verbatim, with the same q; NextLink is "" after the
// oldest window. The range is [q.From, q.To), To defaulting to now and
// From to 30 days before now (Graph's retention); a cursor carries the
// range its first window was read with.
//
// The first call asks for the whole range and, when Graph has it in one
// page, returns it all with NextLink ""; else it drops that page and
// returns the newest window. Each page is one window read whole, however
// Graph orders or pages it,
// sorted by startDateTime descending and then id; a row outside the
// window is dropped, so a record Graph lists in two windows (an inclusive
// edge) comes back once. Pages may be empty while older windows remain.
// An error leaves the cursor as it was: ask again with the same cursor.
// When a window's nextLink chain loops, its rows come back sorted, with
// NextLink cleared and an error matching ErrRepeatedLink.
func (c *Client) ListCallRecordsNewest(ctx context.Context, q CallQuery, cursor string) (*model.Page[model.CallRecord], error) {
	return c.listNewest(ctx, q, cursor, false)
}

// ListCallRecordsNewestRaw is ListCallRecordsNewest with each record also
// as Graph sent it, in the page's RawValue (in the same order as Value).
func (c *Client) ListCallRecordsNewestRaw(ctx context.Context, q CallQuery, cursor string) (*model.Page[model.CallRecord], error) {
	return c.listNewest(ctx, q, cursor, true)
}

func (c *Client) listNewest(ctx context.Context, q CallQuery, cursor string, raw bool) (*model.Page[model.CallRecord], error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var cur windowCursor
	if cursor == "" {
		var ok bool
		if cur, ok = firstCursor(q, time.Now()); !ok {
			return &model.Page[model.CallRecord]{Value: []model.CallRecord{}}, nil
		}
		// A range that fits one page (a person's calls, a short incident)
		// is read in one request: ask for the whole range first, and walk
		// windows only when Graph has more than a page of it. A range no
		// wider than the first window is that window already.
		if cur.to.Sub(cur.from) > firstWindow {
			page, err := c.readWindow(ctx, q, cur.from, cur.to, raw, 1)
			if !errors.Is(err, errWindowTooBusy) {
				if page != nil {
					sortNewest(page)
				}
				return page, err
			}
		}
	} else {
		var err error
		if cur, err = parseWindowCursor(cursor); err != nil {
			return nil, err
		}
	}
	target := listPageSize(q) * 3 / 2
	for {
		lo, hi := cur.window()
		page, err := c.readWindow(ctx, q, lo, hi, raw, maxWindowPages)
		if errors.Is(err, errWindowTooBusy) {
			// Ask again for the newest part of the window only, sized by
			// what it held before it was given up, and at least halved so
			// that this ends at minWindow whatever the rows said.
			cur.width = max(min(nextWidth(hi.Sub(lo), len(page.Value), target), hi.Sub(lo)/2), minWindow)
			continue
		}
		if page == nil {
			return nil, err
		}
		sortNewest(page)
		if next, done := cur.after(lo, hi, len(page.Value), target); !done && err == nil {
			page.NextLink = next.String()
		}
		return page, err
	}
}

// listPageSize is the page size q asks Graph for.
func listPageSize(q CallQuery) int {
	if q.PageSize > 0 {
		return q.PageSize
	}
	return defaultListPageSize
}

// errWindowTooBusy gives up a window that has more pages than its budget
// while wider than minWindow; the rows read so far come with it, to size
// the narrower window asked for instead.
var errWindowTooBusy = errors.New("window holds too many rows")

// readWindow reads every page of [lo, hi) for q, keeping each row of the
// window once; a window wider than minWindow with more than budget pages
// is given up (errWindowTooBusy). A loop in the nextLink chain ends the
// window with the rows read and ErrRepeatedLink; any other error returns
// no page.
func (c *Client) readWindow(ctx context.Context, q CallQuery, lo, hi time.Time, raw bool, budget int) (*model.Page[model.CallRecord], error) {
	wq := q
	wq.From, wq.To = lo, hi
	first := c.callRecordsURL(wq)
	out := &model.Page[model.CallRecord]{Value: []model.CallRecord{}}
	seen := map[string]bool{}
	var chain chainLinks
	for next := first; next != ""; {
		if err := chain.visit(next); err != nil {
			return loopOr(out, err)
		}
		if chain.pages > budget && hi.Sub(lo) > minWindow {
			return out, errWindowTooBusy
		}
		var page model.Page[model.CallRecord]
		if err := c.getJSON(ctx, next, preferHeader(q.PageSize), &page, rawHook(raw, &page)); err != nil {
			return nil, fmt.Errorf("list call records %s to %s: %w", model.FormatGraphTime(lo), model.FormatGraphTime(hi), err)
		}
		if out.Context == "" {
			out.Context = page.Context
		}
		keepWindowRows(out, &page, lo, hi, seen)
		next = ""
		if page.NextLink != "" {
			u, err := c.checkLink(page.NextLink)
			if err != nil {
				return nil, fmt.Errorf("list call records: %w", err)
			}
			if err := chain.next(u.String()); err != nil {
				return loopOr(out, fmt.Errorf("list call records: %w", err))
			}
			next = u.String()
		}
	}
	return out, nil
}

// loopOr is the window so far with a loop's error, or no window with any
// other error.
func loopOr(out *model.Page[model.CallRecord], err error) (*model.Page[model.CallRecord], error) {
	if errors.Is(err, ErrRepeatedLink) {
		return out, err
	}
	return nil, err
}

// keepWindowRows appends page's rows that start in [lo, hi) and whose id
// the window does not hold yet. The range is checked here as well as in
// the filter, so a server that reads an edge inclusively cannot put one
// record in two windows.
func keepWindowRows(out, page *model.Page[model.CallRecord], lo, hi time.Time, seen map[string]bool) {
	for i := range page.Value {
		r := &page.Value[i]
		start := r.StartDateTime.Time
		if start.Before(lo) || !start.Before(hi) || (r.ID != "" && seen[r.ID]) {
			continue
		}
		if r.ID != "" {
			seen[r.ID] = true
		}
		out.Value = append(out.Value, *r)
		if i < len(page.RawValue) {
			out.RawValue = append(out.RawValue, page.RawValue[i])
		}
	}
}

// sortNewest orders a window by startDateTime descending, then id, moving
// each row's bytes as sent along with it.
func sortNewest(page *model.Page[model.CallRecord]) {
	order := make([]int, len(page.Value))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, rb := &page.Value[a], &page.Value[b]
		if c := ra.StartDateTime.Time.Compare(rb.StartDateTime.Time); c != 0 {
			return -c
		}
		return cmp.Compare(ra.ID, rb.ID)
	})
	value := make([]model.CallRecord, len(order))
	var raw []json.RawMessage
	if len(page.RawValue) == len(page.Value) && len(page.RawValue) > 0 {
		raw = make([]json.RawMessage, len(order))
	}
	for i, k := range order {
		value[i] = page.Value[k]
		if raw != nil {
			raw[i] = page.RawValue[k]
		}
	}
	page.Value, page.RawValue = value, raw
}
