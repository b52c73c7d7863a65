package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// watchPollTimeout is how long the test waits for the first poll after w:
// the configured 30 s interval, and a margin for a loaded CI machine.
const watchPollTimeout = 45 * time.Second

// watchTestToken is the bearer token the fake tenant asks for; a test
// value, not a secret.
const watchTestToken = "test-token"

// nextInRe reads the header's countdown ("watching · next in 42 s").
var nextInRe = regexp.MustCompile(`watching · next in (\d+) s`)

// directRow is a successful Direct Routing call by user, started at start,
// on a trunk of its own so that no trunk alert joins the header.
func directRow(id, user string, start time.Time) model.DirectRoutingRow {
	return model.DirectRoutingRow{
		ID: id, CorrelationID: "corr-" + id, UserDisplayName: user,
		UserPrincipalName: strings.ToLower(strings.ReplaceAll(user, " ", ".")) + "@contoso.com",
		StartDateTime:     model.NewTime(start), InviteDateTime: model.NewTime(start),
		EndDateTime: model.NewTime(start.Add(2 * time.Minute)), Duration: 120,
		CallType: "ByotIn", SuccessfulCall: true, CallerNumber: "+4930123456", CalleeNumber: "+4940654321",
		FinalSIPCode: 200, CallEndSubReason: 0, FinalSIPCodePhrase: "BYE",
		TrunkFullyQualifiedDomainName: "sbc." + id + ".contoso.com",
	}
}

// rowText finds the row with id on screen: the start of its trunk's
// name, which is the id's (the user column is cut to a few letters).
func rowText(id string) string { return "sbc." + id }

// lineWith is the screen's line that holds text, or "".
func lineWith(screen, text string) string {
	for l := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

// markedNew reports whether the row holding text carries the new-row
// mark: "+ " in its gutter (ui/logs' freshMark).
func markedNew(screen, text string) bool {
	return strings.HasPrefix(lineWith(screen, text), "+ ")
}

// headerLine is the screen's first line: the breadcrumb and the header's
// words, where "watching · next in 42 s" is said.
func headerLine(screen string) string {
	first, _, _ := strings.Cut(screen, "\n")
	return first
}

// TestWatchInARealTerminal runs the explorer in tmux on a fake Graph
// tenant whose Direct Routing log grows while it is watched: w starts the
// watch at the config file's 30 s interval (the header counts down from
// there, not from the 60 s default), the rows added to the tenant appear
// at the next poll marked "+", the rows seen before stay unmarked, and w
// again stops the watch (the header no longer says "watching" and the
// marks go).
func TestWatchInARealTerminal(t *testing.T) {
	bin := buildCallscope(t)
	now := time.Now()
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(
		directRow("old-1", "Olga Older", now.Add(-50*time.Minute)),
		directRow("old-2", "Otto Older", now.Add(-40*time.Minute)),
		directRow("old-3", "Oda Older", now.Add(-30*time.Minute)),
	)
	srv := httptest.NewServer(fakegraph.New(tenant, fakegraph.Options{Token: watchTestToken}))
	t.Cleanup(srv.Close)

	// tmux's later -e wins over startInTmux's own XDG_CONFIG_HOME, so the
	// explorer reads this config file.
	config := t.TempDir()
	writeConfig(t, config, "watch:\n  interval: 30s\n")
	env := []string{graphclient.AccessTokenEnv + "=" + watchTestToken, "XDG_CONFIG_HOME=" + config}
	s := startInTmux(t, bin, env, "--graph-url", srv.URL+"/v1.0", "--view", "direct", "--from", "-1h")

	s.waitFor("the Direct Routing list with its three rows", func(sc string) bool {
		return lineWith(sc, rowText("old-1")) != "" && lineWith(sc, rowText("old-2")) != "" && lineWith(sc, rowText("old-3")) != ""
	})
	s.keys("w")
	screen := s.waitFor("the header to say watching · next in", func(sc string) bool {
		return nextInRe.MatchString(headerLine(sc))
	})
	left, _ := strconv.Atoi(nextInRe.FindStringSubmatch(headerLine(screen))[1])
	if left > 30 || left < 1 {
		t.Fatalf("the countdown starts at %d s; the config file's interval is 30 s:\n%s", left, screen)
	}

	added := time.Now().Add(-time.Minute) // inside the range the poll reads
	tenant.AddDirectRoutingRows(directRow("new-1", "Nina Newer", added), directRow("new-2", "Nils Newer", added.Add(time.Second)))
	screen = s.waitWithin("the added rows, marked new, after the next poll", watchPollTimeout, func(sc string) bool {
		return markedNew(sc, rowText("new-1")) && markedNew(sc, rowText("new-2"))
	})
	for _, id := range []string{"old-1", "old-2", "old-3"} {
		if line := lineWith(screen, rowText(id)); line == "" || markedNew(screen, rowText(id)) {
			t.Errorf("row %s after the poll is %q; want it shown and not marked new:\n%s", id, line, screen)
		}
	}
	if !strings.Contains(headerLine(screen), "watching") {
		t.Errorf("the watch ended with its first poll; the header is %q", headerLine(screen))
	}

	s.keys("w")
	s.waitFor("the header without watching, and no row marked new", func(sc string) bool {
		return !strings.Contains(headerLine(sc), "watching") && lineWith(sc, rowText("new-1")) != "" &&
			!markedNew(sc, rowText("new-1")) && !markedNew(sc, rowText("new-2"))
	})
	s.keys("q")
	if rc := s.exitStatus(); rc != exitOK {
		t.Errorf("q: exit status %d, want 0", rc)
	}
	s.assertRestored()
}

// writeConfig writes body as callscope's config file under the config
// folder dir ($XDG_CONFIG_HOME/callscope/config.yaml).
func writeConfig(t *testing.T, dir, body string) {
	t.Helper()
	path := filepath.Join(dir, "callscope", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatalf("write the config file: %v", err)
	}
}

// waitWithin is waitFor with a deadline of its own, for a screen that
// comes only after a poll interval (longer than tmuxTimeout).
func (s *tmuxSession) waitWithin(what string, timeout time.Duration, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := s.capture()
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %s; the screen shows:\n%s", timeout, what, screen)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
