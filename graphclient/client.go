// Package graphclient is callscope's typed client for the Microsoft Graph
// call records API over net/http and azcore's pipeline. It returns model
// types and knows nothing of the UI.
package graphclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/callscope/callscope/model"
)

// Options configure a Client.
type Options struct {
	// ServiceRoot overrides the cloud's Graph root, e.g. http://127.0.0.1:8765/v1.0.
	// Plain http is allowed only for loopback hosts.
	ServiceRoot string
	// Cloud picks the national cloud; the zero value means global.
	Cloud Cloud
	// Credential signs requests; nil means none is sent.
	Credential azcore.TokenCredential
	// HTTPClient carries the requests; nil means a default like azcore's.
	// A copy is used that refuses redirects off the service root.
	HTTPClient *http.Client
	// MaxRetries bounds retries of 429, 503 and 504 and of tries that fail
	// in transit (no answer, a connection closed mid-response); default 4.
	MaxRetries int
	// MaxRetryDelay is the longest single wait honoured; a longer Retry-After
	// ends the retries (default 60 s).
	MaxRetryDelay time.Duration
	// RetryDelay is the back-off unit for a retry without Retry-After: the
	// waits are about 1, 3, 7 and 15 times it, as azcore's (default 1 s).
	RetryDelay time.Duration
	// MaxTotal bounds one call including all retries and waits (default 3 min).
	MaxTotal time.Duration
	// MaxBodyBytes caps one response body (default 32 MiB, far above
	// Graph's largest page); a larger one ends the call with an error that
	// names the path and the cap.
	MaxBodyBytes int64
	// ResponseHeaderTimeout is the longest wait for Graph to start answering
	// once a request is sent, and for the next bytes of a body (default
	// 30 s). A try that waits longer is retried like a 503.
	ResponseHeaderTimeout time.Duration
	// DialTimeout and TLSHandshakeTimeout bound connecting (default 10 s
	// each). They shape the default transport only: an HTTPClient of the
	// caller's keeps its own.
	DialTimeout, TLSHandshakeTimeout time.Duration
	// Observer hears about retries and finished requests; may be nil. If
	// it is also a LimitObserver it hears about long waits on the limiter.
	Observer Observer
	// Limits pace every request this client sends (see Limiter); the zero
	// value keeps 10 % under Graph's documented limits.
	Limits Limits
	// Limiter, if set, is used instead of a new one made from Limits: for
	// clients of the same tenant and app, which Graph counts together.
	Limiter *Limiter
}

// Client talks to one Graph service root.
type Client struct {
	root     *url.URL
	pipeline runtime.Pipeline
	// limiter paces every request in the pipeline, so explorer paging,
	// record opens, scripted commands and bulk loads share Graph's limits.
	limiter *Limiter
	maxBody int64
}

// New validates the options and builds the azcore pipeline.
func New(o Options) (*Client, error) {
	if o.Cloud.ServiceRoot == "" {
		o.Cloud = Clouds[0]
	}
	rootStr := o.ServiceRoot
	if rootStr == "" {
		rootStr = o.Cloud.ServiceRoot
	}
	root, err := ParseServiceRoot(rootStr)
	if err != nil {
		return nil, err
	}
	loopback := isLoopback(root.Hostname())
	o.defaults()
	lim := o.Limiter
	if lim == nil {
		lim = NewLimiter(o.Limits)
	}
	perRetry := []policy.Policy{newLimitPolicy(lim, o.Observer), &observePolicy{o: o.Observer, maxRetries: o.MaxRetries,
		maxDelay: o.MaxRetryDelay, retryDelay: o.RetryDelay}}
	if o.Credential != nil {
		perRetry = append(perRetry, runtime.NewBearerTokenPolicy(o.Credential, []string{o.Cloud.Scope()},
			&policy.BearerTokenOptions{InsecureAllowCredentialWithHTTP: loopback}))
	}
	co := &policy.ClientOptions{
		Retry: policy.RetryOptions{
			MaxRetries:    int32(o.MaxRetries),
			MaxRetryDelay: o.MaxRetryDelay,
			RetryDelay:    o.RetryDelay,
			StatusCodes:   []int{http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout},
		},
		Telemetry: policy.TelemetryOptions{ApplicationID: "callscope"},
	}
	co.Transport = guardRedirects(root, o.HTTPClient, tryLimits{maxBody: o.MaxBodyBytes,
		answer: o.ResponseHeaderTimeout, dial: o.DialTimeout, tls: o.TLSHandshakeTimeout})
	pl := runtime.NewPipeline("callscope", "v1", runtime.PipelineOptions{
		PerCall:  []policy.Policy{deadlinePolicy(o.MaxTotal)},
		PerRetry: perRetry,
	}, co)
	return &Client{root: root, pipeline: pl, limiter: lim, maxBody: o.MaxBodyBytes}, nil
}

// Limiter is the limiter that paces this client's requests, for progress
// lines that say how throttled a load is.
func (c *Client) Limiter() *Limiter { return c.limiter }

// defaults fills in every limit left zero.
func (o *Options) defaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = 4
	}
	set(&o.MaxRetryDelay, 60*time.Second)
	set(&o.RetryDelay, time.Second)
	set(&o.MaxTotal, 3*time.Minute)
	set(&o.ResponseHeaderTimeout, DefaultResponseHeaderTimeout)
	set(&o.DialTimeout, DefaultDialTimeout)
	set(&o.TLSHandshakeTimeout, DefaultTLSHandshakeTimeout)
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
}

// ParseServiceRoot checks a Graph service root such as
// https://graph.microsoft.com/v1.0 (a --graph-url): an absolute http(s)
// URL, plain http only on loopback, no user name or password, no query or
// fragment (requests append their own), and a port, if any, from 1 to
// 65535. Errors quote the URL with any password hidden.
func ParseServiceRoot(raw string) (*url.URL, error) {
	shown := HideUserInfo(raw)
	bad := func(why string) error { return fmt.Errorf("graph URL %q: %s", shown, why) }
	if strings.TrimSpace(raw) == "" {
		return nil, bad("empty; want an absolute http(s) URL such as https://graph.microsoft.com/v1.0")
	}
	root, err := url.Parse(strings.TrimSuffix(raw, "/"))
	if err != nil || root.Host == "" || (root.Scheme != "https" && root.Scheme != "http") {
		return nil, bad("want an absolute http(s) URL such as https://graph.microsoft.com/v1.0")
	}
	if root.User != nil {
		return nil, bad("a user name or password has no place in it; Graph takes the bearer token only")
	}
	if root.RawQuery != "" || root.ForceQuery || root.Fragment != "" || strings.Contains(raw, "#") {
		return nil, bad("a service root takes no query or fragment; give the path only, e.g. https://graph.microsoft.com/v1.0")
	}
	if port := root.Port(); port != "" || strings.HasSuffix(root.Host, ":") {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, bad("the port must be a number from 1 to 65535")
		}
	}
	if root.Scheme == "http" && !isLoopback(root.Hostname()) {
		return nil, bad("plain http is allowed only for loopback hosts; use https")
	}
	return root, nil
}

// ServiceRoot is the configured root, e.g. https://graph.microsoft.com/v1.0.
func (c *Client) ServiceRoot() string { return c.root.String() }

// HideUserInfo replaces the user name and password of a URL, which may
// be a secret, with "***", even when the rest does not parse, so a
// message or report can quote the URL.
func HideUserInfo(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return raw
	}
	scheme := raw[:len(raw)-len(rest)]
	return scheme + "***" + rest[at:]
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// deadlinePolicy bounds one call, retries and waits included, and gives the
// call the try counter observePolicy reads: it runs once per call, before
// azcore's retry policy, so the counter survives from try to try. A failure
// after retries says how many tries it took.
type deadlinePolicy time.Duration

func (d deadlinePolicy) Do(req *policy.Request) (*http.Response, error) {
	parent := req.Raw().Context()
	ctx, cancel := context.WithTimeout(parent, time.Duration(d))
	defer cancel() // the body is read inside the pipeline, before this returns
	tries := new(atomic.Int32)
	ctx = context.WithValue(ctx, attemptKey{}, tries)
	resp, err := req.Clone(ctx).Next()
	if err == nil {
		return resp, nil
	}
	if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = &TransportError{Reason: "no answer from Graph within " + seconds(time.Duration(d)) + ", retries included", Err: err}
	}
	if n := int(tries.Load()); n > 1 {
		err = &triesError{err: err, tries: n}
	}
	return resp, err
}

// triesError is a failure that retries did not mend.
type triesError struct {
	err   error
	tries int
}

func (e *triesError) Error() string { return fmt.Sprintf("%v (tried %d times)", e.err, e.tries) }
func (e *triesError) Unwrap() error { return e.err }

// checkLink accepts a server-sent link only on the configured scheme, host
// and service root path; anything else would carry the token elsewhere.
func (c *Client) checkLink(link string) (*url.URL, error) {
	u, err := url.Parse(link)
	if err != nil {
		return nil, fmt.Errorf("%w: %s does not parse", ErrForeignLink, quoteShort(link))
	}
	if !strings.EqualFold(u.Scheme, c.root.Scheme) || !strings.EqualFold(u.Host, c.root.Host) ||
		!strings.HasPrefix(u.Path, c.root.Path+"/") || u.User != nil {
		return nil, fmt.Errorf("%w: %s is not under %s", ErrForeignLink, linkPlace(u), c.root)
	}
	if u.Path == c.root.Path+"/$metadata" && u.Fragment != "" {
		return c.metadataLink(u) // the documented sessions quirk: metadatalink.go
	}
	return u, nil
}

// linkPlace is where a link points, for an error: scheme, host and path,
// escaped as in a URL (a %1B in the path stays %1B) and short. The query
// and any password are left out.
func linkPlace(u *url.URL) string {
	return clip((&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}).String(), 200)
}

// endpoint joins a path (already escaped) and raw query to the root.
func (c *Client) endpoint(path, rawQuery string) string {
	s := c.root.String() + path
	if rawQuery != "" {
		s += "?" + rawQuery
	}
	return s
}

// preferHeader asks for unknown enum members (kept as strings, §4.11) and
// optionally a smaller page.
func preferHeader(pageSize int) string {
	p := "include-unknown-enum-members"
	if pageSize > 0 {
		p = fmt.Sprintf("odata.maxpagesize=%d, %s", pageSize, p)
	}
	return p
}

// getJSON sends a GET and decodes a 2xx body into out, display-safe
// (decode). keep, if not nil, is then handed the body as Graph sent it, for
// a caller that writes Graph's own bytes (keepRawValue); its error makes
// the response malformed. A 200 whose body is cut off or is not the JSON
// expected is fetched again, a bounded number of times (getjson.go).
func (c *Client) getJSON(ctx context.Context, rawURL, prefer string, out any, keep func(body []byte) error) error {
	return c.getRetryingBody(ctx, rawURL, prefer, out, keep)
}

// linkFields hold Graph's paging links. They are followed, never shown,
// and checkLink refuses a link with a control character; the display cap
// must not cut a long $skiptoken.
var linkFields = []string{"NextLink", "SessionsNextLink", "ParticipantsV2NextLink"}

// Decode is decode for Graph's bytes read from elsewhere (the local
// store): stored text crosses the same display-safe boundary.
func Decode(body []byte, out any) error { return decode(body, out) }

// decode unmarshals body into out and makes every string in it
// display-safe (model.MakeDisplaySafe): this is the one boundary every
// Graph text crosses on its way to a screen, a summary or a CSV cell. The
// paging links at the top of out are kept as sent.
func decode(body []byte, out any) error {
	if err := json.Unmarshal(body, out); err != nil {
		return err
	}
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		model.MakeDisplaySafe(out)
		return nil
	}
	type kept struct {
		field reflect.Value
		link  string
	}
	var links []kept
	for _, name := range linkFields {
		if f := v.Elem().FieldByName(name); f.IsValid() && f.Kind() == reflect.String && f.CanSet() && f.String() != "" {
			links = append(links, kept{f, f.String()})
		}
	}
	model.MakeDisplaySafe(out)
	for _, k := range links {
		k.field.SetString(k.link)
	}
	return nil
}

// netError turns transport failures into words a user can act on.
func netError(err error) error {
	var fe *foreignRedirectError
	var te *TransportError
	var tb *BodyTooLargeError
	var tries *triesError
	switch {
	case errors.As(err, &fe):
		return fe // not a network fault: net/http's wrapping would say so
	case errors.As(err, &tb):
		return tb
	case errors.As(err, &te):
		// Drop net/http's "Get <url>:" wrapping: the caller names the path.
		if errors.As(err, &tries) {
			return &triesError{err: te, tries: tries.tries}
		}
		return te
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out waiting for Graph: %w", err)
	}
	return err
}
