package record

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Exports of the record and session screens. Row funcs run in the export
// command's goroutine; they read the record, which nothing changes after it
// is decoded (a refetch replaces the pointer, never the data), and values
// captured when the key was pressed.

var sessionExportHeader = []string{
	"record_id", "session", "session_id", "start", "end", "duration_s",
	"caller", "caller_platform", "caller_product_family", "caller_user_agent",
	"callee", "callee_platform", "callee_product_family", "callee_user_agent",
	"modalities", "segments", "result", "failure_stage", "failure_reason", "verdict", "verdict_reason",
}

// numberColumns are the export columns written as JSON numbers (an empty
// cell as null); every other column is text.
var numberColumns = map[string]bool{
	"session": true, "duration_s": true, "segments": true,
	"jitter_ms": true, "packet_loss_rate": true, "round_trip_ms": true, "packets": true,
	"video_frame_loss_percent": true, "video_frame_rate": true, "post_fec_packet_loss_rate": true,
	"audio_network_jitter_ms": true, "degradation": true, "concealed_ratio": true,
}

// kindsOf is the JSON type of each column of header.
func kindsOf(header []string) []export.Kind {
	kinds := make([]export.Kind, len(header))
	for i, h := range header {
		if numberColumns[h] {
			kinds[i] = export.Number
		}
	}
	return kinds
}

var (
	sessionExportKinds = kindsOf(sessionExportHeader)
	segmentExportKinds = kindsOf(segmentExportHeader)
)

// ExportReady reports a record to export: Export then says when the record
// has no sessions.
func (s *Screen) ExportReady() bool { return s.record != nil }

// Export writes the record's sessions.
func (s *Screen) Export() tea.Cmd {
	if len(s.record.Sessions) == 0 {
		return common.Flash("nothing to export: this record has no sessions", true)
	}
	rec, loc := s.record, s.c.Loc()
	row := func(i int, out []string) {
		ss := &rec.Sessions[i]
		f := quality.SessionFailure(ss)
		vals := []string{rec.ID, strconv.Itoa(i + 1), ss.ID, exportTime(ss.StartDateTime, loc), exportTime(ss.EndDateTime, loc),
			exportSeconds(ss.StartDateTime, ss.EndDateTime)}
		vals = append(vals, endpointExport(ss.Caller)...)
		vals = append(vals, endpointExport(ss.Callee)...)
		vals = append(vals, strings.Join(ss.Modalities, " "), strconv.Itoa(len(ss.Segments)), failureText(f))
		if f.Failed() {
			vals = append(vals, f.Stage, f.Reason)
		} else {
			vals = append(vals, "", "")
		}
		q := quality.ClassifySession(ss)
		vals = append(vals, string(q.Verdict), q.Summary())
		copy(out, vals)
	}
	return common.ExportRecordsCmd(s.c.ExportDir, "record-"+shortIDPlain(rec.ID)+"-sessions", s.c.Now(),
		sessionExportHeader, sessionExportKinds, len(rec.Sessions), row)
}

var segmentExportHeader = []string{
	"record_id", "session", "row", "kind", "segment_id", "start", "end", "duration_s",
	"caller", "callee", "result", "media_label", "stream_id", "direction", "codec",
	"jitter_ms", "packet_loss_rate", "round_trip_ms", "packets",
	"video_frame_loss_percent", "video_frame_rate", "post_fec_packet_loss_rate",
	"audio_network_jitter_ms", "degradation", "concealed_ratio", "verdict", "reasons",
}

// The stream columns, by Graph property: jitter_ms is averageJitter (the
// one Microsoft's audio rule reads), audio_network_jitter_ms is
// averageAudioNetworkJitter; degradation and concealed_ratio are no part
// of the verdict.

// ExportReady is true: Export says when a session has no segments.
func (s *sessionScreen) ExportReady() bool { return true }

// Export writes the session's segments and streams, one row per table line.
func (s *sessionScreen) Export() tea.Cmd {
	if len(s.rows) == 0 {
		return common.Flash("nothing to export: this session has no segments", true)
	}
	rec, idx, rows, loc := s.record, s.index, s.rows, s.c.Loc()
	row := func(i int, out []string) {
		r := rows[i]
		seg := &rec.Sessions[idx].Segments[r.segment]
		vals := []string{rec.ID, strconv.Itoa(idx + 1), r.label}
		if r.media < 0 {
			vals = append(vals, "segment", seg.ID, exportTime(seg.StartDateTime, loc), exportTime(seg.EndDateTime, loc),
				exportSeconds(seg.StartDateTime, seg.EndDateTime), seg.Caller.Text(), seg.Callee.Text(), failureText(seg.FailureInfo))
			q := quality.ClassifySegment(seg)
			vals = append(vals, make([]string, len(segmentExportHeader)-2-len(vals))...)
			vals = append(vals, string(q.Verdict), q.Summary())
			copy(out, vals)
			return
		}
		m := &seg.Media[r.media]
		st := &m.Streams[r.stream]
		vals = append(vals, "stream", seg.ID, exportTime(st.StartDateTime, loc), exportTime(st.EndDateTime, loc),
			exportSeconds(st.StartDateTime, st.EndDateTime), "", "", "",
			m.Label, st.StreamID, st.StreamDirection, strings.Trim(st.AudioCodec+"/"+st.VideoCodec, "/"),
			exportMillis(st.AverageJitter), exportFloat(st.AveragePacketLossRate), exportMillis(st.AverageRoundTripTime),
			exportInt(st.PacketUtilization), exportFloat(st.AverageVideoFrameLossPercentage), exportFloat(st.AverageVideoFrameRate),
			exportFloat(st.PostForwardErrorCorrectionPacketLossRate), exportMillis(st.AverageAudioNetworkJitter),
			exportFloat(st.AverageAudioDegradation), exportFloat(st.AverageRatioOfConcealedSamples))
		q := quality.Classify(m.Label, st)
		vals = append(vals, string(q.Verdict), q.Summary())
		copy(out, vals)
	}
	return common.ExportRecordsCmd(s.c.ExportDir, "record-"+shortIDPlain(rec.ID)+"-session-"+strconv.Itoa(idx+1), s.c.Now(),
		segmentExportHeader, segmentExportKinds, len(rows), row)
}

// endpointExport is identity, platform, product family and user agent header.
func endpointExport(e *model.Endpoint) []string {
	if e == nil {
		return []string{"", "", "", ""}
	}
	out := []string{e.Text(), "", "", ""}
	if ua := e.UserAgent; ua != nil {
		out[1], out[2], out[3] = ua.Platform, ua.ProductFamily, ua.HeaderValue
	}
	return out
}

// exportTime is RFC 3339 in the zone the screen shows, "" when absent.
func exportTime(t model.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// exportSeconds is the span in seconds, "" when an end is missing.
func exportSeconds(start, end model.Time) string {
	if start.IsZero() || end.IsZero() {
		return ""
	}
	return strconv.FormatFloat(end.Sub(start.Time).Seconds(), 'f', -1, 64)
}

func exportMillis(d *model.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(float64(*d)/float64(time.Millisecond), 'f', -1, 64)
}

func exportInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func exportFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// shortIDPlain is the first 8 characters of an id for file names, with
// anything but letters, digits and dashes replaced.
func shortIDPlain(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, strings.TrimSuffix(common.ShortID(id), "…"))
}
