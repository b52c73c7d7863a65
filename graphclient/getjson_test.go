package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// shortBodyRetry shortens the waits between fetches of a malformed body
// for one test (tests of this package do not run in parallel with it).
func shortBodyRetry(t *testing.T) {
	t.Helper()
	old := bodyRetry
	bodyRetry.delay = time.Millisecond
	t.Cleanup(func() { bodyRetry = old })
}

// A 200 whose body is complete JSON of the wrong shape is fetched again,
// and the value decoded from the good answer carries nothing of the bad
// one.
func TestWrongShapeBodyIsFetchedAgain(t *testing.T) {
	shortBodyRetry(t)
	var tries atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tries.Add(1) == 1 {
			fmt.Fprint(w, `{"@odata.nextLink":"http://elsewhere/bad","value":{"id":"not-a-list"}}`)
			return
		}
		fmt.Fprint(w, `{"value":[{"id":"a"},{"id":"b"}]}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	page, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if tries.Load() != 2 || len(page.Value) != 2 || page.Value[0].ID != "a" || page.NextLink != "" {
		t.Fatalf("%d tries, page %+v; want the second answer alone", tries.Load(), page)
	}
}

// Graph's own errors and refusals are not fetched again here: azcore's
// retry policy owns 429/503/504, and a 404 or 400 will not change.
func TestErrorAnswersAreNotBodyRetried(t *testing.T) {
	shortBodyRetry(t)
	var tries atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tries.Add(1)
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":{"code":"NotFound","message":"x"`) // cut short too
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	_, err := c.GetCallRecord(context.Background(), "3cf3bbc8-0000-0000-0000-000000000000")
	if !IsNotFound(err) || tries.Load() != 1 {
		t.Fatalf("err %v after %d tries; want a 404 after 1", err, tries.Load())
	}
}

// A context that ends during the wait between fetches ends the wait (an
// hour here) at once, with the malformed answer as the error.
func TestBodyRetryStopsWhenCancelled(t *testing.T) {
	old := bodyRetry
	bodyRetry.delay = time.Hour
	t.Cleanup(func() { bodyRetry = old })
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"value":[`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	_, err := c.ListCallRecords(ctx, CallQuery{}, "")
	var me *MalformedResponseError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want MalformedResponseError", err)
	}
}
