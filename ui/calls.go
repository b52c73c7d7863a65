package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// callsScreen is a placeholder until the calls screen lands.
type callsScreen struct {
	c *Common
	f CallFilter
}

func newCallsScreen(c *Common, f CallFilter) *callsScreen { return &callsScreen{c: c, f: f} }

func (s *callsScreen) Init() tea.Cmd                    { return nil }
func (s *callsScreen) Update(tea.Msg) (screen, tea.Cmd) { return s, nil }
func (s *callsScreen) View() string                     { return "calls" }
func (s *callsScreen) Title() string                    { return "Calls" }
func (s *callsScreen) ShortHelp() []key.Binding         { return nil }
func (s *callsScreen) FullHelp() [][]key.Binding        { return nil }
func (s *callsScreen) Capturing() bool                  { return false }
func (s *callsScreen) Status() Status                   { return Status{} }
