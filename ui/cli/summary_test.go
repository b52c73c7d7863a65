package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
)

// A summary with only rows whose outcome was not reported shows "-" for
// ASR and NER (undefined), never 0 %, and says how many there are.
func TestWriteSummaryNotReported(t *testing.T) {
	from := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b := triage.NewBuilder(from, from.Add(time.Hour))
	b.Add(triage.Call{At: from.UnixNano(), Missing: sip.UnreportedSuccess | sip.UnreportedCode | sip.UnreportedSubcode, Trunk: "sbc1.contoso.com"})
	b.Add(triage.Call{At: from.UnixNano(), Missing: sip.UnreportedCode | sip.UnreportedSubcode, Trunk: "sbc1.contoso.com"})
	s := b.Summary()
	s.Complete = true
	var out bytes.Buffer
	if err := writeSummary(&out, s, false); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"2 calls, 1 failed (50.0%), ASR -, NER -", "2 calls without a reported outcome", "-    -        1"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	out.Reset()
	if err := writeSummary(&out, s, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"sipCode": null`) || !strings.Contains(out.String(), `"notReported": 2`) {
		t.Errorf("json:\n%s", out.String())
	}
}

func summaryFixture() *triage.Summary {
	from := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b := triage.NewBuilder(from, from.Add(4*time.Hour))
	at := func(h int) int64 { return from.Add(time.Duration(h) * time.Hour).UnixNano() }
	for i := 0; i < 3; i++ {
		b.Add(triage.Call{At: at(i), SIPCode: 504, Subcode: 569008, Phrase: "Server Time-out", Trunk: "sbc-branch.contoso.com", Location: "USEA"})
	}
	b.Add(triage.Call{At: at(1), Successful: true, Subcode: 540000, Phrase: "BYE", Trunk: "sbc1.contoso.com", Location: "USWE"})
	b.Add(triage.Call{At: at(2), SIPCode: 486, Subcode: 560486, Phrase: "Busy Here", Trunk: "sbc1.contoso.com", Location: "USWE"})
	s := b.Summary()
	s.Complete = true
	return s
}

func TestWriteSummaryText(t *testing.T) {
	var out bytes.Buffer
	if err := writeSummary(&out, summaryFixture(), false); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Direct Routing calls 2026-11-20T10:00:00Z to 2026-11-20T14:00:00Z",
		"5 calls, 4 failed (80.0%), ASR 20.0%, NER 40.0%",
		"warning: fewer than 100 calls",
		"504  569008   3      75.0%",
		"sbc-branch.contoso.com (3)",
		"FAILURES PER HOUR",
		"███▁",
		"WHAT THE FAILURES MEAN",
		"504/569008  SBC certificate",
		"FINAL RESPONSE FROM",
		"HOW ASR AND NER COUNT",
		sip.NERHelp,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(strings.ToLower(text), "ended by") {
		t.Error("the summary still says who \"ended\" the call; it says whose service sent the final response")
	}
	if strings.Contains(text, "stopped early") {
		t.Error("a complete summary must not warn about a partial load")
	}
	// Columns line up: the trunk rows' call counts sit under CALLS.
	var head int
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, "TRUNK "):
			head = strings.Index(l, "CALLS")
		case strings.HasPrefix(l, "sbc-branch.contoso.com"):
			if strings.Index(l, " 3 ")+1 != head {
				t.Errorf("trunk row not aligned under CALLS (col %d): %q", head, l)
			}
		}
	}
}

func TestWriteSummaryJSON(t *testing.T) {
	var out bytes.Buffer
	if err := writeSummary(&out, summaryFixture(), true); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Calls  int `json:"calls"`
		Failed int `json:"failed"`
		Codes  []struct {
			SIPCode           int    `json:"sipCode"`
			FinalResponseFrom string `json:"finalResponseFrom"`
		} `json:"codes"`
		Tally         map[string]int `json:"tally"`
		BucketSeconds int64          `json:"bucketSeconds"`
		Trunks        []struct {
			Trunk  string  `json:"trunk"`
			Hourly []int32 `json:"hourly"`
		} `json:"trunks"`
	}
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if back.Calls != 5 || back.Failed != 4 || back.Codes[0].SIPCode != 504 || back.Codes[0].FinalResponseFrom != "Microsoft" ||
		back.Trunks[0].Trunk != "sbc-branch.contoso.com" || len(back.Trunks[0].Hourly) != 4 {
		t.Fatalf("json = %+v", back)
	}
	// camelCase keys like every other key; the bucket size in seconds.
	if back.Tally["attempts"] != 5 || back.Tally["failures"] != 3 || back.BucketSeconds != 3600 {
		t.Errorf("tally %v, bucketSeconds %d; want attempts 5, failures 3, 3600", back.Tally, back.BucketSeconds)
	}
	for _, old := range []string{`"Attempts"`, `"bucketSize"`, `"endedBy"`} {
		if strings.Contains(out.String(), old) {
			t.Errorf("summary JSON still has %s", old)
		}
	}
}

func TestWritePstnSummary(t *testing.T) {
	from := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b := triage.NewPstnBuilder(from, from.Add(2*time.Hour))
	b.Add(triage.PstnCall{At: from.UnixNano(), Seconds: 61, Charge: 0.5, Currency: "USD", Destination: "United States", CallType: "user_out", License: "MCOPSTN1"})
	s := b.Summary()
	var out bytes.Buffer
	if err := writePstnSummary(&out, s, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 calls, 2 minutes, charges 0.50 USD", "DESTINATION", "United States", "CALLS PER HOUR", "stopped early"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("PSTN summary lacks %q:\n%s", want, out.String())
		}
	}
}
