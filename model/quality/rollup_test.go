package quality

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func segmentOf(streams ...model.MediaStream) model.Segment {
	return model.Segment{Media: []model.Media{{Label: "main-audio", Streams: streams}}}
}

// TestRollup: a segment is as bad as its worst stream, a session as its
// worst segment, a record as its worst session, each saying why and where.
func TestRollup(t *testing.T) {
	good := audio(5120, nil)
	muted := audio(120, nil)
	poor := audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(45 * time.Millisecond) })
	rec := model.CallRecord{Sessions: []model.Session{
		{Segments: []model.Segment{segmentOf(good, muted)}},
		{Segments: []model.Segment{segmentOf(good), segmentOf(muted, poor)}},
	}}
	cases := []struct {
		name string
		r    Rollup
		want Verdict
		text string
	}{
		{"segment good with a muted stream", ClassifySegment(&rec.Sessions[0].Segments[0]), Good, "good: 1 stream good, 1 unclassified"},
		{"segment of one muted stream", ClassifySegment(&model.Segment{Media: []model.Media{{Label: "main-audio", Streams: []model.MediaStream{muted}}}}),
			Unclassified, "unclassified: audio too few packets for Microsoft's rule (≤ 500), 120 packets, caller → callee"},
		{"segment with a poor stream", ClassifySegment(&rec.Sessions[1].Segments[1]), Poor,
			"poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee · 1 of 2 streams poor"},
		{"session", ClassifySession(&rec.Sessions[1]), Poor,
			"poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee (segment 2) · 1 of 3 streams poor"},
		{"record", ClassifyRecord(&rec), Poor,
			"poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee (session 2, segment 2) · 1 of 5 streams poor"},
		{"empty session", ClassifySession(&model.Session{}), Unclassified, "unclassified: no streams reported"},
		{"two unclassified", ClassifySegment(&model.Segment{Media: []model.Media{{Label: "data", Streams: []model.MediaStream{{}, {}}}}}),
			Unclassified, "unclassified: none of 2 streams has what Microsoft's rule needs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.r.Verdict != c.want || c.r.Summary() != c.text {
				t.Errorf("got %q %q\nwant %q %q", c.r.Verdict, c.r.Summary(), c.want, c.text)
			}
		})
	}
}
