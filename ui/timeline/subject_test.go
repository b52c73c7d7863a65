package timeline

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// TestSubjectOfRowsAndParticipants: a log row follows its user, else the
// far end's number; a participant id that is a number follows the number.
func TestSubjectOfRowsAndParticipants(t *testing.T) {
	withUser := &model.DirectRoutingRow{UserID: anette, UserPrincipalName: "anette.thomsen@contoso.com", CallType: "ByotIn",
		CallerNumber: "+4930123456"}
	if s, ok := OfDirect(withUser); !ok || s.ID != anette || s.Name != "anette.thomsen@contoso.com" || s.IsNumber() {
		t.Fatalf("user row: %+v", s)
	}
	in := &model.PstnRow{CallType: "user_in", CallerNumber: "+49 30 123456", CalleeNumber: "+14255550100"}
	if s, ok := OfPstn(in); !ok || s.Number != "+49 30 123456" || s.participant() != "+4930123456" {
		t.Fatalf("inbound row: %+v", s)
	}
	out := &model.PstnRow{CallType: "user_out", CallerNumber: "+14255550100", CalleeNumber: "+4940999999"}
	if s, _ := OfPstn(out); s.Number != "+4940999999" {
		t.Fatalf("outbound row: %+v", s)
	}
	if _, ok := OfDirect(&model.DirectRoutingRow{CallType: "ByotOut", CalleeNumber: "*******"}); ok {
		t.Fatal("a masked number names nobody")
	}
	if s := Participant("+14255550100", ""); !s.IsNumber() || s.participant() != "+14255550100" {
		t.Fatalf("number participant: %+v", s)
	}
	if s := Participant(anette, ""); s.IsNumber() || s.Name != anette {
		t.Fatalf("person participant: %+v", s)
	}
	for number, want := range map[string]string{"tel:+1 (425) 555-0100": "+14255550100", "0049 30 123456": "+4930123456", "030 123456": ""} {
		if got := Number(number).participant(); got != want {
			t.Errorf("%q: participant %q, want %q", number, got, want)
		}
	}
}

// TestOpenAndPush: a screen's Open reaches the root, whose Push opens the
// timeline over that screen with the openers it gives.
func TestOpenAndPush(t *testing.T) {
	c := uitest.Common(uitest.T0)
	from := New(c, Person(larsen, "Anette Larsen"), time.Time{}, time.Time{})
	msg, ok := Open(from, Person(anette, "Anette Thomsen"), at(48), uitest.T0)().(OpenMsg)
	if !ok || msg.From != from || msg.Subject.ID != anette || !msg.Since.Equal(at(48)) {
		t.Fatalf("open %+v", msg)
	}
	opened := false
	push, ok := Push(c, msg, Openers{Pstn: func(*common.Common, model.PstnRow) common.Screen { opened = true; return nil }})().(common.PushMsg)
	if !ok || push.From != from {
		t.Fatalf("push %+v", push)
	}
	s := push.Screen.(*Screen)
	if s.Title() != "Timeline Anette Thomsen" || !s.from.Equal(at(48)) || s.open.Pstn == nil {
		t.Fatalf("screen %s %v", s.Title(), s.from)
	}
	s.open.Pstn(c, model.PstnRow{})
	if !opened {
		t.Fatal("openers not kept")
	}
}

// TestOtherPartyFromSessions: a call the subject organized names the far
// end from its sessions: a user's associated identity, or a phone leg's
// identity; the subject's own endpoints never.
func TestOtherPartyFromSessions(t *testing.T) {
	s := Person(anette, "Anette Thomsen")
	self := &model.Endpoint{Identity: &model.IdentitySet{User: &model.Identity{ID: anette, DisplayName: "Anette Thomsen"}}}
	phone := &model.Endpoint{Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+14255550100"}}}
	rec := model.CallRecord{ID: "r", OrganizerV2: &model.Participant{ID: anette},
		Sessions: []model.Session{{Caller: self, Callee: phone}}}
	e := callEntry(s, &rec)
	if e.other != "" {
		t.Fatalf("the subject organized: other %q before the record", e.other)
	}
	e.withVerdict(s, &rec)
	if e.other != "+14255550100" || e.result != "ok" {
		t.Fatalf("other %q, result %q", e.other, e.result)
	}
	// Followed as the number, the phone leg is the subject: the user is the other party.
	n := Number("+1 425 555 0100")
	if got := otherInSessions(n, &model.CallRecord{Sessions: []model.Session{{Caller: phone, Callee: self}}}); got != "Anette Thomsen" {
		t.Fatalf("number's other party %q", got)
	}
}
