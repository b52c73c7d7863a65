// Package summary answers the Call Quality Dashboard question over expanded
// call records: of the streams classified, how many were poor, overall and
// by network, subnet, relay, side, platform, client version, device and
// media type, with a per-hour series of poor streams and the calls behind
// each line. Streams are classified by model/quality (VerdictOf, which is
// Classify's verdict without its words), the one classification every
// screen and command uses.
//
// A Summary is incremental: Add each record once, then read Lines as often
// as needed. It keeps one tally per line, never the records, so its memory
// grows with the number of distinct values seen, not with the records.
package summary

import (
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
)

// MinStreams is the sample size under which a line's poor rate is flagged
// as unreliable: fewer than 100 classified streams.
const MinStreams = 100

// DefaultMaxCallIDs is how many call ids a line keeps when Options leaves
// MaxCallIDs at zero.
const DefaultMaxCallIDs = 200

// Options shape a summary.
type Options struct {
	// From and To bound the per-hour series (From inclusive, To exclusive,
	// both truncated to the hour). Streams outside them are counted on
	// their lines but fall outside the series; a zero From gives no series.
	From, To time.Time
	// MaxCallIDs caps the call ids a line keeps (Line.Calls counts them
	// all); zero means DefaultMaxCallIDs. The ids of calls with a poor
	// stream on the line are kept apart, under the same cap, so that the
	// calls worth opening are never crowded out by good ones.
	MaxCallIDs int
}

// Summary is the quality summary of the records added so far. It is not
// safe for concurrent use; build it off the event loop and hand the Lines
// over.
type Summary struct {
	from    time.Time
	hours   int
	maxIDs  int
	seq     uint64 // the current Add; a tally counts a call once per Add
	records int
	tallies map[lineKey]*tally
	scratch []value
	cached  []*tally // the tallies of the media being added
}

// lineKey names a tally: a value of a dimension for one media kind, or for
// all media when all is set.
type lineKey struct {
	dim  Dimension
	kind quality.Kind
	all  bool
	v    value
}

// tally is one line's running counts.
type tally struct {
	good, poor, unclassified int
	calls, poorCalls         int
	ids, poorIDs             []string
	lastSeq, lastPoorSeq     uint64
	poorByHour               map[int32]int32 // only for lines with poor streams
	parent                   *tally          // the all-media tally of the same value
}

// New returns an empty summary.
func New(o Options) *Summary {
	s := &Summary{maxIDs: o.MaxCallIDs, tallies: map[lineKey]*tally{}}
	if s.maxIDs <= 0 {
		s.maxIDs = DefaultMaxCallIDs
	}
	if !o.From.IsZero() && o.To.After(o.From) {
		s.from = o.From.Truncate(time.Hour)
		s.hours = int((o.To.Sub(s.from) + time.Hour - 1) / time.Hour)
	}
	return s
}

// Records is the number of records added.
func (s *Summary) Records() int { return s.records }

// Hours is the length of every line's per-hour series, the first hour
// starting at From (truncated to the hour).
func (s *Summary) Hours() (from time.Time, n int) { return s.from, s.hours }

// Add counts every stream of an expanded record (sessions with segments
// and media). Add each record once: adding it again counts its streams
// again. A list row without sessions adds nothing but the record count.
func (s *Summary) Add(rec *model.CallRecord) {
	s.seq++
	s.records++
	for i := range rec.Sessions {
		ss := &rec.Sessions[i]
		for j := range ss.Segments {
			seg := &ss.Segments[j]
			caller, callee := seg.Caller, seg.Callee
			if caller == nil {
				caller = ss.Caller
			}
			if callee == nil {
				callee = ss.Callee
			}
			for k := range seg.Media {
				s.addMedia(rec.ID, seg, &seg.Media[k], caller, callee)
			}
		}
	}
}

// addMedia counts the streams of one media. Every dimension but Side has
// the same values for all streams of a media of one kind, so their tallies
// are looked up once per media and kind, not once per stream.
func (s *Summary) addMedia(callID string, seg *model.Segment, md *model.Media, caller, callee *model.Endpoint) {
	cachedKind, cached := quality.Kind(-1), s.cached[:0]
	for n := range md.Streams {
		st := &md.Streams[n]
		kind, verdict := quality.VerdictOf(md.Label, st) // Classify's verdict without its words
		at := st.StartDateTime.Time
		if at.IsZero() {
			at = seg.StartDateTime.Time
		}
		hour := s.hour(at)
		src := stream{kind: kind, direction: st.StreamDirection, caller: caller, callee: callee, media: md}
		if kind != cachedKind {
			cachedKind, cached = kind, cached[:0]
			for d := range dimensionCount {
				if d == Side {
					continue
				}
				s.scratch = src.values(d, s.scratch[:0])
				for _, val := range s.scratch {
					cached = append(cached, s.tally(lineKey{dim: d, kind: kind, v: val}))
				}
			}
		}
		for _, t := range cached {
			s.bump(t, callID, verdict, hour)
			s.bump(t.parent, callID, verdict, hour)
		}
		s.scratch = src.values(Side, s.scratch[:0])
		t := s.tally(lineKey{dim: Side, kind: kind, v: s.scratch[0]})
		s.bump(t, callID, verdict, hour)
		s.bump(t.parent, callID, verdict, hour)
	}
	s.cached = cached
}

// hour is the series index of t, or -1 outside the series.
func (s *Summary) hour(t time.Time) int32 {
	if s.hours == 0 || t.IsZero() || t.Before(s.from) {
		return -1
	}
	h := t.Sub(s.from) / time.Hour
	if h >= time.Duration(s.hours) {
		return -1
	}
	return int32(h)
}

// tally finds or makes the tally of k, with its all-media parent.
func (s *Summary) tally(k lineKey) *tally {
	if t, ok := s.tallies[k]; ok {
		return t
	}
	all := k
	all.kind, all.all = quality.Other, true
	parent, ok := s.tallies[all]
	if !ok {
		parent = &tally{}
		s.tallies[all] = parent
	}
	t := &tally{parent: parent}
	s.tallies[k] = t
	return t
}

func (s *Summary) bump(t *tally, callID string, v quality.Verdict, hour int32) {
	switch v {
	case quality.Good:
		t.good++
	case quality.Poor:
		t.poor++
	default:
		t.unclassified++
	}
	if t.lastSeq != s.seq {
		t.lastSeq = s.seq
		t.calls++
		if len(t.ids) < s.maxIDs {
			t.ids = append(t.ids, callID)
		}
	}
	if v != quality.Poor {
		return
	}
	if t.lastPoorSeq != s.seq {
		t.lastPoorSeq = s.seq
		t.poorCalls++
		if len(t.poorIDs) < s.maxIDs {
			t.poorIDs = append(t.poorIDs, callID)
		}
	}
	if hour >= 0 {
		if t.poorByHour == nil {
			t.poorByHour = map[int32]int32{}
		}
		t.poorByHour[hour]++
	}
}
