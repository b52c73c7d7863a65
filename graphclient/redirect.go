package graphclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ErrForeignRedirect refuses a redirect away from the configured service
// root. net/http would follow it and keep the Authorization header whenever
// the host name matches or is a subdomain, whatever the port or scheme, so
// a 3xx from a proxy or an impostor could otherwise take the token along.
var ErrForeignRedirect = errors.New("refused a redirect outside the configured Graph service root")

// foreignRedirectError is ErrForeignRedirect with where it pointed. It is
// not retriable (azcore's errorinfo.NonRetriable): asking again gets the
// same redirect.
type foreignRedirectError struct{ to string }

func (e *foreignRedirectError) Error() string {
	return fmt.Sprintf("%v: Graph redirected to %s", ErrForeignRedirect, e.to)
}
func (e *foreignRedirectError) Unwrap() error { return ErrForeignRedirect }
func (e *foreignRedirectError) NonRetriable() {}

// guardRedirects returns a copy of base (or of a default client when nil)
// that follows a redirect only to the service root's own scheme, host and
// port, under its path, and whose every try keeps within lim
// (transport.go).
func guardRedirects(root *url.URL, base *http.Client, lim tryLimits) *http.Client {
	hc := &http.Client{Transport: defaultTransport(lim.dial, lim.tls)}
	if base != nil {
		*hc = *base
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	hc.Transport = &boundedTransport{base: rt, lim: lim}
	prev := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		u := req.URL
		if !strings.EqualFold(u.Scheme, root.Scheme) || !strings.EqualFold(u.Host, root.Host) ||
			!strings.HasPrefix(u.Path, root.Path+"/") || u.User != nil {
			return &foreignRedirectError{to: linkPlace(u)}
		}
		if prev != nil {
			return prev(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return hc
}
