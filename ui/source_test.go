package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// The header says what the run reads when the screen says nothing of its
// own: Graph alone, Graph with a store that did not open, or offline.
func TestHeaderSaysWhereDataComesFrom(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"graph", Options{Client: graphclient.NewOffline()}, "Graph · UTC"},
		{"store problem", Options{Client: graphclient.NewOffline(), StoreProblem: "store /x: not a callscope store; showing Graph only"}, "Graph (no store) · UTC"},
		{"offline", Options{Offline: true, Client: graphclient.NewOffline()}, "offline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Keys, o.Styles, o.UTC, o.View = uitest.Keys(), common.DefaultStyles(), true, ViewDirect
			o.Now = func() time.Time { return uitest.T0 }
			a := New(o)
			a.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
			if h := firstLine(a.View()); !strings.Contains(h, tc.want) {
				t.Fatalf("header %q lacks %q", h, tc.want)
			}
		})
	}
}

// A store that did not open is said on screen as the explorer opens:
// stderr is behind the alternate screen.
func TestStoreProblemIsFlashedAtStart(t *testing.T) {
	a := New(Options{Client: graphclient.NewOffline(), Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true, View: ViewDirect,
		Now: func() time.Time { return uitest.T0 }, StoreProblem: "store /x/y.db: not a callscope store; showing Graph only"})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	batch, ok := a.Init()().(tea.BatchMsg)
	if !ok {
		t.Fatal("Init is not a batch")
	}
	// Init's other commands wait on events and ticks: run each aside and
	// keep what answers at once.
	msgs := make(chan tea.Msg, len(batch))
	for _, cmd := range batch {
		if cmd != nil {
			go func() { msgs <- cmd() }()
		}
	}
	found := false
	for deadline := time.After(2 * time.Second); !found; {
		select {
		case msg := <-msgs:
			f, ok := msg.(common.FlashMsg)
			found = ok && f.IsError && strings.Contains(f.Text, "not a callscope store")
		case <-deadline:
			t.Fatal("no error flash names the store's problem")
		}
	}
	if !found {
		t.Fatal("no error flash names the store's problem")
	}
}
