package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui"
)

// summarySparkWidth is the width of the per-trunk failure sparklines.
const summarySparkWidth = 48

// writeSummary prints a Direct Routing triage summary (callscope direct
// --summary): the totals, then failures by SIP code + subcode, by trunk
// (with ASR, NER and an hourly sparkline) and by signaling location, as
// aligned text tables; or the Summary as indented JSON.
func writeSummary(w io.Writer, s *triage.Summary, asJSON bool) error {
	if asJSON {
		return export.WriteJSON(w, s)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Direct Routing calls %s to %s\n", summaryTime(s.From), summaryTime(s.To))
	fmt.Fprintf(&b, "%d calls, %d failed (%s), ASR %s, NER %s\n", s.Calls, s.Failed,
		summaryPct(ratioOrZero(s.Failed, s.Calls)), summaryRatio(s.ASR, s.Tally.ASRBase()), summaryRatio(s.NER, s.Tally.NERBase()))
	if n := s.Tally.NotReported; n > 0 {
		fmt.Fprintf(&b, "%d calls without a reported outcome (no successfulCall or no SIP code): neither failed nor answered, in neither ASR nor NER\n", n)
	}
	if s.SmallSample && s.Calls > 0 {
		fmt.Fprintf(&b, "warning: fewer than %d calls; ASR and NER are noisy\n", sip.SmallSampleThreshold)
	}
	if !s.Complete {
		b.WriteString("warning: the load stopped early; the groups cover only the rows that arrived\n")
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nFAILURES BY SIP CODE + SUBCODE")
	fmt.Fprintln(tw, "SIP\tSUBCODE\tCOUNT\tSHARE\tFIRST SEEN\tLAST SEEN\tFINAL RESPONSE FROM\tOUTCOME\tPHRASE\tTOP TRUNKS")
	for _, g := range s.Codes {
		code, sub := summaryCodes(g)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", code, sub, g.Count, summaryPct(g.Share),
			summaryTime(g.First), summaryTime(g.Last), dashIfEmpty(g.FinalResponseFrom), g.OutcomeName, dashIfEmpty(g.Phrase),
			summaryTop(g.TopTrunks, g.Trunks))
	}
	if len(s.Codes) == 0 {
		fmt.Fprintln(tw, "(no failed calls)")
	}
	fmt.Fprintln(tw, "\nTRUNKS")
	fmt.Fprintf(tw, "TRUNK\tCALLS\tFAILED\tFAULTS\tASR\tNER\tSAMPLE\tFAILURES PER %s\n", summaryBucket(s.BucketSize))
	for _, g := range s.Trunks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", noneIfEmpty(g.Trunk), g.Tally.Attempts, g.Failed, g.Tally.Failures,
			summaryRatio(g.ASR, g.Tally.ASRBase()), summaryRatio(g.NER, g.Tally.NERBase()), summarySample(g.SmallSample), ui.Sparkline(g.Hourly, summarySparkWidth))
	}
	fmt.Fprintln(tw, "\nSIGNALING LOCATIONS")
	fmt.Fprintln(tw, "LOCATION\tCALLS\tFAILED\tSHARE\tFAIL RATE\tNER\tSAMPLE")
	for _, g := range s.Locations {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", noneIfEmpty(g.Location), g.Tally.Attempts, g.Failed,
			summaryPct(g.Share), summaryPct(g.FailRate), summaryRatio(g.NER, g.Tally.NERBase()), summarySample(g.SmallSample))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(s.Codes) > 0 {
		b.WriteString("\nWHAT THE FAILURES MEAN\n")
		for _, g := range s.Codes {
			code, sub := summaryCodes(g)
			fmt.Fprintf(&b, "%s/%s  %s\n        next: %s\n", code, sub, g.Diagnosis, g.NextStep)
		}
	}
	// Which outcomes each ratio counts, in model/sip's words.
	fmt.Fprintf(&b, "\nHOW ASR AND NER COUNT\n%s\n%s\n", sip.ASRHelp, sip.NERHelp)
	return writeOutput(w, b.String())
}

// writePstnSummary prints a PSTN summary (callscope pstn --summary): calls,
// minutes and charges by destination, call type and licence, with an
// hourly sparkline of calls; or the PstnSummary as indented JSON.
func writePstnSummary(w io.Writer, s *triage.PstnSummary, asJSON bool) error {
	if asJSON {
		return export.WriteJSON(w, s)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PSTN calls %s to %s\n", summaryTime(s.From), summaryTime(s.To))
	fmt.Fprintf(&b, "%d calls, %d minutes, charges %s\n", s.Calls, (s.Seconds+59)/60, summaryCharges(s.Charges))
	if s.DurationNotReported > 0 {
		fmt.Fprintf(&b, "%d calls without a reported duration: the minutes leave them out\n", s.DurationNotReported)
	}
	if !s.Complete {
		b.WriteString("warning: the load stopped early; the groups cover only the rows that arrived\n")
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, sec := range []struct {
		title  string
		groups []triage.PstnGroup
	}{{"DESTINATION", s.Destinations}, {"CALL TYPE", s.CallTypes}, {"LICENCE", s.Licenses}} {
		fmt.Fprintln(tw, "")
		fmt.Fprintf(tw, "%s\tCALLS\tSHARE\tMINUTES\tCHARGES\tCALLS PER %s\n", sec.title, summaryBucket(s.BucketSize))
		for _, g := range sec.groups {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\t%s\n", noneIfEmpty(g.Name), g.Calls, summaryPct(g.Share), (g.Seconds+59)/60,
				summaryCharges(g.Charges), ui.Sparkline(g.Hourly, summarySparkWidth))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeOutput(w, b.String())
}

// summaryTime is RFC 3339 UTC to the second, "-" for none.
func summaryTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func summaryPct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// summaryRatio is a ratio as a percentage, "-" when its denominator is 0:
// undefined, not 0 %.
func summaryRatio(f float64, base int) string {
	if base <= 0 {
		return "-"
	}
	return summaryPct(f)
}

// summaryCodes are a failure group's SIP code and subcode, "-" for one
// Graph did not report (never 0).
func summaryCodes(g triage.CodeGroup) (code, sub string) {
	code, sub = strconv.Itoa(g.SIPCode), strconv.Itoa(g.Subcode)
	if g.Unreported&sip.UnreportedCode != 0 {
		code = "-"
	}
	if g.Unreported&sip.UnreportedSubcode != 0 {
		sub = "-"
	}
	return code, sub
}

func ratioOrZero(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func summarySample(small bool) string {
	if small {
		return "<" + strconv.Itoa(sip.SmallSampleThreshold) + " calls"
	}
	return "ok"
}

// summaryBucket names the sparkline slot: HOUR, or "6H" for long ranges.
func summaryBucket(d time.Duration) string {
	if d <= time.Hour {
		return "HOUR"
	}
	return strconv.Itoa(int(d/time.Hour)) + "H"
}

func summaryTop(top []triage.NamedCount, total int) string {
	parts := make([]string, 0, len(top)+1)
	for _, t := range top {
		parts = append(parts, noneIfEmpty(t.Name)+" ("+strconv.Itoa(t.Count)+")")
	}
	if more := total - len(top); more > 0 {
		parts = append(parts, "+"+strconv.Itoa(more)+" more")
	}
	return strings.Join(parts, ", ")
}

func summaryCharges(cs []triage.Charge) string {
	if len(cs) == 0 {
		return "-"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = strconv.FormatFloat(c.Amount, 'f', 2, 64) + " " + c.Currency
	}
	return strings.Join(parts, " + ")
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
