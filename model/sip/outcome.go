package sip

import "strconv"

// Outcome is the bucket a call row falls into for ASR/NER. The zero value is
// not a valid outcome.
type Outcome int

// Outcome buckets (sip-triage.md §4; Microsoft does not publish its own
// subcode-to-bucket table, so this mapping is ours).
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
	// Classify.
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
// noisy to judge a trunk by (Microsoft's Health Dashboard warns about NER
// below 100 calls; ms-health).
const SmallSampleThreshold = 100

// Tally counts outcomes for ASR and NER. The zero value is ready to use.
type Tally struct {
	// Attempts counts every call added, whatever its outcome.
	Attempts int
	// Answered counts Answered outcomes.
	Answered int
	// Delivered counts calls the network delivered: Answered, UserBusy,
	// RingNoAnswer, TerminalReject and CallerAbandon.
	Delivered int
	// Abandoned counts CallerAbandon outcomes (also included in Delivered),
	// so they can be reported separately.
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
	case UserBusy, RingNoAnswer, TerminalReject:
		t.Delivered++
	case CallerAbandon:
		t.Abandoned++
		t.Delivered++
	default:
		t.Failures++
	}
}

// ASR is the answer seizure ratio (ITU-T E.411): answered calls divided by
// attempts, as a fraction in 0..1. It is 0 when there are no attempts. Busy,
// no-answer and abandoned calls count against it, so it reflects user
// behaviour as well as the network.
func (t Tally) ASR() float64 {
	if t.Attempts == 0 {
		return 0
	}
	return float64(t.Answered) / float64(t.Attempts)
}

// NER is the network effectiveness ratio (ITU-T E.425), the formula
// Microsoft's Health Dashboard uses: (answered + user busy + ring no answer +
// terminal reject) divided by attempts, as a fraction in 0..1; 0 when there
// are no attempts. Caller abandons are counted as delivered (in the
// numerator), not removed from the denominator: the network did its part.
// Below SmallSampleThreshold attempts the figure is noisy.
func (t Tally) NER() float64 {
	if t.Attempts == 0 {
		return 0
	}
	return float64(t.Delivered) / float64(t.Attempts)
}
