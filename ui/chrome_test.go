package ui

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Tests that the frame's cached header and footer (chrome.go) are drawn
// again whenever what they show changes.

// stubScreen is a record screen with its title, help keys and (if like
// is set) status set by the test.
type stubScreen struct {
	common.Screen
	title string
	keys  []key.Binding
	like  common.Screen
}

func (s *stubScreen) Title() string            { return s.title }
func (s *stubScreen) ShortHelp() []key.Binding { return s.keys }

func (s *stubScreen) Status() common.Status {
	if s.like != nil {
		return s.like.Status()
	}
	return s.Screen.Status()
}

func lastLine(s string) string { return s[strings.LastIndexByte(s, '\n')+1:] }

// The breadcrumb follows pushes, pops and view switches, and the header
// is fitted again to a new width. The pushed screen shows the same filter
// as the one under it, so that only the breadcrumb changes.
func TestFrameHeaderFollowsTheStackAndTheWidth(t *testing.T) {
	a := newTestApp(t)
	before := firstLine(a.View())
	base := a.top()
	a.Update(common.PushMsg{Screen: &stubScreen{Screen: record.New(a.c, uitest.GroupCallID), title: "Deep screen", like: base}, From: base})
	if h := firstLine(a.View()); !strings.Contains(h, "Calls › Deep screen") {
		t.Fatalf("after a push the header is %q", h)
	}
	a.Update(common.PopMsg{})
	if h := firstLine(a.View()); h != before {
		t.Fatalf("after the pop the header is %q, want %q", h, before)
	}
	a.Update(uitest.KeyRune('2'))
	if h := firstLine(a.View()); h == before || strings.Contains(h, "Calls") {
		t.Fatalf("on the Direct Routing view the header is still the calls view's: %q", h)
	}
	a.Update(uitest.KeyRune('1'))
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if h := firstLine(a.View()); lipgloss.Width(h) != 100 {
		t.Fatalf("at 100 columns the header is %d wide: %q", lipgloss.Width(h), h)
	}
}

// The footer's help line shows the top screen's enabled keys, changing as
// a binding is disabled and as screens are pushed and popped.
func TestFrameFooterFollowsTheKeysOnOffer(t *testing.T) {
	a := newTestApp(t)
	before := lastLine(a.View())
	open := key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open sesame"))
	stub := &stubScreen{Screen: record.New(a.c, uitest.GroupCallID), title: "Stub", keys: []key.Binding{open}}
	a.Update(common.PushMsg{Screen: stub, From: a.top()})
	if f := lastLine(a.View()); !strings.Contains(f, "open sesame") {
		t.Fatalf("the footer lacks the pushed screen's key: %q", f)
	}
	stub.keys[0].SetEnabled(false)
	if f := lastLine(a.View()); strings.Contains(f, "open sesame") {
		t.Fatalf("the footer still offers a disabled key: %q", f)
	}
	a.Update(common.PopMsg{})
	if f := lastLine(a.View()); f != before {
		t.Fatalf("after the pop the footer is %q, want %q", f, before)
	}
}

// A header drawn without colour is drawn again when the colour profile
// changes, not served from the cache.
func TestFrameHeaderFollowsTheColourProfile(t *testing.T) {
	a := newTestApp(t)
	plain := firstLine(a.View())
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	if h := firstLine(a.View()); h == plain || !strings.Contains(h, "\x1b[") {
		t.Fatalf("in TrueColor the header is still the plain one: %q", h)
	}
}
