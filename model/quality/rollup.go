package quality

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
)

// Rollup is the verdict of a segment, a session or a record, drawn from
// its streams: poor when any stream is poor; otherwise good when at least
// one stream is good; unclassified when no stream could be classified.
// Unclassified streams do not make a level worse than good: they are
// streams Microsoft's rule has no verdict for (a muted attendee's 120
// packets), and the dashboard's own poor rates count only classified
// streams (our reading). The counts say how many there were, so a "good"
// never hides them.
type Rollup struct {
	Verdict                  Verdict
	Good, Poor, Unclassified int // streams by verdict
	// Worst is the first poor stream (the first stream when none is poor),
	// nil when there are no streams.
	Worst *Stream
	// Where locates Worst inside the level: "segment 2", "session 1,
	// segment 2"; "" at segment level.
	Where string
}

// Streams is the number of streams rolled up.
func (r Rollup) Streams() int { return r.Good + r.Poor + r.Unclassified }

// Summary is the verdict with its reason: "poor: audio jitter 45 ms >
// 30 ms, 5,120 packets, caller → callee (segment 2) · 2 of 6 streams poor",
// "good: 4 streams good, 2 unclassified", "unclassified: no streams reported".
func (r Rollup) Summary() string {
	switch {
	case r.Streams() == 0:
		return "unclassified: no streams reported"
	case r.Verdict == Poor:
		s := r.Worst.Summary()
		if r.Where != "" {
			s += " (" + r.Where + ")"
		}
		if r.Streams() > 1 {
			s += " · " + strconv.Itoa(r.Poor) + " of " + streams(r.Streams()) + " poor"
		}
		return s
	case r.Verdict == Good:
		s := "good: " + streams(r.Good) + " good"
		if r.Unclassified > 0 {
			s += ", " + strconv.Itoa(r.Unclassified) + " unclassified"
		}
		return s
	case r.Streams() == 1:
		s := r.Worst.Summary()
		if r.Where != "" {
			s += " (" + r.Where + ")"
		}
		return s
	}
	return "unclassified: none of " + streams(r.Streams()) + " has what Microsoft's rule needs"
}

func streams(n int) string {
	if n == 1 {
		return "1 stream"
	}
	return strconv.Itoa(n) + " streams"
}

// add counts one stream, keeping the first poor one as the worst.
func (r *Rollup) add(s Stream, where string) {
	switch s.Verdict {
	case Poor:
		r.Poor++
	case Good:
		r.Good++
	default:
		r.Unclassified++
	}
	if r.Worst == nil || s.Verdict == Poor && r.Worst.Verdict != Poor {
		r.Worst, r.Where = &s, where
	}
	switch {
	case r.Poor > 0:
		r.Verdict = Poor
	case r.Good > 0:
		r.Verdict = Good
	default:
		r.Verdict = Unclassified
	}
}

// ClassifySegment rolls a segment's streams up: as bad as its worst stream.
func ClassifySegment(seg *model.Segment) Rollup {
	r := Rollup{Verdict: Unclassified}
	addSegment(&r, seg, "")
	return r
}

// ClassifySession rolls a session up: as bad as its worst segment.
func ClassifySession(ss *model.Session) Rollup {
	r := Rollup{Verdict: Unclassified}
	addSession(&r, ss, "")
	return r
}

// ClassifyRecord rolls a record up: as bad as its worst session.
func ClassifyRecord(rec *model.CallRecord) Rollup {
	r := Rollup{Verdict: Unclassified}
	for i := range rec.Sessions {
		addSession(&r, &rec.Sessions[i], "session "+strconv.Itoa(i+1))
	}
	return r
}

func addSession(r *Rollup, ss *model.Session, where string) {
	for i := range ss.Segments {
		addSegment(r, &ss.Segments[i], join(where, "segment "+strconv.Itoa(i+1)))
	}
}

func addSegment(r *Rollup, seg *model.Segment, where string) {
	for m := range seg.Media {
		for k := range seg.Media[m].Streams {
			r.add(Classify(seg.Media[m].Label, &seg.Media[m].Streams[k]), where)
		}
	}
}

func join(a, b string) string {
	return strings.TrimPrefix(a+", "+b, ", ")
}
