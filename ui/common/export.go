package common

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	"github.com/callscope/callscope/model/export"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
)

// exportStampLayout names export files by the time of the key press.
const exportStampLayout = "20060102-150405"

// ExportCmd writes rows 0..n-1 as CSV and JSON (see exportFiles) off the
// UI goroutine and reports the outcome as a flash message. row fills v
// (zeroed before each call) with row i; it is called from the command's
// goroutine, so it must read only data that no later Update changes: an
// append-only store read below the length captured when the command was
// made, or a copy.
func ExportCmd[T any](dir, view string, at time.Time, cols export.Columns[T], n int, row func(i int, v *T)) tea.Cmd {
	return func() tea.Msg {
		csvPath, jsonPath, err := exportFiles(dir, view, at, cols, n, row)
		if err != nil {
			return FlashMsg{Text: "export failed: " + err.Error(), IsError: true}
		}
		return FlashMsg{Text: fmt.Sprintf("exported %s to %s and %s", Plural(n, "row", "rows"), csvPath, jsonPath)}
	}
}

// ExportRecordsCmd is ExportCmd for a table with its own columns (header,
// with the JSON type of each in kinds): row fills the cells of row i.
func ExportRecordsCmd(dir, view string, at time.Time, header []string, kinds []export.Kind, n int, row func(i int, cells []string)) tea.Cmd {
	return ExportCmd(dir, view, at, export.RecordColumns(header), n, recordRow(header, kinds, row))
}

// recordRow adapts a row of cells to a row of export.Records; the cells
// are reused from row to row, as the writer encodes each before the next.
func recordRow(header []string, kinds []export.Kind, row func(i int, cells []string)) func(int, *export.Record) {
	cells := make([]string, len(header))
	return func(i int, v *export.Record) {
		clear(cells)
		row(i, cells)
		*v = export.Record{Header: header, Kinds: kinds, Cells: cells}
	}
}

// exportFiles writes n rows to callscope-<view>-<stamp>.csv and .json in dir
// (created if missing; "" is the working directory) through the scripted
// commands' RowWriter: the CSV has cols (a header, then the same cells as
// `--output csv`), the JSON is an array of the rows encoded as
// `--output json` encodes a decoded row (typed numbers and booleans, null
// for what Graph did not report). An existing file is never overwritten: a
// "-2", "-3"… suffix is added instead. A failed export removes what it wrote.
func exportFiles[T any](dir, view string, at time.Time, cols export.Columns[T], n int, row func(i int, v *T)) (csvPath, jsonPath string, err error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("export: %w", err)
	}
	stem := filepath.Join(dir, "callscope-"+view+"-"+at.Format(exportStampLayout))
	var cf, jf *os.File
	for i := 1; ; i++ {
		base := stem
		if i > 1 {
			base = fmt.Sprintf("%s-%d", stem, i)
		}
		csvPath, jsonPath = base+".csv", base+".json"
		cf, err = createNew(csvPath)
		if err == nil {
			jf, err = createNew(jsonPath)
			if err == nil {
				break
			}
			cf.Close()
			os.Remove(csvPath)
		}
		if !errors.Is(err, fs.ErrExist) || i == 100 {
			return "", "", fmt.Errorf("export: %w", err)
		}
	}
	err = errors.Join(writeRows(cf, export.CSV, cols, n, row), writeRows(jf, export.JSON, cols, n, row))
	err = errors.Join(err, cf.Close(), jf.Close())
	if err != nil {
		os.Remove(csvPath)
		os.Remove(jsonPath)
		return "", "", fmt.Errorf("export: %w", err)
	}
	return csvPath, jsonPath, nil
}

func createNew(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// writeRows writes the rows in format through the one writer the scripted
// commands use, so a CSV cell a spreadsheet would run as a formula
// ("=HYPERLINK(…)" in a display name) arrives as text and JSON text has
// the same escapes.
func writeRows[T any](w io.Writer, format export.Format, cols export.Columns[T], n int, row func(i int, v *T)) error {
	rw := export.NewRowWriter(w, format, cols)
	var v T
	for i := 0; i < n; i++ {
		var zero T
		v = zero
		row(i, &v)
		if err := rw.Write(&v); err != nil {
			return err
		}
	}
	return rw.Close()
}

// OSC52Copy puts text on the clipboard of the terminal the program runs in,
// wherever that terminal is (an SSH session included), with an OSC 52
// escape sequence. main hands it to ui.Options.Copy.
//
// The sequence goes to stderr when it is the terminal, else to /dev/tty:
// Bubble Tea owns stdout and a write there could land inside a frame. Under
// tmux it is sent both plain (taken when set-clipboard is on) and wrapped
// for passthrough (taken when allow-passthrough is on); under GNU screen it
// is wrapped. A terminal without OSC 52 ignores it, which no program can
// detect, so success means "sent".
func OSC52Copy(text string) error {
	w, closeW, err := clipboardTerminal()
	if err != nil {
		return err
	}
	defer closeW()
	return writeOSC52(w, text, os.Getenv)
}

// writeOSC52 writes the sequence(s) for text to w, chosen by the
// environment (TMUX, TERM).
func writeOSC52(w io.Writer, text string, getenv func(string) string) error {
	seq := osc52.New(text)
	var out strings.Builder
	switch {
	case getenv("TMUX") != "":
		out.WriteString(seq.String())
		out.WriteString(seq.Tmux().String())
	case strings.HasPrefix(getenv("TERM"), "screen"):
		out.WriteString(seq.Screen().String())
	default:
		out.WriteString(seq.String())
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("copy to clipboard: %w", err)
	}
	return nil
}

// clipboardTerminal finds a terminal to write the sequence to.
func clipboardTerminal() (io.Writer, func(), error) {
	if term.IsTerminal(os.Stderr.Fd()) {
		return os.Stderr, func() {}, nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("copy to clipboard: no terminal to send the sequence to: %w", err)
	}
	return tty, func() { tty.Close() }, nil
}

// CopyCmd puts text on the clipboard with copyFn (Common.Copy) off the UI
// goroutine and reports the outcome as a flash message.
func CopyCmd(copyFn func(string) error, text string) tea.Cmd {
	return func() tea.Msg {
		if copyFn == nil {
			return FlashMsg{Text: "copy failed: no clipboard configured", IsError: true}
		}
		if err := copyFn(text); err != nil {
			return FlashMsg{Text: "copy failed: " + err.Error(), IsError: true}
		}
		return FlashMsg{Text: "copied " + text + " to the clipboard"}
	}
}

// Flash shows a note in the footer.
func Flash(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return FlashMsg{Text: text, IsError: isErr} }
}
