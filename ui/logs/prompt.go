package logs

import (
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// ApplyDirectives takes the ":" prompt's from and to (a new range,
// reloaded), user, and where rows have an outcome sip, trunk and failed
// (local filters over the rows loaded and to come). Nothing changes unless
// the whole batch is valid.
func (s *List) ApplyDirectives(ds []directive.Directive) (tea.Cmd, error) {
	f := s.filter
	from, to := s.feed.from, s.feed.to
	rng := s.rng
	ranged := false
	for _, d := range ds {
		switch d.Name {
		case directive.From:
			from, rng.From, ranged = d.At, d.Arg, true
		case directive.To:
			to, rng.To, ranged = d.At, d.Arg, true
		default:
			if err := f.take(d, s.feed.rep); err != nil {
				return nil, err
			}
		}
	}
	if ranged {
		from, to = s.fillRange(ds, from, to, &rng)
		if err := s.checkRange(from, to); err != nil {
			return nil, err
		}
		rng.Loc = s.c.Loc()
		s.rng = rng
	}
	s.filter = f
	if ranged && (!from.Equal(s.feed.from) || !to.Equal(s.feed.to)) {
		return s.reload(from, to), nil
	}
	return s.refilter(), nil
}

// fillRange completes a range given by one bound: from alone runs to now
// ("from -2h" is the last two hours); to alone keeps the start when it is
// still before, else takes the default length before it. rng's words
// follow, so that r reads the same range again.
func (s *List) fillRange(ds []directive.Directive, from, to time.Time, rng *common.Range) (time.Time, time.Time) {
	var hasFrom, hasTo bool
	for _, d := range ds {
		hasFrom = hasFrom || d.Name == directive.From
		hasTo = hasTo || d.Name == directive.To
	}
	switch {
	case hasFrom && !hasTo:
		to, rng.To = s.c.Now().UTC().Truncate(time.Second), ""
	case hasTo && !hasFrom && !from.Before(to):
		from, rng.From = to.Add(-defaultRange), ""
	case hasTo && !hasFrom && rng.From == "":
		rng.From = model.FormatGraphTime(from) // the start kept, not the default's
	}
	return from, to
}

// checkRange refuses a range the view cannot take.
func (s *List) checkRange(from, to time.Time) error {
	switch {
	case s.fixed:
		return errors.New("a summary group's range is fixed; go back to the list to change it")
	case !from.Before(to):
		return model.ValidateRange(from, to)
	}
	if err := s.rangeRules().checkRange(from, to); err != nil {
		return fmt.Errorf("%w (asked for %.0f days)", err, to.Sub(from).Hours()/24)
	}
	return nil
}

// ClaimsBack lets esc clear a kept search and the filters before it
// closes the view.
func (s *List) ClaimsBack() bool { return s.tbl.Search().Active() || s.filter.clearable() }

// rangeRules is the report as the range form and prompt check ranges
// with: offline the store serves any range, older than Graph keeps and
// longer than PSTN's 90 days alike.
func (s *List) rangeRules() report {
	if s.c.Offline {
		return anyRange{s.feed.rep}
	}
	return s.feed.rep
}

// anyRange is a report whose ranges have no limit.
type anyRange struct{ report }

func (anyRange) checkRange(time.Time, time.Time) error { return nil }
