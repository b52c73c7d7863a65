package logs

import (
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// detailOf opens the detail of r at 120x26.
func detailOf(c *common.Common, r model.DirectRoutingRow) *detail {
	d := newDetail(c, drDecoded(r))
	d.Update(common.BodySizeMsg{Width: 120, Height: 26})
	return d
}

// allLines is the whole detail, not just the visible part.
func (d *detail) allLines() string { return strings.Join(d.lines, "\n") }

func TestEveryDemoSIPOutcomeIsExplained(t *testing.T) {
	if len(fakegraph.DemoSIPMix) < 10 {
		t.Fatalf("DemoSIPMix has %d outcomes; expected the full mix", len(fakegraph.DemoSIPMix))
	}
	c := uitest.Common(uitest.Now)
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

// The detail says whose service sent the final response (not who is at
// fault) and, for a failure only, where to look; the phrase picks the
// cause where Microsoft's pages tell causes apart by it.
func TestDetailShowsWhoEndedTheCall(t *testing.T) {
	c := uitest.Common(uitest.Now)
	cases := []struct {
		code, sub int32
		want      string
		lookAt    string // "" for no Look at line
	}{
		{403, 560403, "SBC — the SBC, or the PBX or carrier behind it, sent the final response", "SBC logs"},
		{486, 560486, "SBC — the SBC, or the PBX or carrier behind it, sent the final response", ""},
		{504, 569002, "Microsoft — a Microsoft service generated the final response", "Health Dashboard"},
		{403, 510559, "Microsoft — ", "Teams voice configuration"},
		{487, 540487, "SBC or Microsoft — Microsoft's pages disagree on 540xxx", ""},
		{0, 540000, "none — the call was cleared normally", ""},
	}
	for _, tc := range cases {
		d := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: tc.code, CallEndSubReason: tc.sub, SuccessfulCall: tc.code == 0})
		var from, look string
		for _, l := range d.lines {
			switch {
			case strings.HasPrefix(l, "Final response from"):
				from = l
			case strings.HasPrefix(l, "Look at"):
				look = l
			}
		}
		if !strings.Contains(from, tc.want) {
			t.Errorf("%d/%d: %q lacks %q", tc.code, tc.sub, from, tc.want)
		}
		if (tc.lookAt == "") != (look == "") || !strings.Contains(look, tc.lookAt) {
			t.Errorf("%d/%d: look at line %q, want %q", tc.code, tc.sub, look, tc.lookAt)
		}
		if all := d.allLines(); strings.Contains(all, "Ended by") || strings.Contains(all, "start with the SBC logs") {
			t.Errorf("%d/%d: the detail still blames a side:\n%s", tc.code, tc.sub, all)
		}
	}
	failed := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: 486, CallEndSubReason: 560486})
	if !strings.Contains(failed.allLines(), "FAILED (attempt; outcome: user busy)") {
		t.Errorf("a failed row must say FAILED and its outcome in text:\n%s", failed.allLines())
	}
	// A 504's phrase names its cause: a certificate, not the generic 504.
	cert := detailOf(c, model.DirectRoutingRow{ID: "x", FinalSIPCode: 504, CallEndSubReason: 569002,
		FinalSIPCodePhrase: "Unable to deliver INVITE: outgoing TLS negotiation failed; CERT_E_WRONG_USAGE"})
	if all := cert.allLines(); !strings.Contains(all, "(CERT_E_WRONG_USAGE).") || !strings.Contains(all, "Look at        SBC certificate") {
		t.Errorf("the phrase did not pick the 504's cause:\n%s", all)
	}
}

// No line of the detail passes its width, long labels included.
func TestDetailLinesFitTheWidth(t *testing.T) {
	for _, w := range []int{40, 80, 120} {
		d := newDetail(uitest.Common(uitest.Now), drDecoded(recordRow(t)))
		d.Update(common.BodySizeMsg{Width: w, Height: 60})
		for _, l := range d.lines {
			if n := ansi.StringWidth(l); n > w {
				t.Errorf("width %d: line of %d cells: %q", w, n, l)
			}
		}
	}
}

// recordRow is a demo Direct Routing row whose correlation id is a call
// record of the demo tenant.
func recordRow(t *testing.T) model.DirectRoutingRow {
	t.Helper()
	for _, r := range uitest.DemoTenant.DirectRoutingRows() {
		if r.CorrelationID == "" {
			continue
		}
		if _, ok := uitest.DemoTenant.Record(r.CorrelationID); ok {
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
		msg := uitest.KeyRune(k)
		if k == '\r' {
			msg = uitest.KeyEnter
		}
		_, root := press(t, d, msg)
		if len(root) != 1 {
			t.Fatalf("%q: root messages %v, want one push", k, root)
		}
		rs, ok := root[0].(common.PushMsg).Screen.(*record.Screen)
		if !ok || rs.ID() != row.CorrelationID {
			t.Fatalf("%q pushed %T, want the record screen for %s", k, root[0].(common.PushMsg).Screen, row.CorrelationID)
		}
		rs.Update(common.BodySizeMsg{Width: 120, Height: 26})
		got, _ := settle(t, rs, rs.Init())
		if st, v := got.Status(), got.View(); st.Err != nil || st.Loading || !strings.Contains(v, row.CorrelationID) ||
			strings.Contains(v, "Could not load") {
			t.Fatalf("record not loaded: %v\n%s", st.Err, v)
		}
	}
}

func TestDetailRecordNotFound(t *testing.T) {
	c := logCommon(t)
	row := recordRow(t)
	row.CorrelationID = "0badc0de-0000-4000-8000-000000000000"
	d := detailOf(c, row)
	_, root := press(t, d, uitest.KeyRune('o'))
	rs := root[0].(common.PushMsg).Screen.(*record.Screen)
	rs.Update(common.BodySizeMsg{Width: 120, Height: 26})
	got, _ := settle(t, rs, rs.Init())
	if err := got.Status().Err; err != nil {
		t.Fatalf("want a 404, got err %v", err)
	}
	viewHas(t, got.View(), "No Teams call record "+row.CorrelationID, "older than 30 days")
	// The detail underneath is untouched and can open it again.
	if d.row.correlation != row.CorrelationID || !strings.Contains(d.View(), "Outcome") {
		t.Fatal("the detail changed after the record failed")
	}
}

func TestDetailWithoutCorrelationHasNoRecord(t *testing.T) {
	d := detailOf(logCommonWith(nil), model.DirectRoutingRow{ID: "x", FinalSIPCode: 0, CallEndSubReason: 540000, SuccessfulCall: true})
	_, root := press(t, d, uitest.KeyRune('o'))
	if len(root) != 1 {
		t.Fatalf("root = %v", root)
	}
	if f, ok := root[0].(common.FlashMsg); !ok || !f.IsError {
		t.Fatalf("want an error flash, got %#v", root[0])
	}
	for _, b := range d.ShortHelp() {
		if b.Help().Desc == "open call record" && b.Enabled() {
			t.Fatal("help offers a record the row does not have")
		}
	}
}

func TestDetailRawJSONAndScroll(t *testing.T) {
	d := detailOf(uitest.Common(uitest.Now), recordRow(t))
	d.Update(common.BodySizeMsg{Width: 120, Height: 10})
	top := d.View()
	press(t, d, uitest.KeyDown, uitest.KeyDown)
	if d.View() == top || d.offset != 2 {
		t.Fatalf("down did not scroll (offset %d)", d.offset)
	}
	press(t, d, uitest.KeyEnd)
	if d.offset != len(d.lines)-10 {
		t.Fatalf("end: offset %d, want %d", d.offset, len(d.lines)-10)
	}
	press(t, d, uitest.KeyRune('v'))
	viewHas(t, d.View(), "Decoded JSON · row", `"correlationId"`)
	press(t, d, uitest.KeyEnd)
	viewHas(t, d.View(), `"finalSipCode"`, `"callEndSubReason"`)
	press(t, d, uitest.KeyRune('v'))
	if strings.Contains(d.View(), "Decoded JSON") {
		t.Fatal("v did not close the raw JSON")
	}
}

func TestPstnDetailShowsEveryField(t *testing.T) {
	r := uitest.DemoTenant.PstnRows()[0]
	d := newDetail(uitest.Common(uitest.Now), pstnDecoded(r))
	d.Update(common.BodySizeMsg{Width: 120, Height: 40})
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
	c := uitest.Common(uitest.Now)
	var copied string
	c.Copy = func(s string) error { copied = s; return nil }
	corr := "3f2a9c1e-0000-4000-8000-000000000001"
	d := detailOf(c, model.DirectRoutingRow{ID: "row-1", CorrelationID: corr, FinalSIPCode: 403})
	d.Update(uitest.KeyRune('v'))
	if d.raw == nil || !claimsBack(d) {
		t.Fatal("with the raw JSON open, esc must be the detail's (it closes the JSON)")
	}
	if _, root := press(t, d, uitest.KeyRune('o')); len(root) != 1 {
		t.Fatalf("o in the raw JSON: %v, want the call record pushed", root)
	}
	if _, root := press(t, d, uitest.KeyRune('y')); len(root) != 1 || copied != corr {
		t.Fatalf("y in the raw JSON copied %q (%v)", copied, root)
	}
	d.Update(uitest.KeyEsc)
	if d.raw != nil || claimsBack(d) {
		t.Fatal("esc did not close the raw JSON")
	}
}

// o opens the call record straight from the Direct Routing list, as the
// README's key table says; PSTN rows have no correlation id to follow.
func TestListOpensTheCallRecordWithO(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	want := s.row().correlation
	_, root := press(t, s, uitest.KeyRune('o'))
	if len(root) != 1 {
		t.Fatalf("root messages %v, want one push", root)
	}
	if rs, ok := root[0].(common.PushMsg).Screen.(*record.Screen); !ok || rs.ID() != want {
		t.Fatalf("pushed %T, want the record screen for %s", root[0].(common.PushMsg).Screen, want)
	}
	p := openLog(t, logCommon(t), newPstn(), from, to)
	if _, root := press(t, p, uitest.KeyRune('o')); len(root) != 0 {
		t.Fatalf("o on PSTN did %v", root)
	}
}

// drDecoded and pstnDecoded are r as the detail gets it: stored in a
// report and decoded again.
func drDecoded(r model.DirectRoutingRow) decoded {
	rep := newDirectRouting()
	rep.Add(&r)
	return rep.record(0)
}

func pstnDecoded(r model.PstnRow) decoded {
	rep := newPstn()
	rep.Add(&r)
	return rep.record(0)
}
