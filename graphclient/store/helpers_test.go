package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// TestMain runs the killed-writer child when the kill test re-executes
// this binary (faults_test.go), and the tests otherwise.
func TestMain(m *testing.M) {
	if path := os.Getenv(killChildEnv); path != "" {
		os.Exit(runKillChild(path))
	}
	os.Exit(m.Run())
}

// base is the start of the test data's times.
var base = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// openTemp opens a new store in a temporary folder.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{BusyTimeout: 2 * time.Second})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture reads a documented Graph payload from the repository's testdata.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "graph", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return compact.Bytes() // as Graph sends it: no spacing
}

// firstValue is the first element of a collection payload's value array.
func firstValue(t testing.TB, body []byte) json.RawMessage {
	t.Helper()
	var page struct{ Value []json.RawMessage }
	if err := json.Unmarshal(body, &page); err != nil || len(page.Value) == 0 {
		t.Fatalf("fixture has no value: %v", err)
	}
	return page.Value[0]
}

// withMembers is the JSON object raw with members set (added or
// replaced), as Graph would send a later version of it.
func withMembers(t testing.TB, raw []byte, set map[string]any) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		m[k] = v
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// directRows makes n Direct Routing rows from the documented row, with ids
// prefix-i and starts a second apart from at.
func directRows(t testing.TB, prefix string, n int, at time.Time) []DirectRow {
	t.Helper()
	doc := firstValue(t, fixture(t, "direct-routing.json"))
	rows := make([]DirectRow, n)
	for i := range rows {
		start := at.Add(time.Duration(i) * time.Second)
		raw := withMembers(t, doc, map[string]any{"id": fmt.Sprintf("%s-%08d-0000-0000-0000-000000000000", prefix, i),
			"startDateTime": start.Format(time.RFC3339Nano)})
		if err := json.Unmarshal(raw, &rows[i].Row); err != nil {
			t.Fatal(err)
		}
		rows[i].Raw = raw
	}
	return rows
}

// expanded is the documented expanded record with the given id, version,
// lastModifiedDateTime and start.
func expanded(t testing.TB, id string, version int64, modified, start time.Time) *model.CallRecord {
	t.Helper()
	raw := withMembers(t, fixture(t, "get-callrecord-expanded-sessions-segments.json"), map[string]any{
		"id": id, "version": version, "lastModifiedDateTime": modified.Format(time.RFC3339Nano),
		"startDateTime": start.Format(time.RFC3339Nano), "endDateTime": start.Add(time.Minute).Format(time.RFC3339Nano),
	})
	var rec model.CallRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	rec.Raw = raw
	return &rec
}

// listRow is a list row with the given header, carrying its bytes.
func listRow(t testing.TB, id string, version int64, modified, start time.Time) model.CallRecord {
	t.Helper()
	raw := withMembers(t, firstValue(t, fixture(t, "list-callrecords.json")), map[string]any{
		"id": id, "version": version, "lastModifiedDateTime": modified.Format(time.RFC3339Nano),
		"startDateTime": start.Format(time.RFC3339Nano), "endDateTime": start.Add(time.Minute).Format(time.RFC3339Nano),
	})
	var rec model.CallRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	rec.Raw = raw
	return rec
}

// count is the rows of a table.
func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
