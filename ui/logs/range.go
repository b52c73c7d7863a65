package logs

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// rangeForm is the From/To form the filter key opens: a table.Form whose result, once
// applied, is a range the report takes. The list keeps it while open and
// acts on what Update returns, as with any table.Form.
type rangeForm struct {
	form     *table.Form
	rep      report
	now      func() time.Time
	from, to time.Time // the range applied
}

// newRangeForm opens the form on the current range as it was given: "-2h"
// stays relative when applied again, fixed instants show as RFC 3339 UTC
// so they parse back to the same instant, and the default shows empty.
func newRangeForm(c *common.Common, rep report, rng common.Range) *rangeForm {
	fields := []table.FormField{
		{Label: "From", Value: rng.From, Placeholder: "empty: 24 hours before To",
			Hint: "RFC 3339, a date (" + c.ZoneName() + "), or relative: -2h, -3d, today"},
		{Label: "To", Value: rng.To, Placeholder: "empty: now",
			Hint: "RFC 3339, a date (" + c.ZoneName() + "), or relative: -1h, now"},
	}
	return &rangeForm{rep: rep, now: c.NowInZone, form: table.NewForm(c, rep.name()+" calls: range", fields,
		func(vals []string) ([]string, []string) {
			_, _, errs := checkRangeForm(rep, vals, c.NowInZone())
			return errs, nil
		})}
}

// words is the range applied as typed, in the zone it was typed in.
func (f *rangeForm) words() common.Range {
	vals := f.form.Values()
	return common.Range{From: strings.TrimSpace(vals[0]), To: strings.TrimSpace(vals[1]), Loc: f.now().Location()}
}

// Update feeds the form. After table.FormApplied, Range is the range
// typed; table.FormCancelled leaves the list as it was.
func (f *rangeForm) Update(msg tea.Msg) (table.FormResult, tea.Cmd) {
	res, cmd := f.form.Update(msg)
	if res != table.FormApplied {
		return res, cmd
	}
	from, to, errs := checkRangeForm(f.rep, f.form.Values(), f.now())
	if errs[0] != "" || errs[1] != "" {
		return table.FormCancelled, nil // the form refuses to apply these; kept for safety
	}
	f.from, f.to = from, to
	return res, cmd
}

// Range is the range applied.
func (f *rangeForm) Range() (from, to time.Time) { return f.from, f.to }

// SetWidth fits the form in w cells.
func (f *rangeForm) SetWidth(w int) { f.form.SetWidth(w) }

// View draws the form.
func (f *rangeForm) View() string { return f.form.View() }

// checkRangeForm parses the form: From and To with model.ParseWhen (empty
// To is now, empty From 24 hours before To), their order, and the limit
// the report's function has (PSTN: 90 days, which Graph enforces with a
// 406).
func checkRangeForm(rep report, vals []string, now time.Time) (from, to time.Time, errs []string) {
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
	from = parse(0, to.Add(-defaultRange))
	if errs[0] != "" || errs[1] != "" {
		return from, to, errs
	}
	if err := model.ValidateRange(from, to); err != nil {
		errs[1] = err.Error()
	} else if err := rep.checkRange(from, to); err != nil {
		errs[1] = err.Error()
	}
	return from, to, errs
}
