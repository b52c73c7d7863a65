package ui

import (
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// storeBenchLoop runs an App's commands as Bubble Tea does, each in its
// own goroutine, so store reads, fetches and screens overlap as in the
// explorer; the benchmark's goroutine is the event loop. Spinner ticks
// are dropped (they would wait on the wall clock), and so are the Events
// listeners, which wait for requests that may never come.
type storeBenchLoop struct {
	msgs    chan tea.Msg
	running atomic.Int64 // commands started and not yet returned
}

func newStoreBenchLoop() *storeBenchLoop {
	return &storeBenchLoop{msgs: make(chan tea.Msg, 4096)}
}

// run starts cmd (nil does nothing).
func (l *storeBenchLoop) run(cmd tea.Cmd) {
	if cmd == nil || storeBenchListener(cmd) {
		return
	}
	l.running.Add(1)
	go func() {
		defer l.running.Add(-1)
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				l.run(c)
			}
			return
		}
		switch msg.(type) {
		case nil, spinner.TickMsg:
			return
		}
		l.msgs <- msg
	}()
}

// next is the next message, or false when every command has returned and
// none is queued: the app has settled.
func (l *storeBenchLoop) next(tb testing.TB, wait time.Duration) (tea.Msg, bool) {
	tb.Helper()
	deadline := time.After(wait)
	for {
		select {
		case msg := <-l.msgs:
			return msg, true
		case <-deadline:
			tb.Fatalf("no message for %v", wait)
		case <-time.After(time.Millisecond):
			if l.running.Load() == 0 && len(l.msgs) == 0 {
				return nil, false
			}
		}
	}
}

// ready is a message already queued, without waiting.
func (l *storeBenchLoop) ready() (tea.Msg, bool) {
	select {
	case msg := <-l.msgs:
		return msg, true
	default:
		return nil, false
	}
}

// deliver hands msg to a and runs what it returns; a flash's clear timer
// is dropped with the rest of the wall clock.
func (l *storeBenchLoop) deliver(a *App, msg tea.Msg) {
	_, cmd := a.Update(msg)
	if _, flash := msg.(common.FlashMsg); !flash {
		l.run(cmd)
	}
}

// storeBenchListener tells an Events listener by its function's name, as
// uitest.Settle does.
func storeBenchListener(c tea.Cmd) bool {
	fn := runtime.FuncForPC(reflect.ValueOf(c).Pointer())
	return fn != nil && strings.Contains(fn.Name(), "(*Events).Listen")
}
