package logs

import (
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/timeline"
	"github.com/callscope/callscope/ui/uitest"
)

// TestNewDirectAndPstnDetail: a row handed in opens the detail the list
// opens, titled and laid out alike.
func TestNewDirectAndPstnDetail(t *testing.T) {
	c := uitest.Common(uitest.Now)
	dr := model.DirectRoutingRow{ID: "dr1", CorrelationID: "corr-1", FinalSIPCode: 503, StartDateTime: model.NewTime(uitest.Now)}
	d := NewDirectDetail(c, dr)
	d.Update(common.BodySizeMsg{Width: 100, Height: 40})
	if d.Title() != "SIP 503/0" {
		t.Fatalf("title %q", d.Title())
	}
	uitest.ViewHas(t, d.View(), "corr-1")
	p := NewPstnDetail(c, model.PstnRow{ID: "p1", CallID: "call-1", StartDateTime: model.NewTime(uitest.Now)})
	p.Update(common.BodySizeMsg{Width: 100, Height: 40})
	uitest.ViewHas(t, p.View(), "call-1")
}

// TestTimelineKeyOpensTheRowsPerson: p on a Direct Routing row asks the
// root for the timeline of the row's user over the list's range.
func TestTimelineKeyOpensTheRowsPerson(t *testing.T) {
	from, to := threeDays()
	s := NewDirect(logCommon(t), from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.Init())
	s = got.(*List)
	if !enabledIn(s.ShortHelp(), uitest.KeyRune('p')) {
		t.Fatal("help does not offer p")
	}
	_, cmd := s.Update(uitest.KeyRune('p'))
	msgs := uitest.Messages(cmd)
	open, ok := msgs[0].(timeline.OpenMsg)
	if !ok {
		t.Fatalf("p: %#v", msgs)
	}
	row := drStore(s.feed).Row(int32(s.rowAt(s.tbl.Cursor())))
	want, _ := timeline.OfDirect(&row)
	if open.From != s || open.Subject != want || !open.Since.Equal(from) || !open.Until.Equal(to) {
		t.Fatalf("open %+v, want %+v", open, want)
	}
}
