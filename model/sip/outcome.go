package sip

import "strconv"

// Outcome is the bucket a call row falls into for ASR/NER. The zero value is
// not a valid outcome.
type Outcome int

// Outcome buckets. The names follow the NER formula of the Health Dashboard
// for Direct Routing (date not shown; ms-health); Microsoft does not publish
// a SIP-code-to-bucket table, so the mapping (sip-triage.md §4) is ours.
const (
	// Answered: the call was fully established (successfulCall=true).
	Answered Outcome = iota + 1
	// UserBusy: the callee was busy (SIP 486, 600).
	UserBusy
	// RingNoAnswer: the call reached the callee, who did not answer or was
	// not available (480 with a user/client-state subcode, 487+10004,
	// 408+560408).
	RingNoAnswer
	// TerminalReject: the callee declined (SIP 603, or 10024 declined on all
	// endpoints).
	TerminalReject
	// CallerAbandon: the caller gave up before answer (487 with 540487,
	// 560487 or 0), plus the other non-fault pre-answer ends listed at
	// Classify. Microsoft's NER formula does not name it; Tally.NER leaves
	// it out of both sides.
	CallerAbandon
	// Failure: a network, system or configuration failure: everything else.
	Failure
	// NotReported: Graph sent no successfulCall, or a failed row without
	// the finalSipCode (or the callEndSubReason the code's bucket depends
	// on). Graph lists every directRoutingLogRow property as nullable
	// ("directRoutingLogRow resource type", Microsoft Graph v1.0, date not
	// shown); a null is not 0, so such a row is neither answered, a normal
	// end nor a failure. Tally keeps it out of both sides of ASR and NER.
	NotReported
)

var outcomeNames = [...]string{
	Answered:       "answered",
	UserBusy:       "user busy",
	RingNoAnswer:   "ring no answer",
	TerminalReject: "terminal reject",
	CallerAbandon:  "caller abandon",
	Failure:        "failure",
	NotReported:    "not reported",
}

// String returns a short lower-case label ("answered", "user busy", ...).
func (o Outcome) String() string {
	if o >= Answered && o <= NotReported {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// Classify puts one call row into an outcome bucket. successful is the row's
// successfulCall; sipCode and subcode are finalSipCode and callEndSubReason.
//
// Beyond the §4 table, three choices are ours:
//   - 480 counts as ring-no-answer only with a user or client-state subcode
//     (560480, 10037, 10076, 10077, 10078); 480 for policy or bot reasons
//     (10191, 10140) or with an unknown subcode is a failure.
//   - 487+10003 (the leg was cancelled because another endpoint of the same
//     user answered) is not a failure; it is bucketed with caller abandons.
//   - An attempt with SIP 0 and a normal-clearing subcode (0, 540000, 560000)
//     was cleared without any SIP error before it was fully established;
//     it is also bucketed with caller abandons.
//
// Every field is taken as reported; rows whose fields may be null go
// through ClassifyReported. It does not allocate.
func Classify(successful bool, sipCode, subcode int) Outcome {
	if successful {
		return Answered
	}
	switch sipCode {
	case 486, 600:
		return UserBusy
	case 603:
		return TerminalReject
	case 480:
		switch subcode {
		case 560480, 10037, 10076, 10077, 10078:
			return RingNoAnswer
		}
	case 408:
		if subcode == 560408 {
			return RingNoAnswer
		}
	case 487:
		switch subcode {
		case 10004:
			return RingNoAnswer
		case 10024:
			return TerminalReject
		case 0, 540487, 560487, 10003:
			return CallerAbandon
		}
	case 0:
		switch subcode {
		case 0, 540000, 560000:
			return CallerAbandon
		}
	}
	return Failure
}

// Unreported says which of the fields Classify reads a row did not carry
// (null or absent in Graph's JSON).
type Unreported uint8

// The fields of a row ClassifyReported may find missing.
const (
	// UnreportedSuccess: successfulCall.
	UnreportedSuccess Unreported = 1 << iota
	// UnreportedCode: finalSipCode.
	UnreportedCode
	// UnreportedSubcode: callEndSubReason.
	UnreportedSubcode
)

// ClassifyReported is Classify for a row whose fields may be missing. A
// missing value is never read as 0, which would make the row a normal end
// (0/540000) or, through successfulCall, an answered call:
//   - no successfulCall: NotReported, whatever the codes say;
//   - successfulCall true: Answered (the codes do not change that);
//   - successfulCall false without finalSipCode: NotReported;
//   - without callEndSubReason: the code's bucket when it does not depend
//     on the subcode (486, 600, 603 and every code Classify calls a
//     failure whatever its subcode), else NotReported (0, 408, 480, 487).
//
// It does not allocate.
func ClassifyReported(successful bool, sipCode, subcode int, missing Unreported) Outcome {
	switch {
	case missing&UnreportedSuccess != 0:
		return NotReported
	case successful:
		return Answered
	case missing&UnreportedCode != 0:
		return NotReported
	case missing&UnreportedSubcode != 0:
		switch sipCode {
		case 0, 408, 480, 487:
			return NotReported
		}
	}
	return Classify(successful, sipCode, subcode)
}

// SmallSampleThreshold is the number of calls below which ASR and NER are too
// noisy to judge a trunk by ("If the number of calls is less than 100, the
// NER might be quite low, but still be normal": Health Dashboard for Direct
// Routing, date not shown; ms-health).
const SmallSampleThreshold = 100

// Tally counts outcomes for ASR and NER. The zero value is ready to use.
// Its JSON keys are camelCase, as every key callscope writes.
type Tally struct {
	// Attempts counts every call added, whatever its outcome.
	Attempts int `json:"attempts"`
	// Answered counts Answered outcomes.
	Answered int `json:"answered"`
	// UserBusy, RingNoAnswer and TerminalReject count those outcomes.
	UserBusy       int `json:"userBusy"`
	RingNoAnswer   int `json:"ringNoAnswer"`
	TerminalReject int `json:"terminalReject"`
	// Delivered is NER's numerator: Answered + UserBusy + RingNoAnswer +
	// TerminalReject, the four outcomes Microsoft's formula names. Caller
	// abandons are not in it (see NER).
	Delivered int `json:"delivered"`
	// Abandoned counts CallerAbandon outcomes, which NER leaves out of both
	// its numerator and its denominator.
	Abandoned int `json:"abandoned"`
	// Failures counts Failure outcomes, and any invalid Outcome value.
	Failures int `json:"failures"`
	// NotReported counts NotReported outcomes: rows Graph sent without the
	// fields an outcome needs. They are attempts, but neither ASR nor NER
	// counts them on either side: nothing says how they ended.
	NotReported int `json:"notReported"`
}

// Add counts one call. An invalid Outcome is counted as a failure so that no
// row silently drops out of the denominator.
func (t *Tally) Add(o Outcome) {
	t.Attempts++
	switch o {
	case Answered:
		t.Answered++
		t.Delivered++
	case UserBusy:
		t.UserBusy++
		t.Delivered++
	case RingNoAnswer:
		t.RingNoAnswer++
		t.Delivered++
	case TerminalReject:
		t.TerminalReject++
		t.Delivered++
	case CallerAbandon:
		t.Abandoned++
	case NotReported:
		t.NotReported++
	default:
		t.Failures++
	}
}

// ASRHelp says what ASR counts and where the definition comes from, for
// help screens and summaries.
const ASRHelp = "ASR (answer seizure ratio) = answered ÷ attempts. This is the industry definition " +
	"(ITU-T E.411); Microsoft's Direct Routing pages define no ASR. Busy, no answer, declined, " +
	"caller-abandoned and failed calls all count against it, so it reflects callers and callees as " +
	"well as the network. Rows whose outcome Graph did not report (no successfulCall or no SIP " +
	"code) are left out of both sides."

// NERHelp says what NER counts and where the definition comes from.
const NERHelp = "NER (network effectiveness ratio) = (answered + user busy + ring no answer + terminal " +
	"reject) ÷ attempts, the formula of Microsoft's Health Dashboard for Direct Routing. Microsoft " +
	"says nothing about callers who hang up before answer (SIP 487): callscope leaves these caller " +
	"abandons out of both sides, so they neither raise nor lower NER, and counts them separately. " +
	"Which SIP codes fall in which outcome is callscope's mapping; Microsoft publishes none. Rows " +
	"whose outcome Graph did not report are left out of both sides too. Below 100 calls NER may be " +
	"low and still normal."

// ASR is the answer seizure ratio: answered calls divided by attempts, as
// a fraction in 0..1; 0 when there are no attempts. The definition is the
// industry's (ITU-T E.411, voip-info, nationmaster), not Microsoft's: the
// Health Dashboard for Direct Routing (date not shown; ms-health) and the
// CQD PSTN Direct Routing report (ms.date 2020-03-06; ms-cqd-pstn) define
// none. Every other outcome counts against it: user busy, ring no answer,
// terminal reject, caller abandon and failure. Rows whose outcome was not
// reported are left out of both sides (ASRBase). See ASRHelp.
func (t Tally) ASR() float64 {
	base := t.ASRBase()
	if base <= 0 {
		return 0
	}
	return float64(t.Answered) / float64(base)
}

// ASRBase is ASR's denominator: attempts whose outcome was reported. When
// it is 0, ASR is undefined (0 is returned); a screen should show a dash.
func (t Tally) ASRBase() int {
	return t.Attempts - t.NotReported
}

// NER is the network effectiveness ratio as a fraction in 0..1. Microsoft's
// Health Dashboard for Direct Routing (date not shown; ms-health) defines
// "NER = (Answered calls + User Busy + Ring no Answer + Terminal Reject
// Seizures)/Total Attempt Calls x 100", and counts a busy signal, a ring with
// no answer and a recipient's reject as delivered. The page does not mention
// a caller who hangs up before answer (487 with 540487, 560487 or 0, plus
// the other CallerAbandon ends of Classify). Our choice: a caller abandon is
// neither delivered nor a network failure, so NER leaves it out of both
// sides: Delivered ÷ (Attempts − Abandoned), and so do rows whose outcome
// was not reported (NotReported). It is 0 when NERBase is 0.
// Microsoft warns that below 100 calls (SmallSampleThreshold) NER "might be
// quite low, but still be normal". See NERHelp.
func (t Tally) NER() float64 {
	base := t.NERBase()
	if base <= 0 {
		return 0
	}
	return float64(t.Delivered) / float64(base)
}

// NERBase is NER's denominator: attempts other than caller abandons and
// rows whose outcome was not reported. When it is 0, NER is undefined (0
// is returned); a screen should show a dash.
func (t Tally) NERBase() int {
	return t.Attempts - t.Abandoned - t.NotReported
}
