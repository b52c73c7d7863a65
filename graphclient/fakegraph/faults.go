package fakegraph

import (
	"net/http"
	"strings"
)

// loopLink points a collection page's nextLink at the page itself
// (Faults.LoopNextLink). The URL is the request's own, as sent.
func (c *call) loopLink(v any) {
	o, ok := v.(*object)
	if !c.loop || !ok || !o.has("value") {
		return
	}
	o.put("@odata.nextLink", strings.TrimSuffix(c.root, "/v1.0")+c.r.RequestURI)
}

// hangUpMidBody writes half of body, then drops the connection
// (Faults.HangUpEvery). The Content-Length already sent promises the
// whole, so the client cannot take the half for an answer.
func (c *call) hangUpMidBody(body []byte) {
	_, _ = c.w.Write(body[:len(body)/2])
	if f, ok := c.w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler) // net/http closes the connection and logs nothing
}

// has reports whether the object holds key k.
func (o *object) has(k string) bool {
	for _, key := range o.keys {
		if key == k {
			return true
		}
	}
	return false
}

// put sets k to v, in place if k is already there.
func (o *object) put(k string, v any) {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return
		}
	}
	o.set(k, v)
}

// injectFault answers with a 429, 503 or 504 if this request's number says
// so, or marks the response for the body faults.
func (s *Server) injectFault(c *call, f Faults) bool {
	n := s.counter.Add(1)
	due := func(every int) bool { return every > 0 && n%int64(every) == 0 }
	retry := f.RetryAfter
	if retry == "" {
		retry = "1"
	}
	if f.NoRetryAfter {
		retry = ""
	}
	switch {
	case due(f.ThrottleEvery):
		c.failRetryAfter(http.StatusTooManyRequests, CodeTooManyRequests, msgThrottled, retry)
		return true
	case due(f.UnavailableEvery):
		c.failRetryAfter(http.StatusServiceUnavailable, CodeServiceUnavailable, msgUnavailable, retry)
		return true
	case due(f.GatewayTimeoutEvery):
		c.fail(http.StatusGatewayTimeout, CodeGatewayTimeout, msgGatewayTimeout)
		return true
	}
	c.truncate = due(f.TruncateEvery)
	c.hangUp = due(f.HangUpEvery)
	c.loop = f.LoopNextLink
	return false
}

// failRetryAfter is fail with a Retry-After header, unless retry is "".
func (c *call) failRetryAfter(status int, code, message, retry string) {
	if retry != "" {
		c.w.Header().Set("Retry-After", retry)
	}
	c.fail(status, code, message)
}
