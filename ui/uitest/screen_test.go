package uitest

import (
	"reflect"
	"testing"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// TestMessagesOpensBatchesAndSequences: the messages come in order, from
// inside batches and sequences, without nil ones.
func TestMessagesOpensBatchesAndSequences(t *testing.T) {
	say := func(s string) tea.Cmd { return func() tea.Msg { return s } }
	got := Messages(tea.Batch(say("a"), tea.Sequence(say("b"), nil, say("c")), func() tea.Msg { return nil }))
	if want := []tea.Msg{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Messages = %v, want %v", got, want)
	}
	if Messages(nil) != nil {
		t.Fatal("a nil command has messages")
	}
}

// echoScreen counts what reaches it and answers "ping" with a flash.
type echoScreen struct {
	common.Screen
	got []tea.Msg
}

func (s *echoScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s.got = append(s.got, msg)
	if msg == "ping" {
		return s, func() tea.Msg { return common.FlashMsg{Text: "pong"} }
	}
	return s, nil
}

// TestSettleScreenKeepsRootMessages: what the root acts on (a flash here,
// and whatever also picks) is returned, not delivered; the rest reaches
// the screen, whose commands run in turn.
func TestSettleScreenKeepsRootMessages(t *testing.T) {
	s := &echoScreen{}
	say := func(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
	_, root := SettleScreen(t, s, tea.Batch(say("ping"), say("mine"), say(7)),
		func(m tea.Msg) bool { return m == "mine" })
	if want := []tea.Msg{"ping", 7}; !reflect.DeepEqual(s.got, want) {
		t.Fatalf("the screen got %v, want %v", s.got, want)
	}
	if len(root) != 2 || root[0] != "mine" || root[1].(common.FlashMsg).Text != "pong" {
		t.Fatalf("for the root: %#v", root)
	}
}
