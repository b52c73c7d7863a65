package graphclient

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// metadataSegment is one segment of the resource path in a $metadata#
// link: a name, optionally keyed as in callRecords('id') (a quote inside
// the key doubled, as OData writes it).
var metadataSegment = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.]*)(?:\('((?:[^']|'')*)'\))?$`)

// metadataLink turns a nextLink of the form Graph documents for sessions
// (graph-api.md §4.1 and the List sessions examples):
//
//	https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('id')/sessions?$expand=segments&$skiptoken=…
//
// into the resource it names, below the service root:
//
//	https://graph.microsoft.com/v1.0/communications/callRecords/id/sessions?$expand=segments&$skiptoken=…
//
// Requested as sent, the #fragment is dropped and Graph answers with its
// XML metadata document. The query keeps its escaping; only the path is
// rebuilt, from names and keys, so the link cannot leave the root.
func (c *Client) metadataLink(u *url.URL) (*url.URL, error) {
	bad := fmt.Errorf("nextLink %s: a $metadata link that names no resource", u.Redacted())
	frag := u.EscapedFragment()
	pathPart, query, _ := strings.Cut(frag, "?")
	path, err := url.PathUnescape(pathPart)
	if err != nil || path == "" {
		return nil, bad
	}
	var b strings.Builder
	b.WriteString(c.root.String())
	for _, seg := range strings.Split(path, "/") {
		m := metadataSegment.FindStringSubmatch(seg)
		if m == nil {
			return nil, bad
		}
		b.WriteString("/" + m[1])
		if strings.HasSuffix(seg, ")") {
			if m[2] == "" {
				return nil, bad
			}
			b.WriteString("/" + url.PathEscape(strings.ReplaceAll(m[2], "''", "'")))
		}
	}
	if query != "" {
		b.WriteString("?" + query)
	}
	out, err := url.Parse(b.String())
	if err != nil {
		return nil, bad
	}
	return out, nil
}
