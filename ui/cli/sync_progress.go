package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/charmbracelet/x/term"
)

// progressMode is how sync reports progress on stderr.
type progressMode int

const (
	progressAuto  progressMode = iota // a bar on a terminal, else lines
	progressLines                     // one plain line per piece, for logs and scripts
	progressBar                       // one line redrawn in place
)

// progress reports sync's pieces as they complete: plain lines ("sync:
// direct 2026-11-01..11-08 12,000 rows") when stderr is a file or pipe, a
// one-line bar redrawn in place when it is a terminal.
type progress struct {
	w     io.Writer
	bar   bool
	label string
	total int
	done  int
	rows  int
	drawn bool // a bar line is on screen, unended
}

// newProgress chooses the mode for w when mode is progressAuto.
func newProgress(w io.Writer, mode progressMode) *progress {
	if mode == progressAuto {
		mode = progressLines
		if f, ok := w.(term.File); ok && term.IsTerminal(f.Fd()) {
			mode = progressBar
		}
	}
	return &progress{w: w, bar: mode == progressBar}
}

// begin starts a kind of total pieces; a kind with none says it is
// already complete.
func (p *progress) begin(label string, total int) {
	p.end()
	p.label, p.total, p.done, p.rows = label, total, 0, 0
	if total == 0 {
		fmt.Fprintf(p.w, "sync: %s already complete in the store\n", label)
		return
	}
	p.draw()
}

// step reports one piece done with its rows.
func (p *progress) step(chunk store.Span, rows int) {
	p.done++
	p.rows += rows
	if !p.bar {
		fmt.Fprintf(p.w, "sync: %s %s %s rows\n", p.label, spanText(chunk.From, chunk.To), thousands(int64(rows)))
		return
	}
	p.draw()
}

// barWidth is the bar's width in cells, inside its brackets.
const barWidth = 24

// draw redraws the bar line in place.
func (p *progress) draw() {
	if !p.bar {
		return
	}
	filled := 0
	if p.total > 0 {
		filled = barWidth * p.done / p.total
	}
	fmt.Fprintf(p.w, "\r\x1b[2Ksync: %s [%s%s] %d/%d  %s rows", p.label,
		strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), p.done, p.total, thousands(int64(p.rows)))
	p.drawn = true
}

// end ends a bar line so the next output starts on its own line.
func (p *progress) end() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// finish ends the report.
func (p *progress) finish() { p.end() }

// spanText is a range as the progress lines show it, in UTC:
// 2026-11-01..11-08, with times when the bounds are not midnight.
func spanText(from, to time.Time) string {
	from, to = from.UTC(), to.UTC()
	layout, short := "2006-01-02", "01-02"
	if !from.Equal(from.Truncate(24*time.Hour)) || !to.Equal(to.Truncate(24*time.Hour)) {
		layout, short = "2006-01-02 15:04", "01-02 15:04"
	}
	if from.Year() != to.Year() {
		short = layout
	}
	return from.Format(layout) + ".." + to.Format(short)
}
