package uitest

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// maxSteps bounds Settle: a chain of commands that never ends fails the
// test instead of hanging it.
const maxSteps = 5000

// Settle runs cmd the way the Bubble Tea runtime would, but synchronously:
// each message a command yields goes to deliver, and the command deliver
// returns runs in turn, until nothing is left. Batches and sequences run
// in order, ahead of what is queued. Nil messages are dropped, and the
// Events listeners are never run: they wait for requests that may never
// come. deliver decides what timers (spinner ticks, flash clears) mean.
func Settle(t testing.TB, cmd tea.Cmd, deliver func(tea.Msg) tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > maxSteps {
			t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || isListener(c) {
			continue
		}
		msg := c()
		if sub, ok := commands(msg); ok {
			queue = append(sub, queue...)
			continue
		}
		if msg == nil {
			continue
		}
		queue = append(queue, deliver(msg))
	}
}

// commands unpacks a batch or a sequence (whose message type Bubble Tea
// does not export: both are slices of commands).
func commands(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	sub := make([]tea.Cmd, v.Len())
	for i := range sub {
		sub[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return sub, true
}

// isListener tells an Events listener by its function's name, which
// inlining keeps ("common.(*Events).Listen.func1").
func isListener(c tea.Cmd) bool {
	fn := runtime.FuncForPC(reflect.ValueOf(c).Pointer())
	return fn != nil && strings.Contains(fn.Name(), "(*Events).Listen")
}
