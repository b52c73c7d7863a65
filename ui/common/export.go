package common

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
)

// exportRowFunc fills rec (one string per header column) with row i. It is
// called from the export command's goroutine, so it must read only data
// that no later Update changes: an append-only store read below the length
// captured when the command was made, or a copy.
type exportRowFunc func(i int, rec []string)

// exportStampLayout names export files by the time of the key press.
const exportStampLayout = "20060102-150405"

// ExportCmd writes rows 0..n-1 as CSV and JSON (see exportFiles) off the
// UI goroutine and reports the outcome as a flash message.
func ExportCmd(dir, view string, at time.Time, header []string, n int, row exportRowFunc) tea.Cmd {
	return func() tea.Msg {
		csvPath, jsonPath, err := exportFiles(dir, view, at, header, n, row)
		if err != nil {
			return FlashMsg{Text: "export failed: " + err.Error(), IsError: true}
		}
		return FlashMsg{Text: fmt.Sprintf("exported %s to %s and %s", Plural(n, "row", "rows"), csvPath, jsonPath)}
	}
}

// exportFiles writes n rows to callscope-<view>-<stamp>.csv and .json in dir
// (created if missing; "" is the working directory). The CSV has the header
// as its first line; the JSON is an array of objects keyed by the header in
// its order. An existing file is never overwritten: a "-2", "-3"… suffix is
// added instead. A failed export removes what it wrote.
func exportFiles(dir, view string, at time.Time, header []string, n int, row exportRowFunc) (csvPath, jsonPath string, err error) {
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
	err = errors.Join(writeCSV(cf, header, n, row), writeJSON(jf, header, n, row))
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

// writeCSV writes the header and the rows as RFC 4180 CSV through the one
// CSV writer the scripted commands use too, so a cell a spreadsheet would
// run as a formula ("=HYPERLINK(…)" in a display name) arrives as text.
// The JSON file keeps the values as they are: no program evaluates them.
func writeCSV(w io.Writer, header []string, n int, row exportRowFunc) error {
	cw := export.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := 0; i < n; i++ {
		clear(rec)
		row(i, rec)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// writeJSON streams the rows as an array of objects keyed by the header, in
// header order (a map would sort the keys).
func writeJSON(w io.Writer, header []string, n int, row exportRowFunc) error {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(header))
	for i, h := range header {
		k, err := json.Marshal(h)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	rec := make([]string, len(header))
	bw.WriteString("[")
	for i := 0; i < n; i++ {
		clear(rec)
		row(i, rec)
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for c, v := range rec {
			if c > 0 {
				bw.WriteString(", ")
			}
			bw.Write(keys[c])
			bw.WriteString(": ")
			val, err := json.Marshal(v)
			if err != nil {
				return err
			}
			bw.Write(model.EscapeJSONText(val)) // as the scripted commands' JSON: safe to cat
		}
		bw.WriteString("}")
	}
	if n > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
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
