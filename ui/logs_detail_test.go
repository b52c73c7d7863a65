package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

// detailOf opens the detail of r at 120x26.
func detailOf(c *Common, r model.DirectRoutingRow) *logDetail {
	d := newLogDetail(c, logRow{dr: &r})
	d.Update(bodySizeMsg{Width: 120, Height: 26})
	return d
}

// allLines is the whole detail, not just the visible part.
func (d *logDetail) allLines() string { return strings.Join(d.lines, "\n") }

func TestEveryDemoSIPOutcomeIsExplained(t *testing.T) {
	if len(fakegraph.DemoSIPMix) < 10 {
		t.Fatalf("DemoSIPMix has %d outcomes; expected the full mix", len(fakegraph.DemoSIPMix))
	}
	c := testCommon(logNow)
	for _, o := range fakegraph.DemoSIPMix {
		name := strconv.Itoa(o.Code) + "/" + strconv.Itoa(o.Subcode)
		e := sip.Explain(o.Code, o.Subcode, false)
		if e.SIP.Meaning == "" || e.Sub.Meaning == "" || e.Diagnosis == "" || e.NextStep == "" {
			t.Errorf("%s: incomplete explanation %+v", name, e)
			continue
		}
		if e.Sub.InferredFromPrefix {
			t.Errorf("%s: the demo uses subcode %d but the tables only infer it from its prefix", name, o.Subcode)
		}
		d := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: int32(o.Code), CallEndSubReason: int32(o.Subcode),
			FinalSIPCodePhrase: o.Phrase, SuccessfulCall: o.Code == 0})
		all := d.allLines()
		for _, want := range []string{"Diagnosis", "Check next", strconv.Itoa(o.Subcode) + " — ", firstWords(e.Sub.Meaning), firstWords(e.Diagnosis)} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: detail lacks %q:\n%s", name, want, all)
			}
		}
	}
}

// firstWords is the start of a text, short enough not to be wrapped.
func firstWords(s string) string {
	if len(s) > 24 {
		s = s[:24]
	}
	return strings.TrimSpace(s)
}

func TestDetailShowsWhoEndedTheCall(t *testing.T) {
	c := testCommon(logNow)
	cases := []struct {
		code, sub int32
		want      string
	}{
		{403, 560403, "SBC — subcode 560403 starts with 560"},
		{486, 560486, "SBC — subcode 560486 starts with 560"},
		{504, 569002, "Microsoft — a Microsoft service generated the final response"},
		{403, 510559, "Microsoft — "},
		{0, 540000, "normal end — the call was cleared without a SIP error"},
	}
	for _, tc := range cases {
		d := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: tc.code, CallEndSubReason: tc.sub, SuccessfulCall: tc.code == 0})
		var ended string
		for _, l := range d.lines {
			if strings.HasPrefix(l, "Ended by") {
				ended = l
			}
		}
		if !strings.Contains(ended, tc.want) {
			t.Errorf("%d/%d: %q lacks %q", tc.code, tc.sub, ended, tc.want)
		}
	}
	failed := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: 486, CallEndSubReason: 560486})
	if !strings.Contains(failed.allLines(), "FAILED (attempt; outcome: user busy)") {
		t.Errorf("a failed row must say FAILED and its outcome in text:\n%s", failed.allLines())
	}
}

// recordRow is a demo Direct Routing row whose correlation id is a call
// record of the demo tenant.
func recordRow(t *testing.T) model.DirectRoutingRow {
	t.Helper()
	for _, r := range demoTenant.DirectRoutingRows() {
		if r.CorrelationID == "" {
			continue
		}
		if _, ok := demoTenant.Record(r.CorrelationID); ok {
			return r
		}
	}
	t.Fatal("no demo row correlates with a call record")
	return model.DirectRoutingRow{}
}

func TestDetailOpensTheCallRecord(t *testing.T) {
	c := logCommon(t)
	row := recordRow(t)
	for _, k := range []rune{'o', '\r'} {
		d := detailOf(c, row)
		msg := keyRune(k)
		if k == '\r' {
			msg = keyEnter
		}
		_, root := press(t, d, msg)
		if len(root) != 1 {
			t.Fatalf("%q: root messages %v, want one push", k, root)
		}
		rs, ok := root[0].(pushMsg).s.(*recordScreen)
		if !ok || rs.id != row.CorrelationID {
			t.Fatalf("%q pushed %T, want the record screen for %s", k, root[0].(pushMsg).s, row.CorrelationID)
		}
		rs.Update(bodySizeMsg{Width: 120, Height: 26})
		got, _ := settle(t, rs, rs.Init())
		rs = got.(*recordScreen)
		if rs.rec == nil || rs.rec.ID != row.CorrelationID || rs.err != nil {
			t.Fatalf("record not loaded: %v", rs.err)
		}
	}
}

func TestDetailRecordNotFound(t *testing.T) {
	c := logCommon(t)
	row := recordRow(t)
	row.CorrelationID = "0badc0de-0000-4000-8000-000000000000"
	d := detailOf(c, row)
	_, root := press(t, d, keyRune('o'))
	rs := root[0].(pushMsg).s.(*recordScreen)
	rs.Update(bodySizeMsg{Width: 120, Height: 26})
	got, _ := settle(t, rs, rs.Init())
	rs = got.(*recordScreen)
	if !rs.notFound {
		t.Fatalf("want a 404, got err %v", rs.err)
	}
	viewHas(t, rs.View(), "No Teams call record "+row.CorrelationID, "older than 30 days")
	// The detail underneath is untouched and can open it again.
	if d.row.dr.CorrelationID != row.CorrelationID || !strings.Contains(d.View(), "Outcome") {
		t.Fatal("the detail changed after the record failed")
	}
}

func TestDetailWithoutCorrelationHasNoRecord(t *testing.T) {
	d := detailOf(logCommonWith(nil), model.DirectRoutingRow{ID: "x", FinalSIPCode: 0, CallEndSubReason: 540000, SuccessfulCall: true})
	_, root := press(t, d, keyRune('o'))
	if len(root) != 1 {
		t.Fatalf("root = %v", root)
	}
	if f, ok := root[0].(flashMsg); !ok || !f.isErr {
		t.Fatalf("want an error flash, got %#v", root[0])
	}
	for _, b := range d.ShortHelp() {
		if b.Help().Desc == "open call record" && b.Enabled() {
			t.Fatal("help offers a record the row does not have")
		}
	}
}

func TestDetailRawJSONAndScroll(t *testing.T) {
	d := detailOf(testCommon(logNow), recordRow(t))
	d.Update(bodySizeMsg{Width: 120, Height: 10})
	top := d.View()
	press(t, d, keyDown, keyDown)
	if d.View() == top || d.offset != 2 {
		t.Fatalf("down did not scroll (offset %d)", d.offset)
	}
	press(t, d, keyEnd)
	if d.offset != len(d.lines)-10 {
		t.Fatalf("end: offset %d, want %d", d.offset, len(d.lines)-10)
	}
	press(t, d, keyRune('v'))
	viewHas(t, d.View(), "Raw JSON", `"correlationId"`)
	press(t, d, keyEnd)
	viewHas(t, d.View(), `"finalSipCode"`, `"callEndSubReason"`)
	press(t, d, keyRune('v'))
	if strings.Contains(d.View(), "Raw JSON") {
		t.Fatal("v did not close the raw JSON")
	}
}

func TestPstnDetailShowsEveryField(t *testing.T) {
	r := demoTenant.PstnRows()[0]
	d := newLogDetail(testCommon(logNow), logRow{pstn: &r})
	d.Update(bodySizeMsg{Width: 120, Height: 40})
	all := strings.Join(d.lines, "\n")
	for _, want := range []string{r.ID, r.CallID, r.CallType, r.DestinationName, r.LicenseCapability, r.CalleeNumber} {
		if want != "" && !strings.Contains(all, want) {
			t.Errorf("PSTN detail lacks %q", want)
		}
	}
}

// The raw JSON of a log row behaves as on the record and session screens:
// esc closes it before the detail, and o and y, which the help keeps
// offering, still act.
func TestDetailRawJSONClosesFirstAndKeepsItsKeys(t *testing.T) {
	c := testCommon(logNow)
	var copied string
	c.Copy = func(s string) error { copied = s; return nil }
	corr := "3f2a9c1e-0000-4000-8000-000000000001"
	d := detailOf(c, model.DirectRoutingRow{ID: "row-1", CorrelationID: corr, FinalSIPCode: 403})
	d.Update(keyRune('v'))
	if d.raw == nil || !claimsBack(d) {
		t.Fatal("with the raw JSON open, esc must be the detail's (it closes the JSON)")
	}
	if _, root := press(t, d, keyRune('o')); len(root) != 1 {
		t.Fatalf("o in the raw JSON: %v, want the call record pushed", root)
	}
	if _, root := press(t, d, keyRune('y')); len(root) != 1 || copied != corr {
		t.Fatalf("y in the raw JSON copied %q (%v)", copied, root)
	}
	d.Update(keyEsc)
	if d.raw != nil || claimsBack(d) {
		t.Fatal("esc did not close the raw JSON")
	}
}

// o opens the call record straight from the Direct Routing list, as the
// README's key table says; PSTN rows have no correlation id to follow.
func TestListOpensTheCallRecordWithO(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	want := s.row().dr.CorrelationID
	_, root := press(t, s, keyRune('o'))
	if len(root) != 1 {
		t.Fatalf("root messages %v, want one push", root)
	}
	if rs, ok := root[0].(pushMsg).s.(*recordScreen); !ok || rs.id != want {
		t.Fatalf("pushed %T, want the record screen for %s", root[0].(pushMsg).s, want)
	}
	p := openLog(t, logCommon(t), logPstn, from, to)
	if _, root := press(t, p, keyRune('o')); len(root) != 0 {
		t.Fatalf("o on PSTN did %v", root)
	}
}
