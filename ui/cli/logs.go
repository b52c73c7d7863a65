package cli

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
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
	follow  followOptions
}

// flags registers the log flags; failed and summary say what the two
// mean for this log.
func (o *logOptions) flags(fs *flag.FlagSet, failed, summary string) {
	o.base.flags(fs)
	o.span.flags(fs)
	o.rows.flags(fs)
	o.offlineFlag(fs)
	fs.BoolVar(&o.failed, "failed", false, failed)
	fs.BoolVar(&o.summary, "summary", false, summary)
	o.follow.flags(fs)
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
	if err := o.span.resolve(cmd, set, now, defaultLogWindow); err != nil {
		return err
	}
	return o.resolveFollow(set, now)
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

// logSource is where one log's pages come from: Graph (plain decodes
// rows only, raw keeps their bytes too) or, with --offline, the store.
type logSource[T any] struct {
	plain, raw pageFunc[T]
}

// logCommand is what direct and pstn differ in: the client's two log
// functions, the store's copy, how a page is stored, and the two outputs.
type logCommand[T any] struct {
	online    func(c *graphclient.Client) logSource[T]
	stored    func(*store.Store, context.Context, store.Range) (store.LogPage[T], error) // Store.DirectRouting or Store.Pstn
	batch     func(p *model.Page[T]) store.Batch
	summarize func(context.Context, pageFunc[T], io.Writer) error
	writeRows func(context.Context, logSource[T], io.Writer) error
	// kind and key name the log's rows in the store, for --follow.
	kind store.Kind
	key  func(*T) store.LogKey
}

// runLog writes either the summary or the rows of one log. Online, every
// page fetched is also written to the store when one opens; --offline
// reads the store only and connects to nothing.
func runLog[T any](ctx context.Context, e *env, o *logOptions, k logCommand[T]) error {
	var src logSource[T]
	if o.offline {
		s, closeStore, err := o.openOffline(ctx)
		defer closeStore()
		if err != nil {
			return err
		}
		page := storedLogs(func(ctx context.Context, r store.Range) (store.LogPage[T], error) { return k.stored(s, ctx, r) })
		src = logSource[T]{plain: page, raw: page}
	} else {
		c, stop, err := connect(&o.base, &stderrObserver{w: e.stderr})
		if err != nil {
			return err
		}
		defer stop()
		s, closeStore := o.openStoreOrWarn(ctx, e.stderr)
		defer closeStore()
		src = k.online(c)
		if o.follow.on {
			// Inside the store's tee: the follow asks the store what it
			// holds before the tee writes what the follow passes on.
			src = followSource(ctx, o, s, k, src, e.stderr)
		}
		if w := newStoreWriter(s, e.stderr); w != nil {
			// Graph's bytes are what the store keeps, so a stored run
			// asks for them whatever the output.
			page := teePages(w, src.raw, k.batch)
			src = logSource[T]{plain: page, raw: page}
		}
	}
	if o.summary {
		return k.summarize(ctx, src.plain, e.stdout)
	}
	return k.writeRows(ctx, src, e.stdout)
}

// logFetch is the page source of one log for row output: Graph's bytes
// when the output is JSON (raw), the row filters applied before --redact
// masks what --user matches, then --redact.
func logFetch[T any](o *logOptions, src logSource[T],
	keep func(*T) bool, mask func(*T), maskRaw func(json.RawMessage) (json.RawMessage, error)) fetchFunc[T] {
	page := src.plain
	if wantsRaw(o.output) {
		page = src.raw
	}
	fetch := func(ctx context.Context, next string) (*model.Page[T], error) {
		return page(ctx, o.from, o.to, next)
	}
	return redactPages(o.conf.redact, filterPages(fetch, keep), mask, maskRaw)
}
