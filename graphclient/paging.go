package graphclient

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/callscope/callscope/model"
)

// ErrRepeatedLink stops paging at a nextLink that leads back to a page of
// the same chain already read: its own page, or the chain's first. Following
// it would add the same rows again, forever.
var ErrRepeatedLink = errors.New("paging stopped: Graph's nextLink leads back to a page already read")

// maxPages stops a server that keeps sending new links.
const maxPages = 10000

// repeatedLink is ErrRepeatedLink with the page it pointed to.
func repeatedLink(link string) error {
	return fmt.Errorf("%w (%s)", ErrRepeatedLink, shownLink(link))
}

// shownLink is a link's path and query, display-safe and short enough for
// a status line.
func shownLink(link string) string {
	if u, err := url.Parse(link); err == nil && u.Path != "" {
		link = u.RequestURI()
	}
	return clip(link, 200)
}

// linkKey is what makes two links the same page: scheme and host without
// case, the decoded path, and the query parameters in order of name, so
// "%24skip" and "$skip", or a reordered query, are not two pages.
func linkKey(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Opaque != "" {
		return link
	}
	q, err := url.ParseQuery(u.RawQuery)
	query := u.RawQuery
	if err == nil {
		query = q.Encode()
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.Path + "?" + query
}

// pageURL is the URL to fetch for one page of a chain whose first page is
// first: first itself when nextLink is "", else nextLink, checked against
// the service root and refused when it leads back to the first page.
func (c *Client) pageURL(first, nextLink string) (string, error) {
	if nextLink == "" {
		return first, nil
	}
	link, err := c.checkLink(nextLink)
	if err != nil {
		return "", err
	}
	u := link.String()
	if linkKey(u) == linkKey(first) {
		return "", repeatedLink(u)
	}
	return u, nil
}

// endLoop checks the nextLink of a page fetched from fetched, in the chain
// that starts at first. A link back to either is a loop: the page is kept
// (its rows are new) with the link cleared, and ErrRepeatedLink says why
// paging stops. Longer cycles are for the caller's own set of links
// followed.
func endLoop[T any](page *model.Page[T], fetched, first string) error {
	if page.NextLink == "" {
		return nil
	}
	next := linkKey(page.NextLink)
	if next != linkKey(fetched) && next != linkKey(first) {
		return nil
	}
	link := page.NextLink
	page.NextLink = ""
	return repeatedLink(link)
}

// chainLinks is the set of pages one nextLink chain has read, its first
// page included.
type chainLinks struct {
	seen  map[string]struct{}
	pages int
}

// visit records link as read; it is ErrRepeatedLink when it was already.
func (ch *chainLinks) visit(link string) error {
	if ch.seen == nil {
		ch.seen = map[string]struct{}{}
	}
	k := linkKey(link)
	if _, dup := ch.seen[k]; dup {
		return repeatedLink(link)
	}
	if ch.pages++; ch.pages > maxPages {
		return fmt.Errorf("paging stopped after %d pages: Graph kept sending nextLinks", maxPages)
	}
	ch.seen[k] = struct{}{}
	return nil
}

// next checks a page's nextLink against the pages read so far.
func (ch *chainLinks) next(link string) error {
	if _, dup := ch.seen[linkKey(link)]; dup {
		return repeatedLink(link)
	}
	return nil
}
