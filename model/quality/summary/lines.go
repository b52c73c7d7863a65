package summary

import (
	"cmp"
	"slices"

	"github.com/callscope/callscope/model/quality"
)

// Line is one value of a dimension with its streams by verdict.
type Line struct {
	Dimension Dimension
	// Value is the value in words: "wifi", "10.41.17.0 · wifi", or the
	// dimension's "not reported" text.
	Value string
	// Streams by Microsoft's verdict.
	Good, Poor, Unclassified int
	// Calls is the number of calls with a stream on the line, PoorCalls
	// those with a poor one.
	Calls, PoorCalls int
	// CallIDs are the first calls added with a stream on the line, and
	// PoorCallIDs the first with a poor one, each capped at
	// Options.MaxCallIDs (Calls and PoorCalls count them all).
	CallIDs, PoorCallIDs []string
	// PoorByHour counts poor streams per hour from the summary's From (a
	// sparkline); nil when the summary has no range.
	PoorByHour []int
}

// Classified is the number of streams with a verdict: good or poor.
func (l Line) Classified() int { return l.Good + l.Poor }

// PoorRate is poor streams over classified streams (0 to 1), the rate the
// Call Quality Dashboard reports: unclassified streams are left out of
// it. It is 0 when no stream is classified.
func (l Line) PoorRate() float64 {
	if l.Classified() == 0 {
		return 0
	}
	return float64(l.Poor) / float64(l.Classified())
}

// LowSample flags a rate drawn from fewer than MinStreams classified
// streams: too few to compare with the others.
func (l Line) LowSample() bool { return l.Classified() < MinStreams }

// Lines are the lines of d over every media type, most telling first.
func (s *Summary) Lines(d Dimension) []Line {
	return s.lines(d, func(k lineKey) bool { return k.all })
}

// LinesFor are the lines of d over the streams of one media type (audio,
// video…): where poor audio concentrates is not where poor video does.
func (s *Summary) LinesFor(d Dimension, kind quality.Kind) []Line {
	return s.lines(d, func(k lineKey) bool { return !k.all && k.kind == kind })
}

// Overall is the line of every stream over every media type.
func (s *Summary) Overall() Line {
	if ls := s.Lines(Overall); len(ls) > 0 {
		return ls[0]
	}
	return Line{Dimension: Overall, Value: dimensionText[Overall].name}
}

func (s *Summary) lines(d Dimension, keep func(lineKey) bool) []Line {
	var out []Line
	for k, t := range s.tallies {
		if k.dim != d || !keep(k) {
			continue
		}
		out = append(out, s.line(k, t))
	}
	slices.SortFunc(out, Compare)
	return out
}

func (s *Summary) line(k lineKey, t *tally) Line {
	l := Line{Dimension: k.dim, Value: k.v.text(k.dim), Good: t.good, Poor: t.poor, Unclassified: t.unclassified,
		Calls: t.calls, PoorCalls: t.poorCalls, CallIDs: slices.Clone(t.ids), PoorCallIDs: slices.Clone(t.poorIDs)}
	if s.hours > 0 {
		l.PoorByHour = make([]int, s.hours)
		for h, n := range t.poorByHour {
			l.PoorByHour[h] = int(n)
		}
	}
	return l
}

// Compare orders lines most telling first: lines with enough classified
// streams before low-sample ones, then by poor rate, then by poor streams,
// then by value. A subnet with one poor stream of one never tops a subnet
// with 300 poor of 900.
func Compare(a, b Line) int {
	if c := cmp.Compare(btoi(a.LowSample()), btoi(b.LowSample())); c != 0 {
		return c
	}
	if c := cmp.Compare(b.PoorRate(), a.PoorRate()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Poor, a.Poor); c != 0 {
		return c
	}
	return cmp.Compare(a.Value, b.Value)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
