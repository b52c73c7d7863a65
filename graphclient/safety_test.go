package graphclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

// hostile is text a tenant user can set: OSC 52 (clipboard), OSC 0 (title),
// the alternate screen off, an 8-bit CSI, a bidi override, invalid UTF-8.
const hostile = "\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[?1049l\u009b31m\u202eevil\xff"

// terminalSafe reports whether s holds nothing that drives a terminal.
func terminalSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return false
		}
	}
	return true
}

// Every string decoded from Graph is display-safe, however deep; the
// paging link is kept whole even past the display cap.
func TestDecodedStringsAreDisplaySafe(t *testing.T) {
	var srv *httptest.Server
	longLink := ""
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		longLink = srv.URL + "/v1.0/communications/callRecords?$skiptoken=" + strings.Repeat("A", 3000)
		body := map[string]any{
			"@odata.nextLink": longLink,
			"value": []any{map[string]any{
				"id":        "rec-1",
				"organizer": map[string]any{"user": map[string]any{"displayName": hostile}},
				"sessions": []any{map[string]any{"caller": map[string]any{"userAgent": map[string]any{"headerValue": hostile}},
					"segments": []any{map[string]any{"failureInfo": map[string]any{"reason": hostile}}}}},
			}},
		}
		b, _ := json.Marshal(body) // ESC travels as \u001b, as JSON requires
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	page, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	rec := page.Value[0]
	for name, s := range map[string]string{
		"organizer":  rec.Organizer.User.DisplayName,
		"user agent": rec.Sessions[0].Caller.UserAgent.HeaderValue,
		"failure":    rec.Sessions[0].Segments[0].FailureInfo.Reason,
		"page":       fmt.Sprint(page.Value),
	} {
		if !terminalSafe(s) {
			t.Errorf("%s: %q can drive a terminal", name, s)
		}
	}
	if !strings.Contains(rec.Organizer.User.DisplayName, "evil") {
		t.Errorf("the text itself was lost: %q", rec.Organizer.User.DisplayName)
	}
	if page.NextLink != longLink {
		t.Errorf("nextLink of %d bytes came back as %d bytes", len(longLink), len(page.NextLink))
	}
}

// A Graph error's code and message reach a user display-safe and short.
func TestGraphErrorTextIsDisplaySafeAndCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "Bad\x1b]0;x\x07", "message": hostile + strings.Repeat("m", 10000),
			"innerError": map[string]any{"request-id": "rid\x1b[2J", "date": strings.Repeat("d", 5000)}}})
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	var ge *Error
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want a Graph error", err)
	}
	if msg := err.Error(); !terminalSafe(msg) || len(msg) > 1000 {
		t.Errorf("error text of %d bytes, safe %v: %q", len(msg), terminalSafe(msg), msg[:min(len(msg), 200)])
	}
	if n := utf8.RuneCountInString(ge.Message); n > 300 || !strings.HasSuffix(ge.Message, "…") {
		t.Errorf("message of %d runes, want at most 300 ending in an ellipsis", n)
	}
	if !strings.HasPrefix(ge.Code, "Bad") || !terminalSafe(ge.Code) || !terminalSafe(ge.RequestID) {
		t.Errorf("code %q, request id %q", ge.Code, ge.RequestID)
	}
}

func TestBadRecordIDRefusedBeforeSending(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	bad := []string{"", "a b", " x", "..", "a/../b", "a/b", `a\b`, "a?b", "a#b", "a\x00b", "a\x1b[2Jb",
		"a\u202eb", "a\tb", "\xff", strings.Repeat("a", MaxRecordIDLength+1)}
	for _, id := range bad {
		err := CheckRecordID(id)
		if !errors.Is(err, ErrBadRecordID) || !terminalSafe(err.Error()) {
			t.Errorf("CheckRecordID(%q) = %v, want a display-safe ErrBadRecordID", id, err)
		}
		if _, err := c.GetCallRecord(context.Background(), id); !errors.Is(err, ErrBadRecordID) {
			t.Errorf("GetCallRecord(%q) = %v", id, err)
		}
		if _, err := c.ListParticipants(context.Background(), id, ""); !errors.Is(err, ErrBadRecordID) {
			t.Errorf("ListParticipants(%q) = %v", id, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests sent for bad ids", n)
	}
	for _, id := range []string{"2f1a1100-b174-40a0-aba7-0b405e01ed92", "big", "rec-001", "a.b", strings.Repeat("a", MaxRecordIDLength)} {
		if err := CheckRecordID(id); err != nil {
			t.Errorf("CheckRecordID(%q) = %v", id, err)
		}
	}
}

func TestServiceRootShape(t *testing.T) {
	bad := map[string]string{
		"":                                         "empty",
		"https://graph.microsoft.com/v1.0?x=1":     "no query or fragment",
		"https://graph.microsoft.com/v1.0?":        "no query or fragment",
		"https://graph.microsoft.com/v1.0#top":     "no query or fragment",
		"https://graph.microsoft.com/v1.0#":        "no query or fragment",
		"https://graph.microsoft.com:0/v1.0":       "port",
		"https://graph.microsoft.com:65536/v1.0":   "port",
		"https://graph.microsoft.com:/v1.0":        "port",
		"https://graph.microsoft.com:http/v1.0":    "absolute http(s) URL",
		"https://u:hunter2@graph.microsoft.com/v1": "user name or password",
		"http://graph.microsoft.com/v1.0":          "plain http",
	}
	for root, want := range bad {
		_, err := ParseServiceRoot(root)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("ParseServiceRoot(%q) = %v, want it to say %q", root, err, want)
		}
	}
	for _, root := range []string{"https://graph.microsoft.com/v1.0", "https://graph.microsoft.com:443/v1.0/", "http://127.0.0.1:65535/v1.0"} {
		if _, err := ParseServiceRoot(root); err != nil {
			t.Errorf("ParseServiceRoot(%q) = %v", root, err)
		}
	}
	if _, err := New(Options{ServiceRoot: "https://graph.microsoft.com/v1.0?$top=1"}); err == nil {
		t.Error("New accepted a root with a query")
	}
}

// A refused link or redirect is quoted in the error as a URL, escapes
// and all, never decoded back into control characters.
func TestRefusedLinkIsQuotedSafely(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/elsewhere%1B]0;pwned%07%C2%9B31m", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, srv.URL+"/elsewhere%1B]0;pwned%07%E2%80%AE")
	if !errors.Is(err, ErrForeignLink) || !terminalSafe(err.Error()) || !strings.Contains(err.Error(), "%1B") {
		t.Errorf("foreign link: %q", err)
	}
	_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
	if !errors.Is(err, ErrForeignRedirect) || !terminalSafe(err.Error()) || !strings.Contains(err.Error(), "%1B") {
		t.Errorf("foreign redirect: %q", err)
	}
}
