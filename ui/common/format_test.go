package common

import (
	"errors"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestFmtDuration(t *testing.T) {
	cases := map[time.Duration]string{
		0:                                     "0s",
		12 * time.Second:                      "12s",
		12*time.Second + 900*time.Millisecond: "12s",
		59 * time.Second:                      "59s",
		60 * time.Second:                      "1m00s",
		3*time.Minute + 5*time.Second:         "3m05s",
		time.Hour + 2*time.Minute + 59*time.Second: "1h02m",
		23*time.Hour + 59*time.Minute:              "23h59m",
		50 * time.Hour:                             "2d02h",
		-time.Second:                               "—",
	}
	for d, want := range cases {
		if got := FormatDuration(d); got != want {
			t.Errorf("fmtDuration(%v) = %q, want %q", d, got, want)
		}
	}
	if got := FormatSeconds(-1); got != "—" {
		t.Errorf("fmtSeconds(-1) = %q", got)
	}
}

func TestFmtStartUsesTheLocation(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 5, 9, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zoneinfo:", err)
	}
	if got := FormatStart(at, time.UTC); got != "2026-11-20 14:05:09" {
		t.Errorf("UTC: %q", got)
	}
	if got := FormatStart(at, ny); got != "2026-11-20 09:05:09" {
		t.Errorf("New York: %q", got)
	}
	if got := FormatStartUnix(at.Unix(), ny); got != "2026-11-20 09:05:09" {
		t.Errorf("unix New York: %q", got)
	}
	if FormatStart(time.Time{}, time.UTC) != "—" || FormatStartUnix(0, time.UTC) != "—" {
		t.Error("unknown start should be —")
	}
	if got := FormatShortTime(at, time.UTC); got != "2026-11-20 14:05" {
		t.Errorf("short: %q", got)
	}
}

func TestShortID(t *testing.T) {
	cases := map[string]string{
		"":                                     "",
		"abc":                                  "abc",
		"123456789":                            "123456789",
		"3f2a91bc-0000-4000-8000-000000000001": "3f2a91bc…",
		"日本語日本語日本語日本語":                         "日本語日本語日本…",
	}
	for in, want := range cases {
		if got := ShortID(in); got != want {
			t.Errorf("shortID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFmtPercentAndCount(t *testing.T) {
	if got := formatPercent(0.125); got != "12.5%" {
		t.Errorf("fmtPercent(0.125) = %q", got)
	}
	if got := formatPercent(0.5); got != "50%" {
		t.Errorf("fmtPercent(0.5) = %q", got)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234", 100000: "100,000"} {
		if got := FormatCount(n); got != want {
			t.Errorf("fmtCount(%d) = %q, want %q", n, got, want)
		}
	}
	if Plural(1, "row", "rows") != "1 row" || Plural(1200, "row", "rows") != "1,200 rows" {
		t.Error("plural")
	}
}

// A transport error can quote what a server sent (a certificate's names):
// the line under a table is display-safe like everything from Graph.
func TestErrorLineIsDisplaySafe(t *testing.T) {
	line := ErrorLine(errors.New("x509: certificate is valid for evil\x1b]0;pwned\x07, not graph.microsoft.com"))
	if i, what := model.FindTerminalHazard(line); i >= 0 {
		t.Fatalf("%s at %d in %q", what, i, line)
	}
}
