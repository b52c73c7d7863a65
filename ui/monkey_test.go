package ui

import (
	"flag"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

var monkeyKeys = flag.Int("monkey", 1500, "random key presses per seed in TestMonkey")

// TestMonkey drives the whole explorer over the demo tenant with random
// keys, typed text and terminal sizes, running every command it returns
// (fetches reach the fake over HTTP). It asserts what users must never
// see: a panic, or a View wider or taller than the terminal.
func TestMonkey(t *testing.T) {
	if testing.Short() {
		t.Skip("monkey test skipped in -short mode")
	}
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	keys := []tea.KeyMsg{uitest.KeyDown, uitest.KeyDown, uitest.KeyDown, uitest.KeyUp, uitest.KeyPageDown, uitest.KeyPageUp, uitest.KeyHome, uitest.KeyEnd, uitest.KeyEnter, uitest.KeyEnter,
		uitest.KeyEsc, uitest.KeyEsc, uitest.KeyTab, {Type: tea.KeyShiftTab}, {Type: tea.KeyBackspace}, {Type: tea.KeySpace}}
	for _, r := range "123fsavyrtexL:/?ogjkG" {
		keys = append(keys, uitest.KeyRune(r))
	}
	words := []string{"calls", "direct", "pstn", "from", "-2h", "-7d", "to", "now", "user", "anette", "alice@contoso.com",
		"sip", "487", "504", "trunk", "sbc1", "failed", "utc", "fialed", "\"unterminated", "+1425", "2026-11-20"}
	sizes := []tea.WindowSizeMsg{{Width: 120, Height: 30}, {Width: 80, Height: 24}, {Width: 20, Height: 10},
		{Width: 61, Height: 15}, {Width: 200, Height: 60}, {Width: 1, Height: 1}}
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, 42))
		a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true,
			Now: func() time.Time { return uitest.Now }, Copy: func(string) error { return nil },
			ExportDir: t.TempDir(), HistoryPath: t.TempDir() + "/history"})
		m := &monkey{t: t, a: a}
		m.run(a.Init(), 0)
		size := sizes[0]
		m.send(size)
		for i := 0; i < *monkeyKeys; i++ {
			switch n := rng.IntN(100); {
			case n < 3:
				size = sizes[rng.IntN(len(sizes))]
				m.send(size)
			case n < 10 && a.prompt != nil || n < 5:
				for _, r := range words[rng.IntN(len(words))] + " " {
					m.send(uitest.KeyRune(r))
				}
			default:
				m.send(keys[rng.IntN(len(keys))])
			}
			if v := a.View(); size.Width >= MinWidth && size.Height >= MinHeight {
				if h := lineCount(v); h > size.Height {
					t.Fatalf("seed %d key %d: view is %d lines for a %d-line terminal", seed, i, h, size.Height)
				}
			}
		}
	}
}

type monkey struct {
	t *testing.T
	a *App
}

func (m *monkey) send(msg tea.Msg) {
	_, cmd := m.a.Update(msg)
	m.run(cmd, 0)
}

// run executes cmd and feeds its message back, like the program would.
// Commands that wait (ticks, the event listeners) are abandoned after a
// short time; a depth limit stops loops of self-renewing commands.
func (m *monkey) run(cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 6 {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(150 * time.Millisecond):
		return
	}
	// tea.Batch and tea.Sequence both return a slice of commands (the
	// sequence's type is unexported), so any []tea.Cmd is run in order.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() {
			m.run(v.Index(i).Interface().(tea.Cmd), depth+1)
		}
		return
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	default:
		_, next := m.a.Update(msg)
		m.run(next, depth+1)
	}
}

func lineCount(s string) int {
	n := 1
	for _, r := range s {
		if r == '\n' {
			n++
		}
	}
	return n
}
