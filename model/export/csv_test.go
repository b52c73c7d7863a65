package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"testing"
)

func TestCellNeutralisesFormulas(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Ada Lovelace", "Ada Lovelace"},
		{"a=b", "a=b"}, // only the first character starts a formula
		{`=HYPERLINK("http://evil")`, `'=HYPERLINK("http://evil")`},
		{"=1+2", "'=1+2"},
		{"@SUM(1+1)", "'@SUM(1+1)"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"\t=cmd", "'\t=cmd"},
		{"\r=x", "'\r=x"},
		{"-2+3", "'-2+3"},
		{"+A1", "'+A1"},
		{"-Inf", "'-Inf"},
		{"+0x1p-2", "'+0x1p-2"},
		// Numbers stay numbers.
		{"-3.5", "-3.5"},
		{"42", "42"},
		{"+42", "+42"},
		{"-1e-3", "-1e-3"},
		{"-", "-"},
		{"+", "+"},
		// Phone numbers as Graph writes them stay as they are.
		{"+4930123456", "+4930123456"},
		{"+1555000****", "+1555000****"},
		{"+1 (555) 000-111", "+1 (555) 000-111"},
		{"2026-11-20T14:00:00Z", "2026-11-20T14:00:00Z"},
	}
	for _, c := range cases {
		if got := Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriterNeutralisesEveryCellAndKeepsTheRecord(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	header := []string{"id", "name", "charge"}
	row := []string{"=1", "Zoë, \"the\"\nname", "-3.5"}
	kept := slices.Clone(row)
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(row); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(row, kept) {
		t.Errorf("Write changed the caller's record: %q", row)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{header, {"'=1", "Zoë, \"the\"\nname", "-3.5"}}
	if len(got) != 2 || !slices.Equal(got[0], want[0]) || !slices.Equal(got[1], want[1]) {
		t.Errorf("read back %q, want %q", got, want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterReportsAFailedWrite(t *testing.T) {
	w := NewWriter(failingWriter{})
	_ = w.Write([]string{"a"})
	if err := w.Flush(); err == nil {
		t.Fatal("Flush after a failed write returned nil")
	}
}

// A leading minus keeps its sign only on a number: "-2-3" would be computed.
func TestCellQuotesArithmeticAfterAMinus(t *testing.T) {
	for in, want := range map[string]string{"-2-3": "'-2-3", "-(555) 1": "'-(555) 1", "-3.5": "-3.5", "-": "-"} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}
