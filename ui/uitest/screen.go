package uitest

import (
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Messages runs cmd and the batches and sequences it yields, once each,
// and returns the messages in order, without delivering them anywhere:
// for a test that looks at what a key asks of the root.
func Messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if sub, ok := commands(msg); ok {
		var out []tea.Msg
		for _, c := range sub {
			out = append(out, Messages(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// ForRoot reports a message the root acts on rather than the screen: a
// push, a pop or a flash.
func ForRoot(m tea.Msg) bool {
	switch m.(type) {
	case common.PushMsg, common.PopMsg, common.FlashMsg:
		return true
	}
	return false
}

// SettleScreen settles cmd (see Settle) against one screen as the root
// would: the messages for the root (ForRoot, or any for which also holds)
// are collected and returned, the rest go to s, whose commands run in turn.
func SettleScreen(t testing.TB, s common.Screen, cmd tea.Cmd, also ...func(tea.Msg) bool) (common.Screen, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	Settle(t, cmd, func(m tea.Msg) tea.Cmd {
		if ForRoot(m) || slices.ContainsFunc(also, func(f func(tea.Msg) bool) bool { return f(m) }) {
			root = append(root, m)
			return nil
		}
		var next tea.Cmd
		s, next = s.Update(m)
		return next
	})
	return s, root
}

// Press sends keys to s one by one, settling what each starts
// (SettleScreen), and returns the screen and the messages for the root.
func Press(t testing.TB, s common.Screen, keys ...tea.KeyMsg) (common.Screen, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		var r []tea.Msg
		s, cmd = s.Update(k)
		s, r = SettleScreen(t, s, cmd)
		root = append(root, r...)
	}
	return s, root
}

// Offers reports that the help bindings offer k enabled: help stays honest
// when a key that does nothing is not shown.
func Offers(help []key.Binding, k tea.KeyMsg) bool {
	return slices.ContainsFunc(help, func(b key.Binding) bool { return key.Matches(k, b) })
}

// ViewHas fails the test unless every part is in view, and shows the view.
func ViewHas(t testing.TB, view string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(view, p) {
			t.Errorf("view lacks %q:\n%s", p, view)
		}
	}
}

// Parsed is line parsed as the ":" prompt parses it, at Now; the test
// fails on a parse error.
func Parsed(t testing.TB, line string) []directive.Directive {
	t.Helper()
	ds, err := directive.Parse(line, Now)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
