package sip

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sharedDir holds the research tables (the repository's testdata).
const sharedDir = "../../testdata/sip"

// readTSV returns the data rows of a research table (header dropped); a
// missing file fails the test.
func readTSV(t *testing.T, name string, wantCols int) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 0; sc.Scan(); line++ {
		if line == 0 || sc.Text() == "" {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != wantCols {
			t.Fatalf("%s line %d: %d columns, want %d", name, line+1, len(cols), wantCols)
		}
		rows = append(rows, cols)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// stripNote drops a trailing parenthetical note from a TSV source entry:
// "RFC 6228 (registry)" -> "RFC 6228".
func stripNote(ref string) string {
	ref = strings.TrimSpace(ref)
	if i := strings.Index(ref, " ("); i >= 0 {
		return ref[:i]
	}
	return ref
}

// tsvSources splits a TSV source field on the semicolons that sit outside
// parenthetical notes (notes may contain semicolons themselves).
func tsvSources(field string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range field {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ';':
			if depth == 0 {
				out = append(out, stripNote(field[start:i]))
				start = i + 1
			}
		}
	}
	out = append(out, stripNote(field[start:]))
	slices.Sort(out)
	return out
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func TestEveryTSVCodeHasARow(t *testing.T) {
	rows := readTSV(t, "sip-codes.tsv", 5)
	if len(rows) != len(codeTable) {
		t.Errorf("sip-codes.tsv has %d rows, codeTable has %d", len(rows), len(codeTable))
	}
	for _, r := range rows {
		code, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatalf("bad code %q", r[0])
		}
		info, ok := LookupCode(code)
		if !ok {
			t.Errorf("code %d: no row", code)
			continue
		}
		wantPhrase := r[1]
		if wantPhrase == "(none)" {
			wantPhrase = ""
		}
		if info.Phrase != wantPhrase {
			t.Errorf("code %d: phrase %q, want %q", code, info.Phrase, wantPhrase)
		}
		if info.Meaning == "" || info.TeamsHint == "" {
			t.Errorf("code %d: empty meaning or hint", code)
		}
		if info.Meaning == r[2] || info.TeamsHint == r[3] {
			t.Errorf("code %d: text copied verbatim from the notes; rephrase it", code)
		}
		if got, want := sortedCopy(info.Sources), tsvSources(r[4]); !slices.Equal(got, want) {
			t.Errorf("code %d: sources %q, want %q", code, got, want)
		}
	}
}

var sipInMeaning = regexp.MustCompile(`SIP (\d+):`)

// notesOverruled lists the subcode rows where Microsoft's pages overrule the
// research notes (issue 12): a row the notes lack, or a side they guessed.
// Each entry is checked, so a stale one fails the test.
var notesOverruled = map[int]struct {
	// missing: the row is not in ms-subcodes.tsv at all.
	missing bool
	// side replaces the notes' side column when not empty.
	side Side
}{
	// On the live "SIP response code 420" page, newer than the notes.
	540420: {missing: true},
	// The notes' microsoft-config is a guess; ACS's own text names ACS
	// configuration (Alternate ID) and the SBC.
	510403: {side: SideMixed},
}

func TestEveryTSVSubcodeHasARow(t *testing.T) {
	rows := readTSV(t, "ms-subcodes.tsv", 4)
	inTSV := make(map[int]bool, len(rows))
	for _, r := range rows {
		n, _ := strconv.Atoi(r[0])
		inTSV[n] = true
	}
	extra := 0
	for sub, o := range notesOverruled {
		if !o.missing {
			continue
		}
		extra++
		if _, ok := subcodeIndex[sub]; !ok || inTSV[sub] {
			t.Errorf("subcode %d: listed as missing from the notes, but in table %v, in TSV %v", sub, ok, inTSV[sub])
		}
	}
	if len(rows)+extra != len(subcodeTable) {
		t.Errorf("ms-subcodes.tsv has %d rows plus %d added from Microsoft's pages, subcodeTable has %d",
			len(rows), extra, len(subcodeTable))
	}
	for _, r := range rows {
		sub, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatalf("bad subcode %q", r[0])
		}
		if o := notesOverruled[sub]; o.side != "" {
			if r[2] == string(o.side) {
				t.Errorf("subcode %d: the notes already say %q; drop the override", sub, o.side)
			}
			r[2] = string(o.side)
		}
		if _, ok := subcodeIndex[sub]; !ok {
			t.Errorf("subcode %d: no row", sub)
			continue
		}
		info := LookupSubcode(sub)
		if info.InferredFromPrefix || info.Subcode != sub || info.Meaning == "" {
			t.Errorf("subcode %d: bad row %+v", sub, info)
		}
		if info.Meaning == r[1] {
			t.Errorf("subcode %d: meaning copied verbatim from the notes; rephrase it", sub)
		}
		if string(info.Side) != r[2] {
			t.Errorf("subcode %d: side %q, want %q", sub, info.Side, r[2])
		}
		var wantCodes []int
		for _, m := range sipInMeaning.FindAllStringSubmatch(r[1], -1) {
			n, _ := strconv.Atoi(m[1])
			wantCodes = append(wantCodes, n)
		}
		if !slices.Equal(info.SIPCodes, wantCodes) {
			t.Errorf("subcode %d: SIP codes %v, want %v", sub, info.SIPCodes, wantCodes)
		}
		if strings.HasPrefix(r[3], "none found") {
			// No source documents a meaning; the row cites only the structure.
			continue
		}
		if got, want := sortedCopy(info.Sources), tsvSources(r[3]); !slices.Equal(got, want) {
			t.Errorf("subcode %d: sources %q, want %q", sub, got, want)
		}
	}
}
