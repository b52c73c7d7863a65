package ui

import (
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// newLogRangeForm opens the From/To form on the current range, shown as
// RFC 3339 UTC so it parses back to the same instant.
func newLogRangeForm(c *Common, k logKind, from, to time.Time) *form {
	fields := []formField{
		{Label: "From", Value: model.FormatGraphTime(from), Placeholder: "empty: 24 hours before To",
			Hint: "RFC 3339, a date (UTC), or relative: -2h, -3d, today"},
		{Label: "To", Value: model.FormatGraphTime(to), Placeholder: "empty: now",
			Hint: "RFC 3339, a date (UTC), or relative: -1h, now"},
	}
	title := "Direct Routing calls: range"
	if k == logPstn {
		title = "PSTN calls: range"
	}
	return newForm(c, title, fields, func(vals []string) ([]string, []string) {
		_, _, errs := checkLogRange(k, vals, c.Now())
		return errs, nil
	})
}

// checkLogRange parses the form: From and To with model.ParseWhen (empty To
// is now, empty From 24 hours before To), their order, and for PSTN the
// 90-day limit Graph enforces with a 406.
func checkLogRange(k logKind, vals []string, now time.Time) (from, to time.Time, errs []string) {
	errs = make([]string, 2)
	get := func(i int) string {
		if i < len(vals) {
			return strings.TrimSpace(vals[i])
		}
		return ""
	}
	parse := func(i int, def time.Time) time.Time {
		v := get(i)
		if v == "" {
			return def
		}
		t, err := model.ParseWhen(v, now)
		if err != nil {
			errs[i] = err.Error()
		}
		return t
	}
	to = parse(1, now.UTC().Truncate(time.Second))
	from = parse(0, to.Add(-defaultLogRange))
	if errs[0] != "" || errs[1] != "" {
		return from, to, errs
	}
	if err := model.ValidateRange(from, to); err != nil {
		errs[1] = err.Error()
	} else if k == logPstn && to.Sub(from) > graphclient.MaxPstnRange {
		errs[1] = graphclient.ErrRangeTooLong.Error()
	}
	return from, to, errs
}

// formKey feeds the range form; an applied range reloads the list, a
// cancelled one leaves it as it was.
func (s *logScreen) formKey(msg tea.KeyMsg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case formApplied:
		from, to, errs := checkLogRange(s.kind, s.form.Values(), s.c.Now())
		s.form = nil
		if errs[0] != "" || errs[1] != "" {
			return nil // the form refuses to apply these; kept for safety
		}
		return s.reload(from, to)
	case formCancelled:
		s.form = nil
	}
	return cmd
}

// sortPicker is the small list s opens: load order, then each column.
// Picking the column already sorted on reverses it.
type sortPicker struct {
	cols   []logCol
	cursor int // 0 is load order, i+1 is column i
}

func newSortPicker(cols []logCol, current int) *sortPicker {
	return &sortPicker{cols: cols, cursor: current + 1}
}

// pickerKey moves in the picker, applies (keeping the cursor row) or cancels.
func (s *logScreen) pickerKey(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	p := s.picker
	switch {
	case key.Matches(msg, k.Up):
		p.cursor = (p.cursor + len(p.cols)) % (len(p.cols) + 1)
	case key.Matches(msg, k.Down), key.Matches(msg, k.Sort):
		p.cursor = (p.cursor + 1) % (len(p.cols) + 1)
	case key.Matches(msg, k.Back):
		s.picker = nil
	case key.Matches(msg, k.Open), key.Matches(msg, k.Apply):
		col := p.cursor - 1
		s.picker = nil
		switch {
		case col < 0:
			s.sortCol, s.sortDesc = -1, false
		case col == s.sortCol:
			s.sortDesc = !s.sortDesc
		default:
			s.sortCol, s.sortDesc = col, s.cols[col].Desc
		}
		s.rebuild()
		return s.maybeFetch()
	}
	return nil
}

// sortWords is the sort for the footer: "sorted by duration ↓".
func (s *logScreen) sortWords() string {
	if s.sortCol < 0 {
		return ""
	}
	arrow := " ↑"
	if s.sortDesc {
		arrow = " ↓"
	}
	return "sorted by " + s.cols[s.sortCol].Name + arrow
}

// pickerView draws the picker: the current sort marked, the cursor shown
// with the same marker as table rows.
func (s *logScreen) pickerView() string {
	st := &s.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Sort by"))
	b.WriteString("\n")
	line := func(i int, text string, current bool) {
		b.WriteString("\n")
		mark := "  "
		if i == s.picker.cursor {
			mark = cursorMark
		}
		if current {
			text += "  (current)"
		}
		if i == s.picker.cursor {
			b.WriteString(st.SelectedRow.Render(mark + text))
			return
		}
		b.WriteString(mark + text)
	}
	line(0, "load order", s.sortCol < 0)
	for i, c := range s.cols {
		name := c.Name
		if i == s.sortCol {
			name += " (reverse)"
		}
		line(i+1, name, i == s.sortCol)
	}
	k := s.c.Keys
	b.WriteString("\n\n")
	b.WriteString(st.Help.Render(k.Open.Help().Key + " sort · " + k.Back.Help().Key + " cancel"))
	return st.Overlay.Render(b.String())
}
