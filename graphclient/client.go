// Package graphclient is callscope's typed client for the Microsoft Graph
// call records API over net/http and azcore's pipeline. It returns model
// types and knows nothing of the UI.
package graphclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
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
	// MaxRetries bounds retries of 429, 503 and 504 (default 4).
	MaxRetries int
	// MaxRetryDelay is the longest single wait honoured; a longer Retry-After
	// ends the retries (default 60 s).
	MaxRetryDelay time.Duration
	// MaxTotal bounds one call including all retries and waits (default 3 min).
	MaxTotal time.Duration
	// Observer hears about throttle waits and finished requests; may be nil.
	Observer Observer
	// LogLimits pace the report functions for every log loader of this
	// client; the zero value keeps within Graph's documented limits.
	LogLimits LogLimits
}

// Client talks to one Graph service root.
type Client struct {
	root     *url.URL
	pipeline runtime.Pipeline
	// logLimiter is shared by every log loader of this client, so two loads
	// at once still keep below Graph's per-collection limit.
	logLimiter *LogLimiter
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
	shown := HideUserInfo(rootStr)
	root, err := url.Parse(strings.TrimSuffix(rootStr, "/"))
	if err != nil || root.Host == "" || (root.Scheme != "https" && root.Scheme != "http") {
		return nil, fmt.Errorf("graph URL %q: want an absolute http(s) URL such as https://graph.microsoft.com/v1.0", shown)
	}
	if root.User != nil {
		return nil, fmt.Errorf("graph URL %q: a user name or password has no place in it; Graph takes the bearer token only", shown)
	}
	loopback := isLoopback(root.Hostname())
	if root.Scheme == "http" && !loopback {
		return nil, fmt.Errorf("graph URL %q: plain http is allowed only for loopback hosts; use https", shown)
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = 4
	}
	if o.MaxRetryDelay == 0 {
		o.MaxRetryDelay = 60 * time.Second
	}
	if o.MaxTotal == 0 {
		o.MaxTotal = 3 * time.Minute
	}
	lim := NewLogLimiter(o.LogLimits)
	perRetry := []policy.Policy{&observePolicy{o: lim.Observer(o.Observer), maxRetries: o.MaxRetries, maxDelay: o.MaxRetryDelay}}
	if o.Credential != nil {
		perRetry = append(perRetry, runtime.NewBearerTokenPolicy(o.Credential, []string{o.Cloud.Scope()},
			&policy.BearerTokenOptions{InsecureAllowCredentialWithHTTP: loopback}))
	}
	co := &policy.ClientOptions{
		Retry: policy.RetryOptions{
			MaxRetries:    int32(o.MaxRetries),
			MaxRetryDelay: o.MaxRetryDelay,
			RetryDelay:    time.Second,
			StatusCodes:   []int{http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout},
		},
		Telemetry: policy.TelemetryOptions{ApplicationID: "callscope"},
	}
	co.Transport = guardRedirects(root, o.HTTPClient)
	pl := runtime.NewPipeline("callscope", "v1", runtime.PipelineOptions{
		PerCall:  []policy.Policy{deadlinePolicy(o.MaxTotal)},
		PerRetry: perRetry,
	}, co)
	return &Client{root: root, pipeline: pl, logLimiter: lim}, nil
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
// azcore's retry policy, so the counter survives from try to try.
type deadlinePolicy time.Duration

func (d deadlinePolicy) Do(req *policy.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Raw().Context(), time.Duration(d))
	defer cancel() // the body is read inside the pipeline, before this returns
	ctx = context.WithValue(ctx, attemptKey{}, new(atomic.Int32))
	return req.Clone(ctx).Next()
}

// checkLink accepts a server-sent link only on the configured scheme, host
// and service root path; anything else would carry the token elsewhere.
func (c *Client) checkLink(link string) (*url.URL, error) {
	u, err := url.Parse(link)
	if err != nil {
		return nil, fmt.Errorf("%w: %q does not parse", ErrForeignLink, link)
	}
	if !strings.EqualFold(u.Scheme, c.root.Scheme) || !strings.EqualFold(u.Host, c.root.Host) ||
		!strings.HasPrefix(u.Path, c.root.Path+"/") || u.User != nil {
		return nil, fmt.Errorf("%w: %s://%s%s is not under %s", ErrForeignLink, u.Scheme, u.Host, u.Path, c.root)
	}
	if u.Path == c.root.Path+"/$metadata" && u.Fragment != "" {
		return c.metadataLink(u) // the documented sessions quirk: metadatalink.go
	}
	return u, nil
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

// getJSON sends one GET and decodes a 2xx body into out.
func (c *Client) getJSON(ctx context.Context, rawURL, prefer string, out any) error {
	req, err := runtime.NewRequest(ctx, http.MethodGet, rawURL)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Raw().Header.Set("Accept", "application/json")
	if prefer != "" {
		req.Raw().Header.Set("Prefer", prefer)
	}
	path := req.Raw().URL.RequestURI()
	resp, err := c.pipeline.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, netError(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return &MalformedResponseError{Path: path, RequestID: resp.Header.Get("request-id"), Err: err}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newError(resp, body, http.MethodGet, path)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &MalformedResponseError{Path: path, RequestID: resp.Header.Get("request-id"), Err: err}
	}
	return nil
}

// netError turns transport failures into words a user can act on.
func netError(err error) error {
	var ne net.Error
	var oe *net.OpError
	var fe *foreignRedirectError
	switch {
	case errors.As(err, &fe):
		return fe // not a network fault: net/http's wrapping would say so
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out waiting for Graph: %w", err)
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &oe):
		return fmt.Errorf("network unreachable (%v): check your connection or proxy", oe)
	case errors.As(err, &ne):
		return fmt.Errorf("network error: %w", err)
	}
	return err
}
