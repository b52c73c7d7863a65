package graphclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"reflect"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// bodyRetry bounds the fetching again of a 200 whose body is cut off or is
// not the JSON expected (issue 13: one truncated page used to end a whole
// export). Every GET callscope sends is idempotent, so asking again is
// safe; the waits grow as azcore's do, with the same jitter, so that many
// clients hit by one bad proxy do not come back in step. It is a variable
// so that tests can shorten the waits.
var bodyRetry = struct {
	tries int           // tries in all, the first included
	delay time.Duration // the first wait; each later one doubles
}{tries: 3, delay: 250 * time.Millisecond}

// getRetryingBody is getJSON: getOnce, again while the answer is a
// MalformedResponseError and tries are left. Graph's error answers
// (4xx, 5xx) and failures in transit are not retried here: azcore's retry
// policy has already had its turn at them. A failure after retries says how
// many tries it took, and still matches MalformedResponseError.
func (c *Client) getRetryingBody(ctx context.Context, rawURL, prefer string, out any, keep func(body []byte) error) error {
	var err error
	for try := 1; ; try++ {
		err = c.getOnce(ctx, rawURL, prefer, out, keep)
		var me *MalformedResponseError
		if err == nil || !errors.As(err, &me) {
			return err
		}
		if try >= bodyRetry.tries {
			break
		}
		if !waitBodyRetry(ctx, bodyBackoff(try)) {
			break
		}
		resetOut(out) // a body of the wrong shape may have filled part of out
	}
	if bodyRetry.tries > 1 {
		return &triesError{err: err, tries: bodyRetry.tries}
	}
	return err
}

// bodyBackoff is the wait before try n+1: delay × 2^(n-1), times a jitter
// in [0.8, 1.3) as in azcore's calcDelay.
func bodyBackoff(n int) time.Duration {
	d := bodyRetry.delay << min(n-1, 20)
	return time.Duration(float64(d) * (0.8 + rand.Float64()/2))
}

// waitBodyRetry sleeps d unless ctx ends first; it reports whether to retry.
func waitBodyRetry(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// resetOut zeroes what out points to, so a retry decodes into a clean value.
func resetOut(out any) {
	if v := reflect.ValueOf(out); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
}

// getOnce sends one GET and decodes a 2xx body into out, display-safe
// (decode). keep, if not nil, is then handed the body as Graph sent it, for
// a caller that writes Graph's own bytes (keepRawValue); its error makes
// the response malformed.
func (c *Client) getOnce(ctx context.Context, rawURL, prefer string, out any, keep func(body []byte) error) error {
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
	// The transport already stopped reading at the cap (transport.go); this
	// bound holds whatever reads the body first.
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return &MalformedResponseError{Path: path, RequestID: resp.Header.Get("request-id"), Err: err}
	}
	if int64(len(body)) > c.maxBody {
		return fmt.Errorf("GET %s: %w", path, &BodyTooLargeError{Limit: c.maxBody})
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newError(resp, body, http.MethodGet, path)
	}
	if err := decode(body, out); err != nil {
		return &MalformedResponseError{Path: path, RequestID: resp.Header.Get("request-id"), Err: err}
	}
	if keep != nil {
		if err := keep(body); err != nil {
			return &MalformedResponseError{Path: path, RequestID: resp.Header.Get("request-id"), Err: err}
		}
	}
	return nil
}
