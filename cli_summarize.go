package main

import (
	"context"
	"io"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
)

// summarizeDirect loads the whole range into a triage summary (failures by
// SIP code and subcode, trunks with ASR/NER, signaling locations) and prints
// it as text or JSON. Only the groups are kept, never the rows. If Graph
// fails part-way, the summary of what arrived is printed, marked incomplete,
// and the error still ends the run with status 1.
func summarizeDirect(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	b := triage.NewBuilder(o.from, o.to)
	fetch := func(ctx context.Context, next string) (*model.Page[model.DirectRoutingRow], error) {
		return c.DirectRoutingCalls(ctx, o.from, o.to, next)
	}
	err := walkPages(ctx, fetch, func(p *model.Page[model.DirectRoutingRow]) (bool, error) {
		for i := range p.Value {
			b.Add(triage.CallFromRow(&p.Value[i]))
		}
		return false, nil
	})
	if err != nil && b.Len() == 0 {
		return err
	}
	s := b.Summary()
	s.Complete = err == nil
	return firstErr(err, writeSummary(stdout, s, o.output == "json"))
}

// summarizePstn is summarizeDirect for the PSTN log: calls, minutes and
// charges by destination, call type and licence.
func summarizePstn(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	b := triage.NewPstnBuilder(o.from, o.to)
	fetch := func(ctx context.Context, next string) (*model.Page[model.PstnRow], error) {
		return c.PstnCalls(ctx, o.from, o.to, next)
	}
	keep := beforePstnEnd(o.to) // --to is exclusive; Graph's toDateTime is not
	err := walkPages(ctx, fetch, func(p *model.Page[model.PstnRow]) (bool, error) {
		for i := range p.Value {
			if keep(&p.Value[i]) {
				b.Add(triage.PstnCallFromRow(&p.Value[i]))
			}
		}
		return false, nil
	})
	if err != nil && b.Len() == 0 {
		return err
	}
	s := b.Summary()
	s.Complete = err == nil
	return firstErr(err, writePstnSummary(stdout, s, o.output == "json"))
}

// firstErr prefers Graph's error to a failed write of the partial summary:
// a reader gone away must not turn a failed load into a quiet success.
func firstErr(load, write error) error {
	if load != nil {
		return load
	}
	return write
}
