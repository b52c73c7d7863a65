package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model/triage"
)

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
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
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
			SIPCode int    `json:"sipCode"`
			EndedBy string `json:"endedBy"`
		} `json:"codes"`
		Trunks []struct {
			Trunk  string  `json:"trunk"`
			Hourly []int32 `json:"hourly"`
		} `json:"trunks"`
	}
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if back.Calls != 5 || back.Failed != 4 || back.Codes[0].SIPCode != 504 || back.Codes[0].EndedBy != "Microsoft" ||
		back.Trunks[0].Trunk != "sbc-branch.contoso.com" || len(back.Trunks[0].Hourly) != 4 {
		t.Fatalf("json = %+v", back)
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
