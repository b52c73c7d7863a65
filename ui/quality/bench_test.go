package quality_test

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// BenchmarkKeystrokeQualitySummary is a key on the quality summary over
// the demo tenant's calls, every record fetched, as the user pays for it:
// Update of the whole app and its whole View at 160×40 in TrueColor. move
// is j then k; dimension is l then h, which reads the new dimension's
// lines from the summary. Target ≤ 120 µs.
//
//	go test ./ui/quality -run '^$' -bench Keystroke -benchmem -count 5
func BenchmarkKeystrokeQualitySummary(b *testing.B) {
	lipgloss.SetHasDarkBackground(true)
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	client, _ := uitest.FakeGraph(b, uitest.DemoTenant, fakegraph.Options{Clock: func() time.Time { return uitest.Now }},
		graphclient.Options{Limits: fastLimits})
	a := ui.New(ui.Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.Now }, UTC: true})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	settle(b, a, a.Init())
	_, cmd := a.Update(uitest.KeyRune('a'))
	settle(b, a, cmd)
	for name, keys := range map[string][2]tea.KeyMsg{
		"move":      {uitest.KeyRune('j'), uitest.KeyRune('k')},
		"dimension": {uitest.KeyRune('l'), uitest.KeyRune('h')},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				a.Update(keys[i&1])
				_ = a.View()
				i++
			}
		})
	}
}
