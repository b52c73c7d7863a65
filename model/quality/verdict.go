package quality

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

// Outcome is how a call ended, for the calls list's Result column.
type Outcome string

// Outcomes. A user outcome (busy, no answer, declined) is no fault, so it
// never reads as failed: sip.KindOfEnd draws that line for Direct Routing
// rows, and the same rule applies to a session whose failureInfo.reason
// starts with a SIP code.
const (
	OK          Outcome = "ok"
	Failed      Outcome = "failed"
	UserOutcome Outcome = "ended"
)

// Result is a call's outcome with where and why: the first session (or,
// Graph often reporting it there only, segment) with a failureInfo.
type Result struct {
	Outcome Outcome
	// Stage is failureInfo.stage in words ("setup", "mid-call"), "" when ok.
	Stage string
	// Reason is failureInfo.reason as Graph sent it (free text).
	Reason string
	// Session is the 1-based session the failure is on; Sessions their count.
	Session, Sessions int
	// Failures is how many sessions failed (user outcomes not counted).
	Failures int
}

// Short is the cell text, a few words: "ok", "failed: setup, CallSetupTimeout",
// "ended: 486 Busy Here".
func (r Result) Short() string {
	if r.Outcome == OK {
		return "ok"
	}
	parts := make([]string, 0, 2)
	if r.Stage != "" {
		parts = append(parts, r.Stage)
	}
	if r.Reason != "" {
		parts = append(parts, r.Reason)
	}
	if len(parts) == 0 {
		return string(r.Outcome)
	}
	return string(r.Outcome) + ": " + strings.Join(parts, ", ")
}

// Text is Short with the session it is on: "failed: setup, CallSetupTimeout
// (session 2 of 5; 1 session failed)".
func (r Result) Text() string {
	s := r.Short()
	if r.Outcome == OK || r.Sessions < 2 {
		return s
	}
	s += " (session " + strconv.Itoa(r.Session) + " of " + strconv.Itoa(r.Sessions)
	if r.Failures > 1 {
		s += "; " + strconv.Itoa(r.Failures) + " sessions failed"
	}
	return s + ")"
}

// CallResult is the outcome of an expanded record (with its sessions and
// segments): failed when a session, or a segment of it, carries a failure
// that is not a user outcome; ended when the only failures are user
// outcomes; ok otherwise. A failureInfo with neither stage nor reason is
// no failure (FailureInfo.Failed).
func CallResult(rec *model.CallRecord) Result {
	r := Result{Outcome: OK, Sessions: len(rec.Sessions)}
	var outcome *Result
	for i := range rec.Sessions {
		f := SessionFailure(&rec.Sessions[i])
		if f == nil {
			continue
		}
		kind := reasonEndKind(f.Reason)
		here := Result{Stage: stageWords(f.Stage), Reason: strings.TrimSpace(f.Reason), Session: i + 1, Sessions: r.Sessions}
		if kind != sip.EndFailure {
			if outcome == nil {
				here.Outcome = UserOutcome
				outcome = &here
			}
			continue
		}
		r.Failures++
		if r.Outcome == OK {
			here.Outcome = Failed
			r = here
			r.Failures = 1
		}
	}
	if r.Outcome == OK && outcome != nil {
		return *outcome
	}
	return r
}

// SessionFailure is the session's failure, or failing that the first
// failed segment's: Graph often reports a failure on the segment only. A
// failureInfo with neither stage nor reason is no failure, and does not
// hide a segment's real one.
func SessionFailure(ss *model.Session) *model.FailureInfo {
	if ss.FailureInfo.Failed() {
		return ss.FailureInfo
	}
	for i := range ss.Segments {
		if f := ss.Segments[i].FailureInfo; f.Failed() {
			return f
		}
	}
	return nil
}

// stageWords is failureStage in words; a stage Graph adds later reads as sent.
func stageWords(stage string) string {
	switch stage {
	case model.FailureStageCallSetup:
		return "setup"
	case model.FailureStageMidcall:
		return "mid-call"
	case "unknown":
		return ""
	}
	return stage
}

// reasonEndKind reads a SIP code at the start of a free-text reason ("486
// Busy Here", "SIP 408 Request Timeout from …") and applies sip.KindOfEnd
// (subcode unknown, so 0) to it; a reason without one is a failure.
func reasonEndKind(reason string) sip.EndKind {
	r := strings.TrimSpace(reason)
	if len(r) > 4 && strings.EqualFold(r[:4], "sip ") {
		r = r[4:]
	}
	if len(r) < 3 || (len(r) > 3 && r[3] != ' ') {
		return sip.EndFailure
	}
	code, err := strconv.Atoi(r[:3])
	if err != nil || code < 100 {
		return sip.EndFailure
	}
	return sip.KindOfEnd(code, 0)
}

// CallVerdict is a call's media quality for the calls list: the record's
// rollup (ClassifyRecord, the record screen's rule), named by the kind of
// its worst stream, with that stream's first poor metric.
type CallVerdict struct {
	Verdict Verdict
	// Kind is the worst stream's kind; meaningful when Verdict is Poor.
	Kind Kind
	// Metric is the worst stream's first poor metric ("jitter 45 ms").
	Metric string
	// Rollup is the whole roll-up, for a longer reason.
	Rollup Rollup
}

// CallQuality classifies an expanded record's streams with Classify and
// rolls them up as the record screen does.
func CallQuality(rec *model.CallRecord) CallVerdict {
	r := ClassifyRecord(rec)
	v := CallVerdict{Verdict: r.Verdict, Rollup: r}
	if r.Verdict == Poor && r.Worst != nil {
		v.Kind = r.Worst.Kind
		for _, m := range r.Worst.Rule {
			if m.Poor {
				v.Metric = m.Name + " " + m.Short
				break
			}
		}
	}
	return v
}

// Label is the verdict with the worst stream's kind: "good", "poor audio",
// "poor video", "poor sharing", "unclassified".
func (v CallVerdict) Label() string {
	if v.Verdict != Poor {
		return string(v.Verdict)
	}
	return "poor " + kindWord(v.Kind)
}

// Short is the cell text, Label with the worst metric: "good", "poor audio:
// jitter 45 ms", "poor video: frame rate 3 fps", "poor sharing: frame loss
// 61 %", "unclassified".
func (v CallVerdict) Short() string {
	if v.Verdict != Poor || v.Metric == "" {
		return v.Label()
	}
	return v.Label() + ": " + v.Metric
}

// Reason is the rollup's summary: why the call has its verdict.
func (v CallVerdict) Reason() string { return v.Rollup.Summary() }

// kindWord is a kind in one word: screen and application sharing are both
// "sharing".
func kindWord(k Kind) string {
	switch k {
	case ScreenSharing, AppSharing:
		return "sharing"
	case Audio, Video:
		return k.String()
	}
	return "media"
}
