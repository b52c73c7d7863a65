package cli

import (
	"context"
	"flag"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// rowFilterFlags are the ":" line's user, sip and trunk filters as flags,
// plus --number, read by the same grammar (directive.Value) and matched by
// the same rules (directive.RowFilter) as the explorer's prompt.
type rowFilterFlags struct {
	user, number, trunk, sip string
	filter                   directive.RowFilter
}

// flags registers the filters; pstn registers --trunk and --sip only to
// refuse them with a reason, as its rows carry neither.
func (f *rowFilterFlags) flags(fs *flag.FlagSet, outcome bool) {
	fs.StringVar(&f.user, "user", "", "only rows whose user's UPN or display name contains `TEXT` (any case), or, for a phone number, whose caller or callee number matches")
	fs.StringVar(&f.number, "number", "", "only rows whose caller or callee number matches `PHONE` by digits (Graph's masked digits match any)")
	trunk, sip := "only rows whose trunk FQDN contains `TEXT` (any case)", "only rows whose final SIP code is `CODE` (100–699, or 0)"
	if !outcome {
		trunk, sip = refusedUsage+"PSTN rows carry no trunk", refusedUsage+"PSTN rows carry no SIP code"
	}
	fs.StringVar(&f.trunk, "trunk", "", trunk)
	fs.StringVar(&f.sip, "sip", "", sip)
}

// resolve checks each filter given and builds the row filter; outcome
// says the rows carry a trunk and SIP code (direct, not pstn).
func (f *rowFilterFlags) resolve(cmd string, set map[string]bool, outcome bool) error {
	switch {
	case !outcome && set["trunk"]:
		return usagef(cmd, "--trunk is not available for %s: PSTN rows carry no trunk (use it with direct)", cmd)
	case !outcome && set["sip"]:
		return usagef(cmd, "--sip is not available for %s: PSTN rows carry no SIP code (use it with direct)", cmd)
	}
	now := time.Time{} // user, trunk and sip read no times
	if set["user"] {
		d, err := directive.Value(directive.User, f.user, now)
		if err != nil {
			return usagef(cmd, "--user: %v", err)
		}
		f.filter.User = d.Arg
	}
	if set["number"] {
		v := strings.TrimSpace(f.number)
		if !directive.LooksLikePhone(v) {
			return usagef(cmd, "--number: %q is not a phone number; want at least 3 digits, with + ( ) - . or spaces", f.number)
		}
		f.filter.Number = v
	}
	if set["trunk"] {
		d, err := directive.Value(directive.Trunk, f.trunk, now)
		if err != nil {
			return usagef(cmd, "--trunk: %v", err)
		}
		f.filter.Trunk = d.Arg
	}
	if set["sip"] {
		n, err := directive.SipCode(f.sip)
		if err != nil {
			return usagef(cmd, "--sip: %v", err)
		}
		f.filter.Sip, f.filter.HasSip = n, true
	}
	return nil
}

// filterPages drops the rows keep refuses from every page fetch returns,
// with their bytes as Graph sent them, so that a page stays aligned
// (RawValue[i] is Value[i]). It runs before --redact masks the rows, so
// that --user matches the names Graph sent. nil keep filters nothing.
func filterPages[T any](fetch fetchFunc[T], keep func(*T) bool) fetchFunc[T] {
	if keep == nil {
		return fetch
	}
	return func(ctx context.Context, next string) (*model.Page[T], error) {
		p, err := fetch(ctx, next)
		if p == nil {
			return p, err
		}
		raw := len(p.RawValue) == len(p.Value)
		n := 0
		for i := range p.Value {
			if !keep(&p.Value[i]) {
				continue
			}
			p.Value[n] = p.Value[i]
			if raw {
				p.RawValue[n] = p.RawValue[i]
			}
			n++
		}
		p.Value = p.Value[:n]
		if raw {
			p.RawValue = p.RawValue[:n]
		}
		if p.Count != nil {
			c := int64(n)
			p.Count = &c
		}
		return p, err
	}
}
