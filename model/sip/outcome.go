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
)

var outcomeNames = [...]string{
	Answered:       "answered",
	UserBusy:       "user busy",
	RingNoAnswer:   "ring no answer",
	TerminalReject: "terminal reject",
	CallerAbandon:  "caller abandon",
	Failure:        "failure",
}

// String returns a short lower-case label ("answered", "user busy", ...).
func (o Outcome) String() string {
	if o >= Answered && o <= Failure {
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
// It does not allocate.
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

// SmallSampleThreshold is the number of calls below which ASR and NER are too
// noisy to judge a trunk by ("If the number of calls is less than 100, the
// NER might be quite low, but still be normal": Health Dashboard for Direct
// Routing, date not shown; ms-health).
const SmallSampleThreshold = 100

// Tally counts outcomes for ASR and NER. The zero value is ready to use.
type Tally struct {
	// Attempts counts every call added, whatever its outcome.
	Attempts int
	// Answered counts Answered outcomes.
	Answered int
	// UserBusy, RingNoAnswer and TerminalReject count those outcomes.
	UserBusy, RingNoAnswer, TerminalReject int
	// Delivered is NER's numerator: Answered + UserBusy + RingNoAnswer +
	// TerminalReject, the four outcomes Microsoft's formula names. Caller
	// abandons are not in it (see NER).
	Delivered int
	// Abandoned counts CallerAbandon outcomes, which NER leaves out of both
	// its numerator and its denominator.
	Abandoned int
	// Failures counts Failure outcomes, and any invalid Outcome value.
	Failures int
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
	default:
		t.Failures++
	}
}

// ASRHelp says what ASR counts and where the definition comes from, for
// help screens and summaries.
const ASRHelp = "ASR (answer seizure ratio) = answered ÷ attempts. This is the industry definition " +
	"(ITU-T E.411); Microsoft's Direct Routing pages define no ASR. Busy, no answer, declined, " +
	"caller-abandoned and failed calls all count against it, so it reflects callers and callees as " +
	"well as the network."

// NERHelp says what NER counts and where the definition comes from.
const NERHelp = "NER (network effectiveness ratio) = (answered + user busy + ring no answer + terminal " +
	"reject) ÷ attempts, the formula of Microsoft's Health Dashboard for Direct Routing. Microsoft " +
	"says nothing about callers who hang up before answer (SIP 487): callscope leaves these caller " +
	"abandons out of both sides, so they neither raise nor lower NER, and counts them separately. " +
	"Which SIP codes fall in which outcome is callscope's mapping; Microsoft publishes none. Below " +
	"100 calls NER may be low and still normal."

// ASR is the answer seizure ratio: answered calls divided by attempts, as
// a fraction in 0..1; 0 when there are no attempts. The definition is the
// industry's (ITU-T E.411, voip-info, nationmaster), not Microsoft's: the
// Health Dashboard for Direct Routing (date not shown; ms-health) and the
// CQD PSTN Direct Routing report (ms.date 2020-03-06; ms-cqd-pstn) define
// none. Every other outcome counts against it: user busy, ring no answer,
// terminal reject, caller abandon and failure. See ASRHelp.
func (t Tally) ASR() float64 {
	if t.Attempts == 0 {
		return 0
	}
	return float64(t.Answered) / float64(t.Attempts)
}

// NER is the network effectiveness ratio as a fraction in 0..1. Microsoft's
// Health Dashboard for Direct Routing (date not shown; ms-health) defines
// "NER = (Answered calls + User Busy + Ring no Answer + Terminal Reject
// Seizures)/Total Attempt Calls x 100", and counts a busy signal, a ring with
// no answer and a recipient's reject as delivered. The page does not mention
// a caller who hangs up before answer (487 with 540487, 560487 or 0, plus
// the other CallerAbandon ends of Classify). Our choice: a caller abandon is
// neither delivered nor a network failure, so NER leaves it out of both
// sides: Delivered ÷ (Attempts − Abandoned). It is 0 when NERBase is 0.
// Microsoft warns that below 100 calls (SmallSampleThreshold) NER "might be
// quite low, but still be normal". See NERHelp.
func (t Tally) NER() float64 {
	base := t.NERBase()
	if base <= 0 {
		return 0
	}
	return float64(t.Delivered) / float64(base)
}

// NERBase is NER's denominator: attempts other than caller abandons. When it
// is 0, NER is undefined (0 is returned); a screen should show a dash.
func (t Tally) NERBase() int {
	return t.Attempts - t.Abandoned
}
