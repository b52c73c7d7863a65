package record

import (
	"strconv"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
)

// benchRecord is uitest.GroupCall grown to Graph's inline limit of 60 sessions,
// each with 4 segments of 4 streams, and 1,000 participants.
func benchRecord() *model.CallRecord {
	r := uitest.GroupCall()
	base := r.Sessions
	r.Sessions = nil
	for i := 0; i < 60; i++ {
		ss := base[i%2]
		segs := make([]model.Segment, 4)
		for k := range segs {
			segs[k] = base[0].Segments[0]
			segs[k].ID = "seg-" + strconv.Itoa(i) + "-" + strconv.Itoa(k)
			m := segs[k].Media[0]
			m.Streams = append(append([]model.MediaStream(nil), m.Streams...), m.Streams...)
			segs[k].Media = []model.Media{m}
		}
		ss.Segments = segs
		ss.ID = "sess-" + strconv.Itoa(i)
		r.Sessions = append(r.Sessions, ss)
	}
	for i := 0; i < 1000; i++ {
		id := "guest-" + strconv.Itoa(i)
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{Guest: &model.Identity{ID: id, DisplayName: "Guest " + strconv.Itoa(i)}}})
	}
	return &r
}

func benchRecordScreen(b *testing.B) *Screen {
	c, _ := recordCommon(nil)
	rec := benchRecord()
	s := New(c, rec.ID)
	s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s.onRecord(recordLoadedMsg{reqID: s.Pending, rec: rec})
	s.onParticipants(participantsPageMsg{reqID: s.participantPages.Pending, page: &model.Page[model.Participant]{Value: rec.ParticipantsV2}})
	if s.Status().Loading {
		b.Fatal("still loading")
	}
	return s
}

// BenchmarkRecordView is one frame of the record screen: 60 sessions and
// 1,000 participants loaded.
func BenchmarkRecordView(b *testing.B) {
	s := benchRecordScreen(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View()
	}
}

// BenchmarkRecordCursorMove is a keystroke on the record screen: Update
// (which rebuilds the summary and detail) plus the frame.
func BenchmarkRecordCursorMove(b *testing.B) {
	s := benchRecordScreen(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			s.Update(uitest.KeyDown)
		} else {
			s.Update(uitest.KeyUp)
		}
		_ = s.View()
	}
}

// BenchmarkSessionCursorMove is a keystroke on a session of 4 segments with
// 4 streams each, detail pane included.
func BenchmarkSessionCursorMove(b *testing.B) {
	c, _ := recordCommon(nil)
	ss := newSessionScreen(c, benchRecord(), 0)
	ss.Update(common.BodySizeMsg{Width: 120, Height: 37})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			ss.Update(uitest.KeyDown)
		} else {
			ss.Update(uitest.KeyUp)
		}
		_ = ss.View()
	}
}

// BenchmarkOpenSession is enter on a session: building its rows and metrics.
func BenchmarkOpenSession(b *testing.B) {
	c, _ := recordCommon(nil)
	rec := benchRecord()
	b.ReportAllocs()
	for b.Loop() {
		_ = newSessionScreen(c, rec, 0)
	}
}

// BenchmarkRawJSON is v on the whole record: marshal, indent and wrap.
func BenchmarkRawJSON(b *testing.B) {
	rec := benchRecord()
	k := uitest.Keys()
	b.ReportAllocs()
	for b.Loop() {
		_ = table.NewRawView(k, "record", rec, 120, 37)
	}
}

func BenchmarkStreamQuality(b *testing.B) {
	st := uitest.GroupCall().Sessions[0].Segments[0].Media[0].Streams[0]
	b.ReportAllocs()
	for b.Loop() {
		_ = quality.Classify("main-audio", &st)
	}
}
