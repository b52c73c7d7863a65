package graphclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/model"
)

// MaxPstnRange is the longest range getPstnCalls accepts (Graph answers 406 beyond it).
const MaxPstnRange = 90 * 24 * time.Hour

// ErrRangeTooLong refuses a PSTN range over 90 days before anything is sent.
var ErrRangeTooLong = errors.New("PSTN call log ranges may not exceed 90 days")

// DirectRoutingCalls returns one page (up to 1000 rows) of getDirectRoutingCalls
// for from ≤ start < to. Graph ignores $filter here, so filter locally.
// Pass the same from and to with every nextLink: a link back to this page
// or the first ends paging as in ListCallRecords.
func (c *Client) DirectRoutingCalls(ctx context.Context, from, to time.Time, nextLink string) (*model.Page[model.DirectRoutingRow], error) {
	return c.directRoutingCalls(ctx, from, to, nextLink, false)
}

// DirectRoutingCallsRaw is DirectRoutingCalls with each row also as Graph
// sent it, in the page's RawValue, for output that writes Graph's own
// bytes. The loaders use DirectRoutingCalls, so loaded rows keep no bytes.
func (c *Client) DirectRoutingCallsRaw(ctx context.Context, from, to time.Time, nextLink string) (*model.Page[model.DirectRoutingRow], error) {
	return c.directRoutingCalls(ctx, from, to, nextLink, true)
}

func (c *Client) directRoutingCalls(ctx context.Context, from, to time.Time, nextLink string, raw bool) (*model.Page[model.DirectRoutingRow], error) {
	var page model.Page[model.DirectRoutingRow]
	if err := logPage(ctx, c, "getDirectRoutingCalls", from, to, nextLink, &page, raw); err != nil {
		return pageOnLoop(&page, err), fmt.Errorf("direct routing calls: %w", err)
	}
	return &page, nil
}

// PstnCalls returns one page (up to 1000 rows) of getPstnCalls; ranges over
// 90 days are refused before sending.
func (c *Client) PstnCalls(ctx context.Context, from, to time.Time, nextLink string) (*model.Page[model.PstnRow], error) {
	return c.pstnCalls(ctx, from, to, nextLink, false)
}

// PstnCallsRaw is PstnCalls with each row also as Graph sent it, in the
// page's RawValue (see DirectRoutingCallsRaw).
func (c *Client) PstnCallsRaw(ctx context.Context, from, to time.Time, nextLink string) (*model.Page[model.PstnRow], error) {
	return c.pstnCalls(ctx, from, to, nextLink, true)
}

func (c *Client) pstnCalls(ctx context.Context, from, to time.Time, nextLink string, raw bool) (*model.Page[model.PstnRow], error) {
	if nextLink == "" && to.Sub(from) > MaxPstnRange {
		return nil, fmt.Errorf("pstn calls: %w (asked for %.0f days)", ErrRangeTooLong, to.Sub(from).Hours()/24)
	}
	var page model.Page[model.PstnRow]
	if err := logPage(ctx, c, "getPstnCalls", from, to, nextLink, &page, raw); err != nil {
		return pageOnLoop(&page, err), fmt.Errorf("pstn calls: %w", err)
	}
	return &page, nil
}

// FunctionURL builds the report function URL by hand: the parameters sit in
// the path segment, UTC with Z and no quotes (graph-api.md §4.8).
func (c *Client) FunctionURL(fn string, from, to time.Time) string {
	return c.endpoint(fmt.Sprintf("/communications/callRecords/%s(fromDateTime=%s,toDateTime=%s)",
		fn, model.FormatGraphTime(from), model.FormatGraphTime(to)), "")
}

// logPage fetches one page of a log function into out, with out.RawValue
// when raw. A nextLink back to this page or to the first page of [from, to)
// ends paging: the page comes back with NextLink cleared and an error
// matching ErrRepeatedLink.
func logPage[T any](ctx context.Context, c *Client, fn string, from, to time.Time, nextLink string, out *model.Page[T], raw bool) error {
	if nextLink == "" {
		if from.IsZero() || to.IsZero() {
			return errors.New("both from and to are required")
		}
		if !from.Before(to) {
			return fmt.Errorf("from (%s) must be before to (%s)", model.FormatGraphTime(from), model.FormatGraphTime(to))
		}
	}
	first := c.FunctionURL(fn, from, to)
	u, err := c.pageURL(first, nextLink)
	if err != nil {
		return err
	}
	if err := c.getJSON(ctx, u, "", out, rawHook(raw, out)); err != nil {
		return err
	}
	return endLoop(out, u, first)
}

// pageOnLoop is the page to return with err: the page itself when paging
// stopped at a repeated link (its rows are new), else nil.
func pageOnLoop[T any](page *model.Page[T], err error) *model.Page[T] {
	if errors.Is(err, ErrRepeatedLink) && page.Value != nil {
		return page
	}
	return nil
}
