//go:build linux

package ptylatency

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// mergePages serves getDirectRoutingCalls from next with n of its pages
// joined into one (the nextLink is the last joined page's), and passes
// every other request through. The explorer pages the list by nextLink,
// one request a page, under Graph's pace for the log functions (45 a
// minute): a million rows in Graph's 1,000-row pages would take 22
// minutes to load, in 25,000-row pages 40 requests and a few seconds.
// What is measured, keys on a loaded list, does not depend on page size.
func mergePages(next http.Handler, n int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "getDirectRoutingCalls") {
			next.ServeHTTP(w, r)
			return
		}
		var merged struct {
			Context  string            `json:"@odata.context"`
			Count    int               `json:"@odata.count"`
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink,omitempty"`
		}
		req := r
		for i := 0; i < n; i++ {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				copyResponse(w, rec)
				return
			}
			var page struct {
				Context  string            `json:"@odata.context"`
				Value    []json.RawMessage `json:"value"`
				NextLink string            `json:"@odata.nextLink"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
				http.Error(w, "merge pages: "+err.Error(), http.StatusInternalServerError)
				return
			}
			merged.Context, merged.NextLink = page.Context, page.NextLink
			merged.Value = append(merged.Value, page.Value...)
			if page.NextLink == "" {
				break
			}
			u, err := url.Parse(page.NextLink)
			if err != nil {
				http.Error(w, "merge pages: "+err.Error(), http.StatusInternalServerError)
				return
			}
			req = r.Clone(r.Context())
			req.URL.Path, req.URL.RawPath, req.URL.RawQuery = u.Path, u.RawPath, u.RawQuery
			req.RequestURI = u.RequestURI()
		}
		merged.Count = len(merged.Value)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(&merged)
	})
}

// copyResponse writes a recorded response as it was.
func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
