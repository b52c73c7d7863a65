package sip

import (
	"encoding/json"
	"math"
	"strings"
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
	for o := Answered; o <= NotReported; o++ {
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

// A missing successfulCall, finalSipCode or (where the bucket depends on
// it) callEndSubReason is "not reported": never answered, a normal end or
// a failure.
func TestClassifyReported(t *testing.T) {
	tests := []struct {
		ok       bool
		sip, sub int
		missing  Unreported
		want     Outcome
	}{
		{false, 0, 0, UnreportedSuccess | UnreportedCode | UnreportedSubcode, NotReported},
		{false, 0, 540000, UnreportedSuccess, NotReported}, // 0/540000 would read as a normal end
		{true, 0, 0, UnreportedSuccess, NotReported},
		{true, 0, 0, UnreportedCode | UnreportedSubcode, Answered},
		{false, 0, 560503, UnreportedCode, NotReported},
		{false, 0, 0, UnreportedSubcode, NotReported}, // 0 with subcode 0 would be a caller abandon
		{false, 487, 0, UnreportedSubcode, NotReported},
		{false, 480, 0, UnreportedSubcode, NotReported},
		{false, 408, 0, UnreportedSubcode, NotReported},
		{false, 486, 0, UnreportedSubcode, UserBusy},
		{false, 603, 0, UnreportedSubcode, TerminalReject},
		{false, 503, 0, UnreportedSubcode, Failure},
		{false, 487, 540487, 0, CallerAbandon},
		{false, 0, 540000, 0, CallerAbandon},
	}
	for _, tt := range tests {
		if got := ClassifyReported(tt.ok, tt.sip, tt.sub, tt.missing); got != tt.want {
			t.Errorf("ClassifyReported(%v, %d, %d, %b) = %v, want %v", tt.ok, tt.sip, tt.sub, tt.missing, got, tt.want)
		}
	}
}

// Rows whose outcome was not reported are attempts but stay out of both
// sides of ASR and NER.
func TestTallyNotReported(t *testing.T) {
	var tl Tally
	for _, o := range []Outcome{Answered, Failure, NotReported, NotReported} {
		tl.Add(o)
	}
	if tl.Attempts != 4 || tl.NotReported != 2 || tl.Failures != 1 || tl.Answered != 1 {
		t.Fatalf("tally = %+v", tl)
	}
	if tl.ASRBase() != 2 || math.Abs(tl.ASR()-0.5) > 1e-12 {
		t.Errorf("ASR = %v over %d, want 1/2 over 2", tl.ASR(), tl.ASRBase())
	}
	if tl.NERBase() != 2 || math.Abs(tl.NER()-0.5) > 1e-12 {
		t.Errorf("NER = %v over %d, want 1/2 over 2", tl.NER(), tl.NERBase())
	}
	var none Tally
	none.Add(NotReported)
	if none.ASRBase() != 0 || none.NERBase() != 0 || none.ASR() != 0 || none.NER() != 0 {
		t.Errorf("only unreported rows: %+v ASR %v NER %v, want undefined (0 over 0)", none, none.ASR(), none.NER())
	}
	for _, help := range []string{ASRHelp, NERHelp} {
		if !strings.Contains(help, "did not report") {
			t.Errorf("help %q does not say how unreported rows count", help)
		}
	}
}

// Tally's JSON keys are camelCase like every other key callscope writes.
func TestTallyJSONKeys(t *testing.T) {
	b, err := json.Marshal(Tally{Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"attempts", "answered", "userBusy", "ringNoAnswer", "terminalReject", "delivered", "abandoned", "failures", "notReported"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from %s", k, b)
		}
	}
	if len(m) != 9 || m["attempts"] != 1 {
		t.Errorf("tally JSON = %s, want exactly the 9 camelCase keys", b)
	}
}
