package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
)

// recordOptions are `callscope record ID`: one call record with every
// session and segment, as JSON: the record as Graph sent it, with every
// page of its sessions.
type recordOptions struct {
	base
	id     string // the positional id
	output string
}

func (o *recordOptions) flags(fs *flag.FlagSet) {
	o.base.flags(fs)
	o.offlineFlag(fs)
	fs.StringVar(&o.output, "output", "json", "write the record as `FORMAT`: json")
}

func (o *recordOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.resolveRecord(cmd, set, pos, now); err != nil {
		return err
	}
	if o.output != "json" {
		return usagef(cmd, "--output %q: a record is written as json only", o.output)
	}
	return nil
}

// resolveRecord is what every command on one record checks first: the
// config and flags, the id, the connection.
func (o *recordOptions) resolveRecord(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if err := o.takeID(pos); err != nil {
		return err
	}
	return o.resolveConnection()
}

// takeID takes the record's id and refuses any other argument, and an id
// that cannot be a Graph key, before any sign-in or request.
func (o *recordOptions) takeID(pos []string) error {
	switch len(pos) {
	case 0:
		return usagef(o.cmd, "missing call record id")
	case 1:
		o.id = strings.TrimSpace(pos[0])
		if o.id == "" {
			return usagef(o.cmd, "call record id is empty")
		}
		if err := graphclient.CheckRecordID(o.id); err != nil {
			return usagef(o.cmd, "%v", err)
		}
		return nil
	}
	return o.noArguments(pos[1:])
}

// run writes the record.
func (o *recordOptions) run(ctx context.Context, e *env) error {
	rec, err := o.loadRecord(ctx, e)
	if err != nil {
		return err
	}
	if o.conf.redact { // --redact: the decoded record and Graph's bytes alike
		redact.CallRecord(rec)
		if rec.Raw != nil {
			if rec.Raw, err = redact.RawCallRecord(rec.Raw); err != nil {
				return fmt.Errorf("--redact: record %s: %w", o.id, err)
			}
		}
	}
	if rec.Raw == nil { // a client that kept no bytes: the decoded record is all there is
		return export.WriteJSON(e.stdout, rec)
	}
	return export.WriteRawJSON(e.stdout, rec.Raw)
}
