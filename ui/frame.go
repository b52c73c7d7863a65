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
	h := a.height - lipgloss.Height(a.headerView()) - lipgloss.Height(a.footerView())
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
	bh := a.bodySize().Height
	body = lipgloss.NewStyle().MaxHeight(bh).Height(bh).MaxWidth(a.width).Render(body)
	return lipgloss.JoinVertical(lipgloss.Left, a.headerView(), body, a.footerView())
}

func (a *App) headerView() string {
	st := a.c.Styles
	var crumbs []string
	for _, s := range a.stacks[a.view] {
		crumbs = append(crumbs, s.Title())
	}
	left := st.Breadcrumb.Render(strings.Join(crumbs, " › "))
	info := []string{a.c.ZoneName()}
	if top := a.top(); top != nil {
		if f := top.Status().Filter; f != "" {
			info = append([]string{f}, info...)
		}
	}
	right := st.HeaderInfo.Render(strings.Join(info, " · "))
	return fitLine(left, right, a.width)
}

func (a *App) footerView() string {
	if a.prompt != nil {
		return a.promptView()
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
	line := st.Status.Render(common.Truncate(strings.Join(status, " · "), a.width))
	var hk help.KeyMap = emptyHelp{}
	if top := a.top(); top != nil {
		hk = top
	}
	return lipgloss.JoinVertical(lipgloss.Left, line, a.help.ShortHelpView(hk.ShortHelp()))
}

func (a *App) helpView() string {
	k := a.c.Keys
	groups := [][]key.Binding{k.GlobalHelp()}
	if top := a.top(); top != nil {
		groups = append(top.FullHelp(), groups...)
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
