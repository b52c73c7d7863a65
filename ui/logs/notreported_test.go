package logs

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
)

// A row Graph sent with null finalSipCode, successfulCall, callEndSubReason
// and duration is shown "—" in the list and "not reported" in the detail,
// counted as not reported (not answered, not failed) in the triage
// summary, and exported with empty CSV cells.
func TestNullRowThroughTheFake(t *testing.T) {
	const nullID = "3f2a0000-0000-4000-8000-0000000000aa"
	at := uitest.Now.Add(-2 * time.Hour)
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(
		model.DirectRoutingRow{ID: nullID, StartDateTime: model.NewTime(at), InviteDateTime: model.NewTime(at),
			TrunkFullyQualifiedDomainName: "sbc1.contoso.com", CallType: "ByotOut",
			Unreported: model.LogDuration | model.LogSuccessfulCall | model.LogFinalSIPCode | model.LogCallEndSubReason},
		model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-0000000000bb", StartDateTime: model.NewTime(at.Add(time.Minute)),
			SuccessfulCall: true, CallEndSubReason: 540000, FinalSIPCodePhrase: "BYE", Duration: 60,
			EndDateTime: model.NewTime(at.Add(2 * time.Minute)), TrunkFullyQualifiedDomainName: "sbc1.contoso.com"},
		model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-0000000000cc", StartDateTime: model.NewTime(at.Add(2 * time.Minute)),
			FinalSIPCode: 503, CallEndSubReason: 560503, FinalSIPCodePhrase: "Service Unavailable",
			FailureDateTime: model.NewTime(at.Add(2 * time.Minute)), TrunkFullyQualifiedDomainName: "sbc1.contoso.com"},
	)
	fake := fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return uitest.Now }})
	client, _ := uitest.Serve(t, fake, uitest.Retries) // the fake serves a row's unreported values as null
	c := logCommonWith(client)
	c.ExportDir = t.TempDir()
	s := openLog(t, c, newDirectRouting(), uitest.Now.Add(-24*time.Hour), uitest.Now)

	st := drStore(s.feed)
	i := st.FindID(nullID)
	if i < 0 || st.Len() != 3 {
		t.Fatalf("null row not loaded (%d rows)", st.Len())
	}
	row := st.Row(i)
	if row.Reported(model.LogFinalSIPCode) || row.Reported(model.LogSuccessfulCall) || row.Reported(model.LogDuration) {
		t.Fatalf("the null row decoded as reported: %+v", row)
	}
	for _, col := range []int{rowstore.DRColResult, rowstore.DRColSIP, rowstore.DRColSub, rowstore.DRColDuration} {
		if got := st.Cell(i, col, time.UTC, "FAILED"); got != "—" {
			t.Errorf("column %d = %q, want —", col, got)
		}
	}
	if st.Failed(i) {
		t.Error("a row without successfulCall is not a failed row")
	}
	detail := detailOf(c, row).allLines()
	for _, want := range []string{"Result", "not reported", "SIP code", "Duration"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "normal end") || strings.Contains(detail, "OK (successful call)") {
		t.Errorf("the detail reads a null as a value:\n%s", detail)
	}

	sum := openSummary(t, s)
	got, _ := settle(t, sum, sum.Init())
	sum = got.(*summary)
	d := drSum(sum)
	if d.Calls != 3 || d.Tally.NotReported != 1 || d.Tally.Answered != 1 || d.Failed != 1 || d.Tally.Failures != 1 {
		t.Fatalf("summary: calls %d failed %d tally %+v; want the null row as not reported", d.Calls, d.Failed, d.Tally)
	}
	viewHas(t, sum.View(), "1 outcome not reported", "ASR 50.0%", "NER 50.0%")

	_, root := press(t, s, uitest.KeyRune('e'))
	if len(root) != 1 || root[0].(common.FlashMsg).IsError {
		t.Fatalf("export: %v", root)
	}
	files, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-direct-routing-*.csv"))
	if len(files) != 1 {
		t.Fatalf("export files %v", files)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	for _, r := range recs[1:] {
		if r[0] != nullID {
			continue
		}
		for _, name := range []string{"duration", "successfulCall", "finalSipCode", "callEndSubReason"} {
			if r[col(name)] != "" {
				t.Errorf("exported %s = %q, want an empty cell", name, r[col(name)])
			}
		}
		if r[col("outcome")] != "not reported" {
			t.Errorf("exported outcome = %q", r[col("outcome")])
		}
		return
	}
	t.Fatalf("the null row is not in the export:\n%s", raw)
}

// With no call that a ratio counts, the ratio is undefined: a dash, not
// 0 %; the help lines say which outcomes ASR and NER count.
func TestSummaryRatiosWithoutBase(t *testing.T) {
	c := uitest.Common(uitest.Now)
	g := &drGroups{}
	g.sum = &triage.Summary{Calls: 1, Tally: sip.Tally{Attempts: 1, NotReported: 1},
		Trunks: []triage.TrunkGroup{{Trunk: "sbc1.contoso.com", Tally: sip.Tally{Attempts: 1, NotReported: 1}}}}
	viewHas(t, g.headline(&c.Styles), "ASR — · NER —", "1 outcome not reported")
	b := &sumLines{st: &c.Styles}
	g.items(b, 200, time.UTC)
	var text strings.Builder
	for _, it := range b.items {
		text.WriteString(it.text + "\n")
	}
	viewHas(t, text.String(), "How ASR and NER count", "answered ÷ attempts", "Health Dashboard")
	if strings.Contains(text.String(), "0.0%") {
		t.Errorf("a ratio over no calls shows 0.0%%:\n%s", text.String())
	}
	if strings.Contains(strings.ToLower(text.String()), "ended by") {
		t.Errorf("the summary still says \"ended by\":\n%s", text.String())
	}
}
