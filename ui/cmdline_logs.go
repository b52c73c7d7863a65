package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logCmdFilter is what the prompt's user, sip and trunk commands narrow a
// log view to, on top of failures-only and a summary group. The zero value
// filters nothing; esc clears it.
type logCmdFilter struct {
	user   string // UPN or display name substring, or phone digits
	trunk  string // trunk FQDN substring
	sip    int32
	hasSip bool
}

// active reports any filter set.
func (f logCmdFilter) active() bool { return f.user != "" || f.trunk != "" || f.hasSip }

// words is the filter for the header: "user alice · SIP 403 · trunk sbc1".
func (f logCmdFilter) words() string {
	var parts []string
	if f.user != "" {
		parts = append(parts, "user "+f.user)
	}
	if f.hasSip {
		parts = append(parts, "SIP "+strconv.Itoa(int(f.sip)))
	}
	if f.trunk != "" {
		parts = append(parts, "trunk "+f.trunk)
	}
	return strings.Join(parts, " · ")
}

// applyCommands takes from/to (a new range, reloaded), user, and on Direct
// Routing sip, trunk and failed (local filters over the rows loaded and to
// come). Nothing changes unless the whole batch is valid.
func (s *logScreen) applyCommands(cmds []directive.Directive) (tea.Cmd, error) {
	f, failed := s.cmdf, s.failuresOnly
	from, to := s.feed.from, s.feed.to
	ranged := false
	for _, c := range cmds {
		switch c.Name {
		case directive.From:
			from, ranged = c.At, true
		case directive.To:
			to, ranged = c.At, true
		case directive.User:
			f.user = c.Arg
		case directive.Sip, directive.Trunk, directive.Failed:
			if s.kind != logDirect {
				return nil, fmt.Errorf("%s applies to the Direct Routing view", c.Name)
			}
			switch c.Name {
			case directive.Sip:
				n, err := directive.SipCode(c.Arg)
				if err != nil {
					return nil, err
				}
				f.sip, f.hasSip = int32(n), true
			case directive.Trunk:
				f.trunk = c.Arg
			default:
				failed = true
			}
		default:
			return nil, fmt.Errorf("%s is not a filter", c.Name)
		}
	}
	if ranged {
		from, to = s.fillRange(cmds, from, to)
		if err := s.checkRange(from, to); err != nil {
			return nil, err
		}
	}
	s.cmdf, s.failuresOnly = f, failed
	if ranged && (!from.Equal(s.feed.from) || !to.Equal(s.feed.to)) {
		return s.reload(from, to), nil
	}
	s.rebuild()
	s.resize()
	return s.maybeFetch(), nil
}

// fillRange completes a range given by one bound: from alone runs to now
// ("from -2h" is the last two hours); to alone keeps the start when it is
// still before, else takes the default length before it.
func (s *logScreen) fillRange(cmds []directive.Directive, from, to time.Time) (time.Time, time.Time) {
	var hasFrom, hasTo bool
	for _, c := range cmds {
		hasFrom = hasFrom || c.Name == directive.From
		hasTo = hasTo || c.Name == directive.To
	}
	switch {
	case hasFrom && !hasTo:
		to = s.c.Now().UTC().Truncate(time.Second)
	case hasTo && !hasFrom && !from.Before(to):
		from = to.Add(-defaultLogRange)
	}
	return from, to
}

// checkRange refuses a range the view cannot take.
func (s *logScreen) checkRange(from, to time.Time) error {
	switch {
	case s.fixed:
		return errors.New("a summary group's range is fixed; go back to the list to change it")
	case !from.Before(to):
		return model.ValidateRange(from, to)
	case s.kind == logPstn && to.Sub(from) > graphclient.MaxPstnRange:
		return fmt.Errorf("%v (asked for %.0f days)", graphclient.ErrRangeTooLong, to.Sub(from).Hours()/24)
	}
	return nil
}

// clearCmdFilter is esc on a view the prompt filtered: every local filter
// (user, sip, trunk and failures-only) goes; the range stays.
func (s *logScreen) clearCmdFilter() tea.Cmd {
	s.cmdf, s.failuresOnly = logCmdFilter{}, false
	s.rebuild()
	s.resize()
	return s.maybeFetch()
}

// ClaimsBack lets esc clear the prompt's filters before it closes the view.
func (s *logScreen) ClaimsBack() bool { return s.localFilters() }

// localFilters reports a filter esc clears: user, sip, trunk, or failures
// only (":failed", or f, which sets the same switch).
func (s *logScreen) localFilters() bool { return s.cmdf.active() || s.failuresOnly }

// cmdMatcher is the predicate of the prompt's filters, nil when none. The
// stores grow as pages arrive, so lookups are memoised per interned id
// and computed on first sight.
func (s *logScreen) cmdMatcher() func(int32) bool {
	f := s.cmdf
	var preds []func(int32) bool
	if s.kind == logPstn {
		st := s.feed.pstn
		if f.user != "" {
			preds = append(preds, personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
				p := st.rows.at(i)
				return p.user, p.caller, p.callee
			}, st.users.user, func(id uint32) string { return st.numbers.str(id) }))
		}
		return allOf(preds)
	}
	st := s.feed.dr
	if f.user != "" {
		preds = append(preds, personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
			p := st.rows.at(i)
			return p.user, p.caller, p.callee
		}, st.users.user, func(id uint32) string { return st.numbers.str(id) }))
	}
	if f.hasSip {
		code := f.sip
		preds = append(preds, func(i int32) bool { return st.rows.at(i).sipCode == code })
	}
	if f.trunk != "" {
		want := strings.ToLower(f.trunk)
		var memo idMemo
		preds = append(preds, func(i int32) bool {
			return memo.get(st.rows.at(i).trunk, func(id uint32) bool {
				return strings.Contains(strings.ToLower(st.strs.str(id)), want)
			})
		})
	}
	return allOf(preds)
}

// personMatcher matches a user query: a case-insensitive substring of the
// UPN or display name, or, when q looks like a phone number, the caller or
// callee number by digits, whatever Graph masked with '*'.
func personMatcher(q string, row func(int32) (user, caller, callee uint32),
	user func(uint32) drUser, number func(uint32) string) func(int32) bool {
	lq := strings.ToLower(q)
	phone := looksLikePhone(q)
	var users, numbers idMemo
	userOK := func(id uint32) bool {
		u := user(id)
		return strings.Contains(strings.ToLower(u.upn), lq) || strings.Contains(strings.ToLower(u.name), lq)
	}
	numberOK := func(id uint32) bool { return model.PhoneMatches(number(id), q) }
	return func(i int32) bool {
		u, caller, callee := row(i)
		if users.get(u, userOK) {
			return true
		}
		return phone && (numbers.get(caller, numberOK) || numbers.get(callee, numberOK))
	}
}

// looksLikePhone reports a query made of digits (at least three), phone
// punctuation and an optional leading '+'.
func looksLikePhone(q string) bool {
	digits := 0
	for i, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 3
}

// idMemo caches a predicate over dense interned ids: 0 unknown, 1 no, 2 yes.
type idMemo []uint8

func (m *idMemo) get(id uint32, f func(uint32) bool) bool {
	if int(id) >= len(*m) {
		*m = append(*m, make([]uint8, int(id)+1-len(*m))...)
	}
	switch (*m)[id] {
	case 1:
		return false
	case 2:
		return true
	}
	v := f(id)
	(*m)[id] = 1
	if v {
		(*m)[id] = 2
	}
	return v
}

// allOf is the conjunction of preds, nil when there are none.
func allOf(preds []func(int32) bool) func(int32) bool {
	switch len(preds) {
	case 0:
		return nil
	case 1:
		return preds[0]
	}
	return func(i int32) bool {
		for _, p := range preds {
			if !p(i) {
				return false
			}
		}
		return true
	}
}

// both is a and b, either of which may be nil for "all rows".
func both(a, b func(int32) bool) func(int32) bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return func(i int32) bool { return a(i) && b(i) }
}

// clearFilterKey is Back as esc offers it on a view the prompt filtered.
func clearFilterKey(k KeyMap) key.Binding {
	b := k.Back
	b.SetHelp(b.Help().Key, "clear filter")
	return b
}
