package calls

import (
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// Filter is the calls screen's server-side filter.
type Filter struct {
	// From and To are the range's instants (zero: unset), as Range read
	// them at the last (re)load.
	From, To time.Time
	// Range is From and To as the user gave them, read again on r so that
	// "-2h" moves forward. Left zero, New takes it from From and To.
	Range       common.Range
	Participant string
	// ParticipantName is what the header calls Participant as the screen
	// opens ("" shows the id shortened); a later filter names its own.
	ParticipantName string
}

// retention is how long Graph keeps call records (graph-api.md §4.2).
const retention = 30 * 24 * time.Hour

// Calls filter form fields, in order.
const (
	fieldFrom = iota
	fieldTo
	fieldParticipant
)

// newFilterForm opens the filter form on the current filter. The range
// shows as it was given ("-2h" stays relative when applied again); fixed
// instants show as RFC 3339 UTC so they parse back to the same instant.
func newFilterForm(c *common.Common, f Filter) *table.Form {
	emptyFrom := "30 days ago"
	if c.Offline {
		emptyFrom = "the oldest stored" // the store keeps calls past Graph's 30 days
	}
	fields := []table.FormField{
		{Label: "From", Value: f.Range.From, Placeholder: "-24h, 2026-11-20 or RFC 3339; empty: " + emptyFrom,
			Hint: "RFC 3339, a date (" + c.ZoneName() + "), or relative: -2h, -3d, today"},
		{Label: "To", Value: f.Range.To, Placeholder: "empty: now",
			Hint: "RFC 3339, a date (" + c.ZoneName() + "), or relative: -1h, now"},
		{Label: "Participant", Value: f.Participant, Placeholder: "UPN, start of a name, object id or +phone",
			Hint: "calls with this person; a UPN or name is looked up"},
	}
	return table.NewForm(c, "Filter call records", fields, func(vals []string) ([]string, []string) {
		_, errs, warns := checkFilter(vals, c.NowInZone(), c.Offline)
		return errs, warns
	})
}

// parseFilter turns the form's values into a filter, its range kept as
// typed in now's zone; ok is false when any field has an error.
func parseFilter(vals []string, now time.Time) (Filter, bool) {
	f, errs, _ := checkFilter(vals, now, false) // warnings do not stop a filter
	for _, e := range errs {
		if e != "" {
			return Filter{}, false
		}
	}
	return f, true
}

// checkFilter parses and validates the form: From and To with
// model.ParseWhen (empty: unset), their order, and the participant id as
// Graph's query would. A From past the retention window only warns, and
// not offline, where the store keeps what Graph no longer has.
func checkFilter(vals []string, now time.Time, offline bool) (f Filter, errs, warns []string) {
	errs, warns = make([]string, 3), make([]string, 3)
	get := func(i int) string {
		if i < len(vals) {
			return strings.TrimSpace(vals[i])
		}
		return ""
	}
	when := func(i int) time.Time {
		v := get(i)
		if v == "" {
			return time.Time{}
		}
		t, err := model.ParseWhen(v, now)
		if err != nil {
			errs[i] = err.Error()
		}
		return t
	}
	f.From, f.To = when(fieldFrom), when(fieldTo)
	f.Range = common.Range{From: get(fieldFrom), To: get(fieldTo), Loc: now.Location()}
	f.Participant = get(fieldParticipant)
	if errs[fieldFrom] == "" && errs[fieldTo] == "" {
		if err := model.ValidateRange(f.From, f.To); err != nil {
			errs[fieldTo] = err.Error()
		}
	}
	if err := (graphclient.CallQuery{Participant: f.Participant}).Validate(); err != nil {
		errs[fieldParticipant] = err.Error()
	}
	if !offline && !f.From.IsZero() && f.From.Before(now.Add(-retention)) {
		warns[fieldFrom] = "Graph keeps call records for 30 days: nothing that started before " +
			model.FormatGraphTime(now.Add(-retention).Truncate(time.Minute)) + " will be found"
	}
	return f, errs, warns
}

// filterWords says the active filter for the header, in the shown zone:
// "from 2026-11-20 14:00 to now · participant 821809f5…".
func (s *Screen) filterWords() string {
	loc := s.c.Loc()
	f := s.filter
	var w string
	switch {
	case f.From.IsZero() && f.To.IsZero():
		w = "last 30 days"
	case f.To.IsZero():
		w = "from " + common.FormatShortTime(f.From, loc) + " to now"
	case f.From.IsZero():
		w = "until " + common.FormatShortTime(f.To, loc)
	default:
		w = "from " + common.FormatShortTime(f.From, loc) + " to " + common.FormatShortTime(f.To, loc)
	}
	if f.Participant != "" {
		w += " · participant " + s.participantWords()
	}
	return w
}

// rangeWords is the filter as "between … and …" for the body's messages,
// with the participant in full when set.
func (s *Screen) rangeWords() string {
	loc := s.c.Loc()
	from, to := "30 days ago", "now"
	if !s.filter.From.IsZero() {
		from = common.FormatShortTime(s.filter.From, loc)
	}
	if !s.filter.To.IsZero() {
		to = common.FormatShortTime(s.filter.To, loc)
	}
	w := "between " + from + " and " + to
	if s.filter.Participant != "" {
		w += " for participant " + s.filter.Participant
	}
	return w
}
