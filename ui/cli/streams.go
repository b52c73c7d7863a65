package cli

import (
	"context"
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/redact"
)

// streamsOptions are `callscope streams ID`: one row per media stream of a
// record, with Microsoft's verdict (model/quality), the scripted face of
// the verdicts the record screen shows. The id and connection are a
// record's (record.go).
type streamsOptions struct {
	recordOptions
}

func (o *streamsOptions) flags(fs *flag.FlagSet) {
	o.base.flags(fs)
	o.offlineFlag(fs)
	fs.StringVar(&o.output, "output", "json", "write the streams as `FORMAT`: json, jsonl or csv")
}

func (o *streamsOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.resolveRecord(cmd, set, pos, now); err != nil {
		return err
	}
	switch o.output {
	case "json", "jsonl", "csv":
		return nil
	}
	return usagef(cmd, "--output %q: use json, jsonl or csv", o.output)
}

// streamRow is one stream of a record. The metrics keep their Graph
// mediaStream property names and Graph's types (durations ISO 8601, rates
// as fractions, averageVideoFrameLossPercentage as Graph sends it), null
// when Graph did not report them. averageJitter is the jitter Microsoft's
// audio rule reads; averageAudioNetworkJitter, averageAudioDegradation,
// averageRatioOfConcealedSamples and averageVideoPacketLossRate (before
// FEC) are no part of the verdict.
type streamRow struct {
	RecordID   string `json:"recordId"`
	Session    int    `json:"session"`
	SessionID  string `json:"sessionId"`
	Segment    int    `json:"segment"`
	SegmentID  string `json:"segmentId"`
	StreamID   string `json:"streamId"`
	Direction  string `json:"direction"`
	MediaLabel string `json:"mediaLabel"`
	MediaType  string `json:"mediaType"`
	Caller     string `json:"caller"`
	Callee     string `json:"callee"`
	AudioCodec string `json:"audioCodec"`
	VideoCodec string `json:"videoCodec"`

	AverageRoundTripTime                     *model.Duration `json:"averageRoundTripTime"`
	AveragePacketLossRate                    *float64        `json:"averagePacketLossRate"`
	AverageJitter                            *model.Duration `json:"averageJitter"`
	PacketUtilization                        *int64          `json:"packetUtilization"`
	AverageVideoFrameLossPercentage          *float64        `json:"averageVideoFrameLossPercentage"`
	AverageVideoFrameRate                    *float64        `json:"averageVideoFrameRate"`
	PostForwardErrorCorrectionPacketLossRate *float64        `json:"postForwardErrorCorrectionPacketLossRate"`
	AverageAudioNetworkJitter                *model.Duration `json:"averageAudioNetworkJitter"`
	AverageAudioDegradation                  *float64        `json:"averageAudioDegradation"`
	AverageRatioOfConcealedSamples           *float64        `json:"averageRatioOfConcealedSamples"`
	AverageVideoPacketLossRate               *float64        `json:"averageVideoPacketLossRate"`

	Verdict quality.Verdict `json:"verdict"`
	Reasons []string        `json:"reasons"`
}

// streamColumns is the CSV layout: the JSON keys, in order; reasons joined
// by "; ", a missing value empty.
var streamColumns = export.Columns[streamRow]{
	Header: []string{"recordId", "session", "sessionId", "segment", "segmentId", "streamId", "direction",
		"mediaLabel", "mediaType", "caller", "callee", "audioCodec", "videoCodec",
		"averageRoundTripTime", "averagePacketLossRate", "averageJitter", "packetUtilization",
		"averageVideoFrameLossPercentage", "averageVideoFrameRate", "postForwardErrorCorrectionPacketLossRate",
		"averageAudioNetworkJitter", "averageAudioDegradation", "averageRatioOfConcealedSamples", "averageVideoPacketLossRate",
		"verdict", "reasons"},
	Fill: func(r *streamRow, rec []string) {
		copy(rec, []string{r.RecordID, itoa(r.Session), r.SessionID, itoa(r.Segment), r.SegmentID, r.StreamID, r.Direction,
			r.MediaLabel, r.MediaType, r.Caller, r.Callee, r.AudioCodec, r.VideoCodec,
			durationCell(r.AverageRoundTripTime), floatCell(r.AveragePacketLossRate), durationCell(r.AverageJitter),
			intCell(r.PacketUtilization), floatCell(r.AverageVideoFrameLossPercentage), floatCell(r.AverageVideoFrameRate),
			floatCell(r.PostForwardErrorCorrectionPacketLossRate), durationCell(r.AverageAudioNetworkJitter),
			floatCell(r.AverageAudioDegradation), floatCell(r.AverageRatioOfConcealedSamples), floatCell(r.AverageVideoPacketLossRate),
			string(r.Verdict), strings.Join(r.Reasons, "; ")})
	},
}

// run writes the record's streams.
func (o *streamsOptions) run(ctx context.Context, e *env) error {
	rec, err := o.loadRecord(ctx, e)
	if err != nil {
		return err
	}
	if o.conf.redact { // --redact: callers and callees are masked
		redact.CallRecord(rec)
	}
	rw := export.NewRowWriter(e.stdout, export.Format(o.output), streamColumns)
	for _, row := range streamRows(rec) {
		if err := rw.Write(&row); err != nil {
			_ = rw.Flush()
			return err
		}
	}
	return rw.Close()
}

// streamRows lists every stream of rec, sessions and segments numbered
// from 1 as the record screen numbers them.
func streamRows(rec *model.CallRecord) []streamRow {
	var out []streamRow
	for si := range rec.Sessions {
		ss := &rec.Sessions[si]
		for gi := range ss.Segments {
			seg := &ss.Segments[gi]
			for mi := range seg.Media {
				m := &seg.Media[mi]
				for k := range m.Streams {
					st := &m.Streams[k]
					q := quality.Classify(m.Label, st)
					out = append(out, streamRow{RecordID: rec.ID, Session: si + 1, SessionID: ss.ID, Segment: gi + 1,
						SegmentID: seg.ID, StreamID: st.StreamID, Direction: st.StreamDirection, MediaLabel: m.Label,
						MediaType: q.Kind.Token(), Caller: seg.Caller.Text(), Callee: seg.Callee.Text(),
						AudioCodec: st.AudioCodec, VideoCodec: st.VideoCodec,
						AverageRoundTripTime: st.AverageRoundTripTime, AveragePacketLossRate: st.AveragePacketLossRate,
						AverageJitter: st.AverageJitter, PacketUtilization: st.PacketUtilization,
						AverageVideoFrameLossPercentage:          st.AverageVideoFrameLossPercentage,
						AverageVideoFrameRate:                    st.AverageVideoFrameRate,
						PostForwardErrorCorrectionPacketLossRate: st.PostForwardErrorCorrectionPacketLossRate,
						AverageAudioNetworkJitter:                st.AverageAudioNetworkJitter,
						AverageAudioDegradation:                  st.AverageAudioDegradation,
						AverageRatioOfConcealedSamples:           st.AverageRatioOfConcealedSamples,
						AverageVideoPacketLossRate:               st.AverageVideoPacketLossRate,
						Verdict:                                  q.Verdict, Reasons: q.Reasons})
				}
			}
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func durationCell(d *model.Duration) string {
	if d == nil {
		return ""
	}
	return model.FormatISODuration(d.D())
}

func floatCell(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}

func intCell(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}
