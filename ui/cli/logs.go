package cli

import (
	"flag"
	"strings"
	"time"
)

// defaultLogWindow is the direct/pstn range when none is given.
const defaultLogWindow = 24 * time.Hour

// logOptions are what `callscope direct` and `callscope pstn` share: a
// range that defaults to the last day, rows or a summary of them.
type logOptions struct {
	base
	span
	rows
	rowFilterFlags
	failed  bool // direct: only failed calls; pstn: refused with a reason
	summary bool // a summary of the range instead of rows
}

// flags registers the log flags; failed and summary say what the two
// mean for this log.
func (o *logOptions) flags(fs *flag.FlagSet, failed, summary string) {
	o.base.flags(fs)
	o.span.flags(fs)
	o.rows.flags(fs)
	fs.BoolVar(&o.failed, "failed", false, failed)
	fs.BoolVar(&o.summary, "summary", false, summary)
	// A refused --failed means rows without an outcome: no trunk or SIP code either.
	o.rowFilterFlags.flags(fs, !strings.HasPrefix(failed, refusedUsage))
}

// resolve checks the log flags; the range defaults to the last day.
func (o *logOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if err := o.noArguments(pos); err != nil {
		return err
	}
	if err := o.resolveConnection(); err != nil {
		return err
	}
	if err := o.checkOutput(); err != nil {
		return err
	}
	if err := o.checkLimit(cmd); err != nil {
		return err
	}
	if cmd == "pstn" && o.failed {
		return usagef(cmd, "--failed is not available for pstn: PSTN rows carry no outcome field (use it with direct)")
	}
	if err := o.rowFilterFlags.resolve(cmd, set, cmd != "pstn"); err != nil {
		return err
	}
	return o.span.resolve(cmd, set, now, defaultLogWindow)
}

// checkOutput checks --output: a summary is text (its default) or json.
func (o *logOptions) checkOutput() error {
	if !o.summary {
		return o.rows.check(o.cmd)
	}
	if !o.set["output"] {
		o.output = "text"
	}
	switch {
	case o.output != "text" && o.output != "json":
		return usagef(o.cmd, "--output %q: a summary is written as text or json", o.output)
	case o.failed:
		return usagef(o.cmd, "--summary counts every call (ASR needs the successes too); drop --failed")
	case o.limit > 0:
		return usagef(o.cmd, "--summary covers the whole range; drop --limit")
	}
	return nil
}

// firstErr prefers Graph's error to a failed write of the partial summary:
// a reader gone away must not turn a failed load into a quiet success.
func firstErr(load, write error) error {
	if load != nil {
		return load
	}
	return write
}
