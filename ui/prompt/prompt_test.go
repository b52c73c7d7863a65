package prompt

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// promptType feeds keys to a prompt and returns the last result.
func promptType(p *Prompt, k *common.KeyMap, history []string, keys ...tea.KeyMsg) Result {
	res := Open
	for _, km := range keys {
		res = p.Update(km, k, history)
	}
	return res
}

func TestPromptEnterRunsEscCancels(t *testing.T) {
	k := uitest.Keys()
	p := New(0)
	if res := promptType(p, &k, nil, uitest.TypeText("direct failed")...); res != Open || p.Value() != "direct failed" {
		t.Fatalf("typing: %v %q", res, p.Value())
	}
	if res := p.Update(uitest.KeyEnter, &k, nil); res != Run {
		t.Fatalf("enter: %v", res)
	}
	if res := p.Update(uitest.KeyEsc, &k, nil); res != Cancel {
		t.Fatalf("esc: %v", res)
	}
	// Backspace deletes while there is text, and closes an empty prompt.
	p = New(0)
	bs := tea.KeyMsg{Type: tea.KeyBackspace}
	if res := promptType(p, &k, nil, uitest.KeyRune('x'), bs); res != Open || p.Value() != "" {
		t.Fatalf("backspace over text: %v %q", res, p.Value())
	}
	if res := p.Update(bs, &k, nil); res != Cancel {
		t.Fatalf("backspace on empty: %v", res)
	}
}

func TestPromptTabCompletesAndCycles(t *testing.T) {
	k := uitest.Keys()
	st := common.DefaultStyles()
	shiftTab := tea.KeyMsg{Type: tea.KeyShiftTab}

	// One candidate: taken, with a space for the next word.
	p := New(0)
	promptType(p, &k, nil, append(uitest.TypeText("dir"), uitest.KeyTab)...)
	if p.Value() != "direct " {
		t.Fatalf("dir⇥ = %q", p.Value())
	}
	// Several: each tab shows the next, wrapping; shift+tab goes back.
	promptType(p, &k, nil, append(uitest.TypeText("f"), uitest.KeyTab)...)
	if p.Value() != "direct from" {
		t.Fatalf("f⇥ = %q", p.Value())
	}
	if !strings.Contains(p.View(80, &st, &k), "failed") {
		t.Errorf("the candidates are not listed under the prompt:\n%s", p.View(80, &st, &k))
	}
	promptType(p, &k, nil, uitest.KeyTab)
	if p.Value() != "direct failed" {
		t.Fatalf("f⇥⇥ = %q", p.Value())
	}
	promptType(p, &k, nil, uitest.KeyTab)
	if p.Value() != "direct from" {
		t.Fatalf("f⇥⇥⇥ = %q (want the cycle to wrap)", p.Value())
	}
	promptType(p, &k, nil, shiftTab)
	if p.Value() != "direct failed" {
		t.Fatalf("⇧⇥ = %q", p.Value())
	}
	// Typing ends the cycle: the next tab completes the new word.
	promptType(p, &k, nil, append(uitest.TypeText(" sip 48"), uitest.KeyTab)...)
	if p.Value() != "direct failed sip 480" {
		t.Fatalf("sip 48⇥ = %q", p.Value())
	}
	// Nothing to offer: the line stays.
	p = New(0)
	promptType(p, &k, nil, append(uitest.TypeText("user al"), uitest.KeyTab)...)
	if p.Value() != "user al" {
		t.Fatalf("user al⇥ = %q", p.Value())
	}
}

func TestPromptCompletesTheWordUnderTheCursor(t *testing.T) {
	k := uitest.Keys()
	p := New(0)
	left := tea.KeyMsg{Type: tea.KeyLeft}
	promptType(p, &k, nil, uitest.TypeText("exp sip 403")...)
	for range len(" sip 403") {
		p.Update(left, &k, nil)
	}
	promptType(p, &k, nil, uitest.KeyTab)
	if p.Value() != "export sip 403" {
		t.Fatalf("completion mid-line = %q", p.Value())
	}
	if p.input.Cursor != len("export") {
		t.Errorf("cursor at %d, want after the completed word", p.input.Cursor)
	}
}

func TestPromptHistoryWalk(t *testing.T) {
	k := uitest.Keys()
	history := []string{"direct failed", "pstn user alice"}
	p := New(len(history))
	promptType(p, &k, history, uitest.TypeText("half")...)
	ctrlP := tea.KeyMsg{Type: tea.KeyCtrlP}
	steps := []struct {
		key  tea.KeyMsg
		want string
	}{
		{uitest.KeyUp, "pstn user alice"},
		{ctrlP, "direct failed"},
		{uitest.KeyUp, "direct failed"}, // the oldest stays
		{uitest.KeyDown, "pstn user alice"},
		{uitest.KeyDown, "half"}, // past the newest: what was being typed
		{uitest.KeyDown, "half"},
	}
	for i, st := range steps {
		p.Update(st.key, &k, history)
		if p.Value() != st.want {
			t.Fatalf("step %d: %q, want %q", i, p.Value(), st.want)
		}
	}
	// 'k' and 'j' type: they are not history keys here.
	promptType(p, &k, history, uitest.KeyRune('k'), uitest.KeyRune('j'))
	if p.Value() != "halfkj" {
		t.Fatalf("typing k and j: %q", p.Value())
	}
}

func TestPromptErrorShowsUntilTheLineChanges(t *testing.T) {
	k := uitest.Keys()
	st := common.DefaultStyles()
	p := New(0)
	promptType(p, &k, nil, uitest.TypeText("fialed")...)
	p.SetError(errString(`unknown command "fialed" at word 1; did you mean failed?`))
	v := p.View(100, &st, &k)
	if lines := strings.Split(v, "\n"); len(lines) != 2 || !strings.Contains(lines[0], ":fialed") ||
		!strings.Contains(lines[1], "did you mean failed?") {
		t.Fatalf("prompt view:\n%s", v)
	}
	promptType(p, &k, nil, tea.KeyMsg{Type: tea.KeyBackspace})
	if v := p.View(100, &st, &k); strings.Contains(v, "did you mean") || !strings.Contains(v, "tab completes") {
		t.Fatalf("error kept after an edit:\n%s", v)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
