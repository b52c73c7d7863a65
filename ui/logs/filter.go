package logs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// filter is the local narrowing of a list: failures only (f), the summary
// group a group view shows, and what the prompt's user, sip and trunk
// directives ask for. It is a value the list keeps; the report turns it
// into a row predicate (report.matcher). The zero value passes every row.
type filter struct {
	failuresOnly bool
	group        rowstore.LogGroup // fixed for a group view; esc keeps it
	user         string            // UPN or display name substring, or phone digits
	trunk        string            // trunk FQDN substring
	sip          int32
	hasSip       bool
}

// filterResult says what a key did to a filter.
type filterResult int

const (
	// filterUnchanged: the key is not the filter's; the caller goes on.
	filterUnchanged filterResult = iota
	// filterChanged: the filter took the key and narrows differently now.
	filterChanged
)

// update takes the filter's keys: f toggles failures only where it
// narrows anything, and esc clears what can be cleared.
func (f *filter) update(msg tea.KeyMsg, k *common.KeyMap, rep report) filterResult {
	switch {
	case key.Matches(msg, k.Back) && f.clearable():
		*f = filter{group: f.group}
		return filterChanged
	case key.Matches(msg, k.FailuresOnly) && f.failuresApply(rep):
		f.failuresOnly = !f.failuresOnly
		return filterChanged
	}
	return filterUnchanged
}

// take applies one of the prompt's filter directives (user, sip, trunk,
// failed); the last three need rows with an outcome.
func (f *filter) take(d directive.Directive, rep report) error {
	switch d.Name {
	case directive.User:
		f.user = d.Arg
		return nil
	case directive.Sip, directive.Trunk, directive.Failed:
		if !rep.hasOutcome() {
			return fmt.Errorf("%s applies to the Direct Routing view", d.Name)
		}
	default:
		return fmt.Errorf("%s is not a filter", d.Name)
	}
	switch d.Name {
	case directive.Sip:
		n, err := directive.SipCode(d.Arg)
		if err != nil {
			return err
		}
		f.sip, f.hasSip = int32(n), true
	case directive.Trunk:
		f.trunk = d.Arg
	default:
		f.failuresOnly = true
	}
	return nil
}

// failuresApply reports that failures only narrows anything: the rows
// carry an outcome, and a SIP code group holds failed rows only.
func (f filter) failuresApply(rep report) bool {
	return rep.hasOutcome() && f.group.Kind != rowstore.GroupCode
}

// clearable reports a filter esc clears: user, sip, trunk, or failures
// only (":failed", or f, which sets the same switch).
func (f filter) clearable() bool { return f.user != "" || f.trunk != "" || f.hasSip || f.failuresOnly }

// words is the filter for the header: "failures only · user alice · SIP 403".
func (f filter) words() string {
	var parts []string
	if f.failuresOnly {
		parts = append(parts, "failures only")
	}
	if f.group.Kind != rowstore.GroupNone {
		parts = append(parts, f.group.Label())
	}
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

// clearFilterKey is Back as esc offers it on a filtered view.
func clearFilterKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Back, "clear filter")
}

// personMatcher matches a user query: a case-insensitive substring of the
// UPN or display name, or, when q looks like a phone number, the caller or
// callee number by digits, whatever Graph masked with '*'; nil for no
// query. The stores grow as pages arrive, so lookups are memoised per
// interned id and computed on first sight.
func personMatcher(q string, row func(int32) (user, caller, callee uint32),
	user func(uint32) rowstore.DRUser, number func(uint32) string) func(int32) bool {
	if q == "" {
		return nil
	}
	// The rules are model/directive's, as `direct --user` applies them;
	// here each is memoised per interned user and number.
	phone := directive.LooksLikePhone(q)
	var users, numbers idMemo
	userOK := func(id uint32) bool {
		u := user(id)
		return directive.UserMatches(q, u.UPN, u.Name, "", "")
	}
	numberOK := func(id uint32) bool { return directive.NumberMatches(q, number(id), "") }
	return func(i int32) bool {
		u, caller, callee := row(i)
		if users.get(u, userOK) {
			return true
		}
		return phone && (numbers.get(caller, numberOK) || numbers.get(callee, numberOK))
	}
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

// allOf is the conjunction of preds, leaving out nil ones (all rows); nil
// when none is left.
func allOf(preds []func(int32) bool) func(int32) bool {
	var set []func(int32) bool
	for _, p := range preds {
		if p != nil {
			set = append(set, p)
		}
	}
	switch len(set) {
	case 0:
		return nil
	case 1:
		return set[0]
	}
	return func(i int32) bool {
		for _, p := range set {
			if !p(i) {
				return false
			}
		}
		return true
	}
}
