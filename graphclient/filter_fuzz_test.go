package graphclient

import (
	"strings"
	"testing"
	"time"
)

// FuzzCallQueryFilter checks that any participant id Validate accepts comes
// back unchanged from the $filter literal (quotes doubled, nothing else
// touched), and that date clauses stay in the documented grammar.
func FuzzCallQueryFilter(f *testing.F) {
	for _, s := range []string{"821809f5-0000-0000-0000-3b5136c0e777", "o'brien", "''", "+5564981205182", "a') or true or ('", "é中😀"} {
		f.Add(s, int64(1700000000), int64(3600))
	}
	f.Fuzz(func(t *testing.T, id string, fromUnix, span int64) {
		from := time.Unix(fromUnix%(1<<40), 0)
		q := CallQuery{From: from, To: from.Add(time.Duration(span%(1<<30)) * time.Second), Participant: id}
		if q.Validate() != nil {
			return
		}
		f := q.Filter()
		const open = "participants_v2/any(p:p/id eq '"
		if id == "" {
			if strings.Contains(f, "participants_v2") {
				t.Fatalf("participant clause without id: %q", f)
			}
			return
		}
		i := strings.Index(f, open)
		if i < 0 || !strings.HasSuffix(f, "')") {
			t.Fatalf("no participant clause: %q", f)
		}
		lit := f[i+len(open) : len(f)-2]
		// An OData string literal may hold a quote only as a doubled pair.
		if strings.Count(strings.ReplaceAll(lit, "''", ""), "'") != 0 {
			t.Fatalf("unescaped quote in %q", lit)
		}
		if got := strings.ReplaceAll(lit, "''", "'"); got != id {
			t.Fatalf("round trip %q -> %q", id, got)
		}
		if !strings.HasPrefix(f, "startDateTime ge ") {
			t.Fatalf("date clause missing: %q", f)
		}
	})
}
