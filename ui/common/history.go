package common

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// historyMax bounds the prompt's history, in memory and on disk.
const historyMax = 500

// DefaultHistoryPath is where the ":" prompt keeps its history across
// runs: $XDG_STATE_HOME/callscope/history, else
// ~/.local/state/callscope/history. It is "" when neither can be worked
// out; history then lasts for the run only.
func DefaultHistoryPath() string {
	return historyPath(os.Getenv, os.UserHomeDir)
}

func historyPath(getenv func(string) string, home func() (string, error)) string {
	// The XDG spec ignores a relative XDG_STATE_HOME.
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "callscope", "history")
	}
	h, err := home()
	if err != nil || h == "" {
		return ""
	}
	return filepath.Join(h, ".local", "state", "callscope", "history")
}

// History is the prompt's past lines, oldest first. Only Update code
// touches it; the file is read and appended to by commands.
type History struct {
	Path  string // "" keeps history in memory only
	Lines []string
}

// Add records a line that ran, skipping a repeat of the last one.
func (h *History) Add(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || (len(h.Lines) > 0 && h.Lines[len(h.Lines)-1] == line) {
		return false
	}
	h.Lines = append(h.Lines, line)
	if n := len(h.Lines) - historyMax; n > 0 {
		h.Lines = append(h.Lines[:0:0], h.Lines[n:]...)
	}
	return true
}

// Merge puts the lines read from disk before those added while they were
// being read.
func (h *History) Merge(loaded []string) {
	typed := h.Lines
	h.Lines = nil
	for _, l := range append(loaded, typed...) {
		h.Add(l)
	}
}

// HistoryLoadedMsg carries the history read at start.
type HistoryLoadedMsg struct {
	Lines []string
	Err   error
}

// HistorySavedMsg reports a line appended to the history file; only a
// failure matters.
type HistorySavedMsg struct{ Err error }

// historyMu serialises history file access across commands, so a load that
// trims the file cannot drop a line appended meanwhile.
var historyMu sync.Mutex

// LoadHistory reads the history file; a missing file is an empty history.
// A file past historyMax lines is trimmed to its newest lines in place.
func LoadHistory(path string) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		lines, err := readHistory(path)
		return HistoryLoadedMsg{Lines: lines, Err: err}
	}
}

func readHistory(path string) ([]string, error) {
	historyMu.Lock()
	defer historyMu.Unlock()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read history %s: %w", path, err)
	}
	if len(lines) <= historyMax {
		return lines, nil
	}
	lines = lines[len(lines)-historyMax:]
	return lines, writeHistory(path, lines)
}

// writeHistory replaces the file through a temporary file (created 0600)
// in the same directory, so a crash leaves the old history or the new,
// never half of one.
func writeHistory(path string, lines []string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".history-*")
	if err != nil {
		return fmt.Errorf("trim history: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename this finds nothing
	_, err = tmp.WriteString(strings.Join(lines, "\n") + "\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("trim history: %w", err)
	}
	return nil
}

// AppendHistory adds one line to the file, creating the directory (0700)
// and file (0600) on first use: the history names people and numbers.
func AppendHistory(path, line string) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		historyMu.Lock()
		defer historyMu.Unlock()
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return HistorySavedMsg{Err: fmt.Errorf("save history: %w", err)}
		}
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return HistorySavedMsg{Err: fmt.Errorf("save history: %w", err)}
		}
		_, err = f.WriteString(line + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return HistorySavedMsg{Err: fmt.Errorf("save history: %w", err)}
		}
		return HistorySavedMsg{}
	}
}
