package sip

import (
	"math"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		ok       bool
		sip, sub int
		want     Outcome
	}{
		{true, 0, 540000, Answered},
		{true, 200, 0, Answered},
		{true, 487, 540487, Answered}, // successfulCall wins
		{false, 486, 560486, UserBusy},
		{false, 486, 540486, UserBusy},
		{false, 486, 10321, UserBusy},
		{false, 600, 0, UserBusy},
		{false, 480, 560480, RingNoAnswer},
		{false, 480, 10037, RingNoAnswer},
		{false, 480, 10077, RingNoAnswer},
		{false, 487, 10004, RingNoAnswer},
		{false, 408, 560408, RingNoAnswer},
		{false, 603, 560603, TerminalReject},
		{false, 603, 0, TerminalReject},
		{false, 487, 10024, TerminalReject},
		{false, 487, 540487, CallerAbandon},
		{false, 487, 560487, CallerAbandon},
		{false, 487, 0, CallerAbandon},
		{false, 487, 10003, CallerAbandon},
		{false, 0, 540000, CallerAbandon},
		{false, 480, 10191, Failure},
		{false, 480, 10140, Failure},
		{false, 408, 500001, Failure},
		{false, 408, 1106, Failure},
		{false, 504, 569002, Failure},
		{false, 503, 560503, Failure},
		{false, 403, 510559, Failure},
		{false, 403, 560403, Failure},
		{false, 404, 511404, Failure},
		{false, 484, 560484, Failure},
		{false, 488, 531000, Failure},
		{false, 410, 531004, Failure},
		{false, 487, 123456, Failure},
		{false, 0, 10003, Failure},
	}
	for _, tt := range tests {
		if got := Classify(tt.ok, tt.sip, tt.sub); got != tt.want {
			t.Errorf("Classify(%v, %d, %d) = %v, want %v", tt.ok, tt.sip, tt.sub, got, tt.want)
		}
	}
}

func TestOutcomeString(t *testing.T) {
	for o := Answered; o <= Failure; o++ {
		if s := o.String(); s == "" || s[0] == 'O' {
			t.Errorf("Outcome(%d).String() = %q", int(o), s)
		}
	}
	if s := Outcome(0).String(); s != "Outcome(0)" {
		t.Errorf("Outcome(0).String() = %q", s)
	}
}

func TestTally(t *testing.T) {
	var zero Tally
	if zero.ASR() != 0 || zero.NER() != 0 {
		t.Errorf("empty tally: ASR %v NER %v, want 0", zero.ASR(), zero.NER())
	}
	var tl Tally
	add := func(o Outcome, n int) {
		for range n {
			tl.Add(o)
		}
	}
	add(Answered, 6)
	add(UserBusy, 1)
	add(RingNoAnswer, 1)
	add(TerminalReject, 1)
	add(CallerAbandon, 1)
	add(Failure, 1)
	add(Outcome(0), 1) // invalid: counted as a failure
	// Delivered is NER's numerator: 6 answered + 1 busy + 1 no answer + 1
	// reject = 9; the caller abandon is in neither side of NER.
	want := Tally{Attempts: 12, Answered: 6, UserBusy: 1, RingNoAnswer: 1, TerminalReject: 1,
		Delivered: 9, Abandoned: 1, Failures: 2}
	if tl != want {
		t.Fatalf("tally = %+v, want %+v", tl, want)
	}
	if got := tl.ASR(); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("ASR = %v, want 6/12", got)
	}
	if got, base := tl.NER(), tl.NERBase(); math.Abs(got-9.0/11) > 1e-12 || base != 11 {
		t.Errorf("NER = %v over %d, want 9/11 over 11", got, base)
	}
	if tl.NER() < tl.ASR() {
		t.Error("NER below ASR")
	}
}
