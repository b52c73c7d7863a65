package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logKind picks the report function a log screen shows.
type logKind int

const (
	logDirect logKind = iota
	logPstn
)

// logScreen is a placeholder until the direct-routing and PSTN views land.
type logScreen struct {
	c    *Common
	kind logKind
}

func newLogScreen(c *Common, k logKind, from, to time.Time) *logScreen {
	return &logScreen{c: c, kind: k}
}

func (s *logScreen) Init() tea.Cmd                    { return nil }
func (s *logScreen) Update(tea.Msg) (screen, tea.Cmd) { return s, nil }
func (s *logScreen) View() string                     { return "log" }
func (s *logScreen) Title() string {
	if s.kind == logPstn {
		return "PSTN"
	}
	return "Direct Routing"
}
func (s *logScreen) ShortHelp() []key.Binding  { return nil }
func (s *logScreen) FullHelp() [][]key.Binding { return nil }
func (s *logScreen) Capturing() bool           { return false }
func (s *logScreen) Status() Status            { return Status{} }
