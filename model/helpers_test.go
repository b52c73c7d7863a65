package model

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fixturesDir holds the documented Graph examples (the repository's testdata).
const fixturesDir = "../testdata/graph"

// fixtureNames lists the *.json fixtures; missing data fails the test.
func fixtureNames(tb testing.TB) []string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(fixturesDir, "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(names) == 0 {
		tb.Fatalf("no fixtures in %s: the test data is missing", fixturesDir)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// readFixture returns one fixture's bytes; a missing one fails the test.
func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// eq fails the test when got != want.
func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

// eqPtr fails unless p is non-nil and *p == want.
func eqPtr[T comparable](t *testing.T, what string, p *T, want T) {
	t.Helper()
	if p == nil {
		t.Errorf("%s = nil, want %#v", what, want)
		return
	}
	if *p != want {
		t.Errorf("%s = %#v, want %#v", what, *p, want)
	}
}

// isNil fails unless p is nil.
func isNil[T any](t *testing.T, what string, p *T) {
	t.Helper()
	if p != nil {
		t.Errorf("%s = %#v, want nil", what, *p)
	}
}

// eqTime fails unless got is the same instant as want, to the nanosecond.
func eqTime(t *testing.T, what string, got time.Time, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
}

// utc is time.Date in UTC.
func utc(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
}

// eqStrings compares string slices.
func eqStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s = %q, want %q", what, got, want)
			return
		}
	}
}
