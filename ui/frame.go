package ui

// The frame: header, footer and help overlay around the top screen.

import (
	"fmt"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// bodySize measures the chrome rather than assuming its height.
func (a *App) bodySize() common.BodySizeMsg {
	return a.bodyBetween(a.header(), a.footer())
}

// bodyBetween is the body's size between header and footer.
func (a *App) bodyBetween(header, footer measuredText) common.BodySizeMsg {
	h := a.height - len(header.lines) - len(footer.lines)
	return common.BodySizeMsg{Width: a.width, Height: max(h, 1)}
}

// View draws header, the top screen and footer, or the help overlay.
func (a *App) View() string {
	if a.width == 0 {
		return ""
	}
	if a.width < MinWidth || a.height < MinHeight {
		return fmt.Sprintf("Terminal too small: %dx%d.\nNeed at least %dx%d.\nq quits.",
			a.width, a.height, MinWidth, MinHeight)
	}
	top := a.top()
	body := ""
	if a.showAll {
		body = a.helpView()
	} else if top != nil {
		body = top.View()
	}
	header, footer := a.header(), a.footer()
	return joinMeasured(header, body, footer, a.width, a.bodyBetween(header, footer).Height)
}

// header is the breadcrumb and the filter and zone, drawn again only
// when one of them (or the width) changed.
func (a *App) header() measuredText {
	st := a.c.Styles
	var crumbs []string
	for _, s := range a.stacks[a.view] {
		crumbs = append(crumbs, s.Title())
	}
	// The filter, where the rows came from (Graph, the store, offline),
	// then the zone.
	var info []string
	source := ""
	if top := a.top(); top != nil {
		st := top.Status()
		if st.Filter != "" {
			info = append(info, st.Filter)
		}
		source = st.Source
	}
	if source == "" {
		source = a.c.DefaultSource()
	}
	if w := a.watchWords(); w != "" {
		info = append(info, w)
	}
	info = append(info, source, a.c.ZoneName())
	left, right := strings.Join(crumbs, " › "), strings.Join(info, " · ")
	return a.chrome.header.get(a.chromeKey(left, right), func() string {
		return fitLine(st.Breadcrumb.Render(left), st.HeaderInfo.Render(right), a.width)
	})
}

// footer is the status line and the keys on offer, drawn again only when
// their words (or the width) changed; the ":" prompt, while open, instead.
func (a *App) footer() measuredText {
	if a.prompt != nil {
		return measure(a.promptView())
	}
	st := a.c.Styles
	var status []string
	if top := a.top(); top != nil {
		s := top.Status()
		if s.Loading {
			status = append(status, a.spinner.View()+" loading "+s.Activity)
		}
		if a.retry != nil {
			// "no answer from Graph within 30s, retry 2 of 4 in 3s": said while
			// the retry waits and while it is in flight.
			ev := a.retry.Event
			switch left := a.retry.Until.Sub(a.c.Now()); {
			case left > 0:
				status = append(status, st.Warn.Render(fmt.Sprintf("%s, retry %d of %d in %s", ev.Reason, ev.Attempt, ev.Max, left.Round(time.Second))))
			case s.Loading:
				status = append(status, st.Warn.Render(fmt.Sprintf("%s, retry %d of %d", ev.Reason, ev.Attempt, ev.Max)))
			}
		}
		if w := a.limitWaits.text(a.c.Now()); w != "" {
			status = append(status, st.Warn.Render(w))
		}
		switch {
		case s.Loaded > 0 && s.More:
			status = append(status, fmt.Sprintf("%d loaded · more ↓", s.Loaded))
		case s.Loaded > 0:
			status = append(status, fmt.Sprintf("all %d loaded", s.Loaded))
		}
		if s.Note != "" {
			status = append(status, s.Note)
		}
		if s.Err != nil {
			// Errors from Graph are display-safe already; this covers any
			// other error text that reaches the footer.
			status = append(status, st.Danger.Render("error: "+model.DisplaySafe(s.Err.Error())+" · r retries"))
		}
	}
	if a.flash != "" {
		style := st.OK
		if a.flashIsError {
			style = st.Danger
		}
		status = append(status, style.Render(a.flash))
	}
	var hk help.KeyMap = emptyHelp{}
	if top := a.top(); top != nil {
		hk = top
	}
	text, bindings := strings.Join(status, " · "), hk.ShortHelp()
	if w, ok := a.watchHelp(a.top()); ok {
		if a.watch != nil {
			// While watching, how to stop leads: the line is cut at the width.
			bindings = append([]key.Binding{w}, bindings...)
		} else {
			bindings = append(bindings[:len(bindings):len(bindings)], w)
		}
	}
	return a.chrome.footer.get(a.chromeKey(text, helpKey(bindings)), func() string {
		line := st.Status.Render(common.Truncate(text, a.width))
		// bubbles' help adds an item that overflows when not even its
		// ellipsis fits, so the line is cut to the width here as well.
		return lipgloss.JoinVertical(lipgloss.Left, line, common.Truncate(a.help.ShortHelpView(bindings), a.width))
	})
}

func (a *App) helpView() string {
	k := a.c.Keys
	groups := [][]key.Binding{k.GlobalHelp()}
	if top := a.top(); top != nil {
		groups = append(top.FullHelp(), groups...)
		if w, ok := a.watchHelp(top); ok {
			groups = append(groups, []key.Binding{w})
		}
	}
	box := a.c.Styles.Overlay
	inner := a.width - box.GetHorizontalFrameSize()
	// A copy, so that View leaves the footer's width alone: every group,
	// however wide; narrow terminals stack them below.
	full := a.help
	full.Width = 0
	keys := full.FullHelpView(groups)
	if lipgloss.Width(keys) > inner {
		cols := make([]string, len(groups))
		for i, g := range groups {
			cols[i] = full.FullHelpView([][]key.Binding{g})
		}
		keys = lipgloss.JoinVertical(lipgloss.Left, cols...)
	}
	return box.MaxWidth(a.width).Render(a.c.Styles.Title.Render("Keys") + "\n\n" + keys +
		"\n\n" + a.c.Styles.Subtle.Render("any key closes"))
}

// emptyHelp is the footer's help when no screen is open.
type emptyHelp struct{}

// ShortHelp is empty: there is no screen to offer keys for.
func (emptyHelp) ShortHelp() []key.Binding { return nil }

// FullHelp is empty too.
func (emptyHelp) FullHelp() [][]key.Binding { return nil }

// fitLine puts left and right on one line of width w, truncating left first.
func fitLine(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return common.Truncate(left+" "+right, w)
	}
	return left + strings.Repeat(" ", gap) + right
}

// headerView is the header's text.
func (a *App) headerView() string { return a.header().text }

// footerView is the footer's text.
func (a *App) footerView() string { return a.footer().text }
