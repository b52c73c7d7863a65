package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui"
	uiquality "github.com/callscope/callscope/ui/quality"
)

// `calls --summary`: the quality summary of the range, the explorer's
// quality summary screen as a script prints it. Every listed call's
// expanded record is fetched (qualityInFlight at a time, paced by the
// client's shared limiter) and added to one model/quality/summary; only
// the tallies are kept, never the records.

// qualitySparkWidth is the width of the poor-streams-per-hour sparklines.
const qualitySparkWidth = 48

// qualityLine is one line of the summary as rows are written.
type qualityLine struct {
	Dimension    string   `json:"dimension"`
	CQD          string   `json:"cqd,omitempty"`
	Value        string   `json:"value"`
	Streams      int      `json:"streams"` // classified: good + poor
	Good         int      `json:"good"`
	Poor         int      `json:"poor"`
	Unclassified int      `json:"unclassified"`
	PoorRate     float64  `json:"poorRate"`
	LowSample    bool     `json:"lowSample"`
	Calls        int      `json:"calls"`
	PoorCalls    int      `json:"poorCalls"`
	PoorCallIDs  []string `json:"poorCallIds"`
	PoorByHour   []int    `json:"poorByHour,omitempty"`
}

// qualityLineColumns are the CSV columns: the figures, no lists.
var qualityLineColumns = export.Columns[qualityLine]{
	Header: []string{"dimension", "cqd", "value", "streams", "good", "poor", "unclassified", "poorRate", "lowSample", "calls", "poorCalls"},
	Fill: func(l *qualityLine, c []string) {
		c[0], c[1], c[2] = l.Dimension, l.CQD, l.Value
		c[3], c[4], c[5], c[6] = strconv.Itoa(l.Streams), strconv.Itoa(l.Good), strconv.Itoa(l.Poor), strconv.Itoa(l.Unclassified)
		c[7], c[8] = strconv.FormatFloat(l.PoorRate, 'f', 4, 64), strconv.FormatBool(l.LowSample)
		c[9], c[10] = strconv.Itoa(l.Calls), strconv.Itoa(l.PoorCalls)
	},
}

// checkSummary checks --summary's flags: text by default, or rows as
// json, jsonl or csv; --quality adds fields to rows a summary does not write.
func (o *callsOptions) checkSummary() error {
	if !o.summary {
		return nil
	}
	if !o.set["output"] {
		o.output = "text"
	}
	switch {
	case o.output != "text" && o.output != "json" && o.output != "jsonl" && o.output != "csv":
		return usagef(o.cmd, "--output %q: a summary is written as text, json, jsonl or csv", o.output)
	case o.quality:
		return usagef(o.cmd, "--summary and --quality: choose one")
	}
	return nil
}

// summaryRange is the range the per-hour series covers: the range asked
// for, an open end read at now as the list reads it (Graph keeps 30 days).
func (o *callsOptions) summaryRange(now time.Time) (from, to time.Time) {
	from, to = o.from, o.to
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = to.Add(-30 * 24 * time.Hour)
	}
	return from, to
}

// summarize lists the calls, fetches each one's record (kept in the
// store through w) and prints the summary. A record that cannot be fetched is counted and named on
// stderr; a failed list prints the summary of what arrived, then fails.
func (o *callsOptions) summarize(ctx context.Context, c *graphclient.Client, w *storeWriter, fetch fetchFunc[model.CallRecord], e *env) error {
	from, to := o.summaryRange(o.now)
	sum := summary.New(summary.Options{From: from, To: to})
	listed, lost := 0, 0
	err := walkPages(ctx, fetch, func(p *model.Page[model.CallRecord]) (bool, error) {
		n := len(p.Value)
		if o.limit > 0 {
			n = min(n, o.limit-listed)
		}
		listed += n
		recs, errs := fetchRecords(ctx, c, w, p.Value[:n], o.conf.redact)
		if ctx.Err() != nil {
			return true, ctx.Err()
		}
		for i, rec := range recs {
			if errs[i] != nil {
				lost++
				fmt.Fprintf(e.stderr, "callscope calls: record %s: %v\n", p.Value[i].ID, errs[i])
				continue
			}
			sum.Add(rec)
		}
		return o.limit > 0 && listed >= o.limit, nil
	})
	if err != nil && listed == 0 {
		return err
	}
	return firstErr(err, writeQualitySummary(e.stdout, sum, o.output, listed, lost, err == nil))
}

// fetchRecords fetches the expanded records of calls, qualityInFlight at
// a time, kept in the store through w (nil: no store), masked when mask
// is set; errs[i] says why recs[i] is missing.
func fetchRecords(ctx context.Context, c *graphclient.Client, w *storeWriter, calls []model.CallRecord, mask bool) ([]*model.CallRecord, []error) {
	recs, errs := make([]*model.CallRecord, len(calls)), make([]error, len(calls))
	sem := make(chan struct{}, qualityInFlight)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			recs[i], errs[i] = getAndKeep(ctx, c, w, calls[i].ID)
			if errs[i] == nil && mask {
				redact.CallRecord(recs[i])
			}
		}()
	}
	wg.Wait()
	return recs, errs
}

// summaryLines are every dimension's lines, Overall first, as rows.
func summaryLines(sum *summary.Summary) []qualityLine {
	var out []qualityLine
	for _, d := range summary.Dimensions() {
		for _, l := range sum.Lines(d) {
			out = append(out, qualityLine{Dimension: d.String(), CQD: d.CQD(), Value: l.Value, Streams: l.Classified(),
				Good: l.Good, Poor: l.Poor, Unclassified: l.Unclassified, PoorRate: l.PoorRate(), LowSample: l.LowSample(),
				Calls: l.Calls, PoorCalls: l.PoorCalls, PoorCallIDs: l.PoorCallIDs, PoorByHour: l.PoorByHour})
		}
	}
	return out
}

// writeQualitySummary prints the summary as text tables, one per
// dimension, or as rows (one per line) in json, jsonl or csv.
func writeQualitySummary(w io.Writer, sum *summary.Summary, format string, listed, lost int, complete bool) error {
	lines := summaryLines(sum)
	if format != "text" {
		rw := export.NewRowWriter(w, export.Format(format), qualityLineColumns)
		for i := range lines {
			if err := rw.Write(&lines[i]); err != nil {
				return err
			}
		}
		return rw.Close()
	}
	var b strings.Builder
	o := sum.Overall()
	fmt.Fprintf(&b, "Call quality of %s (%d records fetched)\n", plural(listed, "call", "calls"), sum.Records())
	fmt.Fprintf(&b, "%d streams classified, %d poor (%s), %d unclassified\n", o.Classified(), o.Poor, uiquality.Rate(o), o.Unclassified)
	if lost > 0 {
		fmt.Fprintf(&b, "warning: %s could not be fetched; the figures leave them out\n", plural(lost, "record", "records"))
	}
	if !complete {
		b.WriteString("warning: the list stopped early; the figures cover only the calls that arrived\n")
	}
	if o.Classified() > 0 && o.LowSample() {
		fmt.Fprintf(&b, "warning: fewer than %d classified streams; poor rates are noisy\n", summary.MinStreams)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	from, hours := sum.Hours()
	for _, d := range summary.Dimensions()[1:] {
		title := strings.ToUpper(d.String())
		if d.CQD() != "" {
			title += " (CQD: " + d.CQD() + ")"
		}
		fmt.Fprintf(tw, "\n%s\n", title)
		fmt.Fprintln(tw, "VALUE\tSTREAMS\tPOOR\tPOOR RATE\tSAMPLE\tCALLS\tPOOR CALLS\tPOOR PER HOUR")
		for _, l := range sum.Lines(d) {
			sample := ""
			if l.LowSample() {
				sample = "<" + strconv.Itoa(summary.MinStreams)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%d\t%d\t%s\n", l.Value, l.Classified(), l.Poor, uiquality.Rate(l), sample,
				l.Calls, l.PoorCalls, sparkOf(l.PoorByHour))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if hours > 0 {
		fmt.Fprintf(&b, "\nPoor per hour: %d hours from %s UTC, %d cells wide.\n", hours, from.UTC().Format("2006-01-02 15:04"), qualitySparkWidth)
	}
	return writeOutput(w, b.String())
}

// sparkOf draws a line's poor streams per hour.
func sparkOf(hours []int) string {
	if len(hours) == 0 {
		return ""
	}
	c := make([]int32, len(hours))
	for i, n := range hours {
		c[i] = int32(n)
	}
	return ui.Sparkline(c, qualitySparkWidth)
}

// plural is "1 call" or "6 calls".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
