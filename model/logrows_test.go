package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// A null or absent number or flag of a log row is "not reported", never 0.
func TestDirectRoutingRowNullIsNotReported(t *testing.T) {
	const doc = `{"id":"a","duration":null,"successfulCall":null,"finalSipCode":null,"callEndSubReason":null}`
	var r DirectRoutingRow
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatal(err)
	}
	for _, f := range []LogFields{LogDuration, LogSuccessfulCall, LogFinalSIPCode, LogCallEndSubReason, LogMediaBypassEnabled} {
		if r.Reported(f) {
			t.Errorf("field %b reported, want not reported (null or absent)", f)
		}
	}
	if r.ID != "a" {
		t.Errorf("ID = %q, the other fields must still decode", r.ID)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"duration", "successfulCall", "finalSipCode", "callEndSubReason", "mediaBypassEnabled"} {
		if v, ok := back[k]; !ok || v != nil {
			t.Errorf("marshal %s = %v (present %v), want null", k, v, ok)
		}
	}
}

// Zeros that Graph sent are values: finalSipCode 0 is a normal end.
func TestDirectRoutingRowZeroIsReported(t *testing.T) {
	const doc = `{"id":"a","duration":0,"successfulCall":false,"finalSipCode":0,"callEndSubReason":540000,"mediaBypassEnabled":false}`
	var r DirectRoutingRow
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatal(err)
	}
	if r.Unreported != 0 || r.CallEndSubReason != 540000 {
		t.Fatalf("row = %+v, want every field reported", r)
	}
	out, _ := json.Marshal(r)
	var again DirectRoutingRow
	if err := json.Unmarshal(out, &again); err != nil || again != r {
		t.Errorf("round trip = %+v, %v; want %+v", again, err, r)
	}
	// Reusing a row for the next element must not keep its old values.
	if err := json.Unmarshal([]byte(`{"id":"b"}`), &r); err != nil || r.CallEndSubReason != 0 || r.Reported(LogCallEndSubReason) {
		t.Errorf("reused row = %+v, %v", r, err)
	}
}

func TestPstnRowNullDuration(t *testing.T) {
	var r PstnRow
	if err := json.Unmarshal([]byte(`{"id":"p","duration":null,"charge":1.5}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.Reported(LogDuration) || r.Charge == nil || *r.Charge != 1.5 {
		t.Fatalf("row = %+v, want duration not reported and the charge kept", r)
	}
	if out, _ := json.Marshal(r); !json.Valid(out) || !strings.Contains(string(out), `"duration":null`) {
		t.Errorf("marshal = %s, want a null duration", out)
	}
	if err := json.Unmarshal([]byte(`{"id":"p","duration":60}`), &r); err != nil || !r.Reported(LogDuration) || r.Duration != 60 {
		t.Errorf("row = %+v, %v; want duration 60 reported", r, err)
	}
}

// A failureInfo with neither stage nor reason is no failure.
func TestFailureInfoFailed(t *testing.T) {
	cases := []struct {
		f    *FailureInfo
		want bool
	}{
		{nil, false},
		{&FailureInfo{}, false},
		{&FailureInfo{Stage: "callSetup"}, true},
		{&FailureInfo{Reason: "Media failure"}, true},
	}
	for _, c := range cases {
		if got := c.f.Failed(); got != c.want {
			t.Errorf("%+v.Failed() = %v, want %v", c.f, got, c.want)
		}
	}
	var f FailureInfo
	if err := json.Unmarshal([]byte(`{"stage":null,"reason":""}`), &f); err != nil || f.Failed() {
		t.Errorf("null stage, empty reason: Failed() = %v, %v; want false", f.Failed(), err)
	}
}
