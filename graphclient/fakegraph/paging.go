package fakegraph

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// Page-size limits documented for each collection (graph-api.md §1).
const (
	recordsPageSize      = 60
	sessionsPageSize     = 60
	participantsPageSize = 130
	logPageSize          = 1000
	pstnMaxRangeDays     = 90
)

// prefs is what the Prefer header(s) asked for.
type prefs struct {
	maxPageSize         int
	includeUnknownEnums bool
	omitNulls           bool
}

// parsePrefer reads every Prefer header; preferences are comma-separated and
// case-insensitive, and unknown ones are ignored as RFC 7240 says.
func parsePrefer(values []string) prefs {
	var p prefs
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			name, val, _ := strings.Cut(strings.TrimSpace(part), "=")
			name = strings.ToLower(strings.TrimSpace(name))
			val = strings.Trim(strings.TrimSpace(val), `"`)
			switch name {
			case "odata.maxpagesize":
				if n, err := strconv.Atoi(val); err == nil && n > 0 {
					p.maxPageSize = n
				}
			case "include-unknown-enum-members":
				p.includeUnknownEnums = true
			case "omit-values":
				p.omitNulls = strings.EqualFold(val, "nulls")
			}
		}
	}
	return p
}

// pageSize is the collection's limit, lowered (never raised) by
// odata.maxpagesize; an honoured preference is reported in Preference-Applied.
func (c *call) pageSize(limit int) int {
	n := c.prefs.maxPageSize
	if n <= 0 || n >= limit {
		return limit
	}
	c.applied = append(c.applied, "odata.maxpagesize="+strconv.Itoa(n))
	return n
}

// pageToken is the state behind a $skiptoken. It is signed, not encrypted:
// clients must treat it as opaque, and a forged or foreign token (another
// server instance, another record) is refused rather than guessed at.
type pageToken struct {
	Kind     string `json:"k"`
	Filter   string `json:"f,omitempty"`
	Select   string `json:"s,omitempty"`
	Expand   string `json:"e,omitempty"`
	Size     int    `json:"n"`
	Record   string `json:"r,omitempty"` // record id for sessions/participants
	LastNano int64  `json:"t,omitempty"` // records: start of the last item sent
	LastID   string `json:"i,omitempty"` // records: id of the last item sent
	Oldest   bool   `json:"a,omitempty"` // records: the list pages oldest first
	Offset   int    `json:"o,omitempty"` // sessions/participants: items already sent
}

var errBadToken = errors.New("the $skiptoken is not valid")

func (s *Server) encodeToken(t pageToken) string {
	payload, _ := json.Marshal(t)
	mac := hmac.New(sha256.New, s.key)
	mac.Write(payload)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(mac.Sum(nil)[:12])
}

func (s *Server) decodeToken(tok, kind string) (pageToken, error) {
	enc := base64.RawURLEncoding
	p64, m64, ok := strings.Cut(tok, ".")
	if !ok {
		return pageToken{}, errBadToken
	}
	payload, err1 := enc.DecodeString(p64)
	sum, err2 := enc.DecodeString(m64)
	if err1 != nil || err2 != nil {
		return pageToken{}, errBadToken
	}
	mac := hmac.New(sha256.New, s.key)
	mac.Write(payload)
	if !hmac.Equal(sum, mac.Sum(nil)[:12]) {
		return pageToken{}, errBadToken
	}
	var t pageToken
	if err := json.Unmarshal(payload, &t); err != nil || t.Kind != kind || t.Size <= 0 {
		return pageToken{}, errBadToken
	}
	return t, nil
}

// queryOptions are the system query options of one request, read from the
// raw query so that "$filter" and "%24filter" both work and repeated or
// unknown options can be refused.
type queryOptions map[string]string

// parseQuery splits the raw query. A repeated option is an error, as in OData.
func parseQuery(raw string) (queryOptions, error) {
	q := queryOptions{}
	if raw == "" {
		return q, nil
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := queryUnescape(k)
		val, err2 := queryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, errors.New("the query string is not correctly percent-encoded")
		}
		if _, dup := q[key]; dup {
			return nil, errors.New("query option '" + key + "' was specified more than once, but it must be specified at most once")
		}
		q[key] = val
	}
	return q, nil
}

// queryUnescape decodes %XX and '+' (a '+' is a space in a query, which is
// how an unescaped "+01:00" offset gets mangled in the real service too).
func queryUnescape(s string) (string, error) {
	s = strings.ReplaceAll(s, "+", " ")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", errors.New("bad escape")
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", err
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

// only returns the first system option outside allowed: undocumented options fail loudly
// here so a client cannot come to depend on them (graph-api.md §4.5).
func (q queryOptions) only(allowed ...string) string {
	for k := range q {
		if !strings.HasPrefix(k, "$") {
			continue // custom query options are ignored in OData
		}
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
			}
		}
		if !ok {
			return k
		}
	}
	return ""
}
