package common

import (
	"errors"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/x/ansi"
)

// Truncate cuts s to w terminal cells (wide runes and escapes counted right), ending in "…".
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// MessageView draws a list's loading, error or empty state: lines a
// little in from the top-left corner, each cut to width.
func MessageView(width int, lines ...string) string {
	var b strings.Builder
	b.WriteString("\n")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("  ")
		b.WriteString(Truncate(l, width-2))
	}
	return b.String()
}

// GraphFacts is what a support ticket needs of a Graph error: "code … ·
// request-id … · date …", with what it has of them.
func GraphFacts(ge *graphclient.Error) string {
	var facts []string
	if ge.Code != "" {
		facts = append(facts, "code "+ge.Code)
	}
	if ge.RequestID != "" {
		facts = append(facts, "request-id "+ge.RequestID)
	}
	if ge.Date != "" {
		facts = append(facts, "date "+ge.Date)
	}
	return strings.Join(facts, " · ")
}

// ErrorLine is an error in one line for under a table: for Graph errors the
// status, code and request-id, which a support ticket needs.
func ErrorLine(err error) string {
	var ge *graphclient.Error
	if !errors.As(err, &ge) {
		// Graph's own errors are cleaned where they are decoded; a
		// transport error can quote a server's certificate names.
		return model.DisplaySafe(err.Error())
	}
	var b strings.Builder
	b.WriteString("Graph ")
	b.WriteString(Itoa(int64(ge.Status)))
	if ge.Code != "" {
		b.WriteString(" " + ge.Code)
	}
	if ge.Message != "" {
		b.WriteString(": " + ge.Message)
	}
	if ge.RequestID != "" {
		b.WriteString(" · request-id " + ge.RequestID)
	}
	return b.String()
}
