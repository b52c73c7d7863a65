package graphclient

import (
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// limitPolicy runs once per try, inside azcore's retry policy, so retries
// wait their turn too. It holds a try until the limiter lets it start and
// tells the limiter how Graph answered: a 429 or 503 is the
// multiplicative half of AIMD, a success the additive half.
type limitPolicy struct {
	l      *Limiter
	notify func(LimitWaitEvent) // nil when the observer does not listen
}

func newLimitPolicy(l *Limiter, o Observer) limitPolicy {
	p := limitPolicy{l: l}
	if lo, ok := o.(LimitObserver); ok {
		p.notify = lo.LimitWait
	}
	return p
}

func (p limitPolicy) Do(req *policy.Request) (*http.Response, error) {
	raw := req.Raw()
	path := raw.URL.RequestURI()
	if err := p.l.wait(raw.Context(), path, p.notify); err != nil {
		return nil, err
	}
	resp, err := req.Next()
	if resp == nil {
		return resp, err
	}
	f, _ := FamilyOf(path)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		wait, _ := RetryAfter(resp.Header, time.Now())
		p.l.Throttled(f, wait)
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		p.l.Succeeded(f)
	}
	return resp, err
}
