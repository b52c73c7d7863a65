package graphclient

import (
	"errors"
	"net/http"
)

// ErrOffline is every request of an offline client: --offline reads only
// the local store and must send nothing, so a path that forgot to ask the
// store gets this clear error instead of reaching the network.
var ErrOffline = errors.New("offline: callscope reads only the local store and sends nothing to Graph")

// offlineError is ErrOffline as azcore's retry policy sees it: not worth
// asking again.
type offlineError struct{}

func (offlineError) Error() string { return ErrOffline.Error() }
func (offlineError) Unwrap() error { return ErrOffline }
func (offlineError) NonRetriable() {}

// refuseAll is a transport that sends nothing.
type refuseAll struct{}

func (refuseAll) RoundTrip(*http.Request) (*http.Response, error) { return nil, offlineError{} }

// NewOffline is a client that sends nothing: each call fails with an error
// that is ErrOffline, at once and without retries. The explorer runs
// --offline with it, so screens written for a client keep working and
// say plainly why Graph is not asked.
func NewOffline() *Client {
	c, err := New(Options{ServiceRoot: "http://127.0.0.1/v1.0", HTTPClient: &http.Client{Transport: refuseAll{}}, MaxRetries: -1})
	if err != nil {
		panic("graphclient: the offline client's fixed root does not parse: " + err.Error())
	}
	return c
}
