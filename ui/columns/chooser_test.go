package columns

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// toggleKey is the toggle binding the root hands the chooser: space.
var toggleKey = key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "show/hide"))

// keySpace is space as Bubble Tea parses it.
var keySpace = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}

// savedCall is one call of a fake Prefs.Save.
type savedCall struct {
	kind  string
	names []string
}

// fakePrefs is Prefs whose Save records its calls and answers err.
func fakePrefs(saved *[]savedCall, err error) *Prefs {
	return &Prefs{Save: func(kind string, names []string) (string, error) {
		*saved = append(*saved, savedCall{kind, names})
		return "/tmp/callscope/config.yaml", err
	}}
}

// demoCommon is uitest.Common at uitest.Now with a client for the demo
// tenant, served by the fake Graph over HTTP.
func demoCommon(t *testing.T) *common.Common {
	t.Helper()
	c := uitest.Common(uitest.Now)
	c.Client, _ = uitest.FakeGraph(t, uitest.DemoTenant, fakegraph.Options{}, graphclient.Options{})
	return c
}

// loaded is s at 160×30 with its first rows in, so its table draws.
func loaded[S common.Screen](t *testing.T, s S) S {
	t.Helper()
	s.Update(common.BodySizeMsg{Width: 160, Height: 30})
	uitest.SettleScreen(t, s, s.Init())
	if !strings.HasPrefix(header(s), "Start ") {
		t.Fatalf("no rows loaded:\n%s", s.View())
	}
	return s
}

// callsList is the calls list of the demo tenant's last hour.
func callsList(t *testing.T) (*common.Common, *calls.Screen) {
	t.Helper()
	c := demoCommon(t)
	return c, loaded(t, calls.New(c, calls.Filter{From: uitest.Now.Add(-time.Hour), To: uitest.Now}))
}

// header is the list's column header, the first line its table draws:
// the titles, one space apart.
func header(s common.Screen) string {
	line, _, _ := strings.Cut(s.View(), "\n")
	return strings.Join(strings.Fields(line), " ")
}

// press sends keys to the chooser and returns the messages for the root.
func press(t *testing.T, ch *Chooser, keys ...tea.KeyMsg) []tea.Msg {
	t.Helper()
	_, msgs := uitest.Press(t, ch, keys...)
	return msgs
}

func TestChooserHidesTheUntickedColumnsOnApplyAndSavesThem(t *testing.T) {
	c, list := callsList(t)
	if h := header(list); h != "Start Duration Type Modalities Organizer Result Quality Id" {
		t.Fatalf("the calls list starts with every column: %q", h)
	}
	var saved []savedCall
	prefs := fakePrefs(&saved, nil)
	ch, ok := Open(c, list, prefs, toggleKey)
	if !ok {
		t.Fatal("the calls list offers its columns")
	}
	ch.Update(common.BodySizeMsg{Width: 160, Height: 30})
	uitest.ViewHas(t, ch.View(), "Columns", "› [x] Start", "[x] Duration", "[x] Id", "8 of 8 columns shown")

	// Untick Duration and Id: the list is untouched until applied.
	if msgs := press(t, ch, uitest.KeyDown, keySpace, uitest.KeyEnd, keySpace); len(msgs) != 0 {
		t.Fatalf("toggling asks the root for %v", msgs)
	}
	uitest.ViewHas(t, ch.View(), "[ ] Duration", "› [ ] Id", "6 of 8 columns shown")
	if slices.Contains(list.VisibleColumns(), false) || !strings.Contains(header(list), "Duration") {
		t.Fatal("the list changed before apply")
	}

	msgs := press(t, ch, uitest.KeyEnter)
	want := []bool{true, false, true, true, true, true, true, false}
	if got := list.VisibleColumns(); !slices.Equal(got, want) {
		t.Fatalf("visible after apply = %v, want %v", got, want)
	}
	if h := header(list); h != "Start Type Modalities Organizer Result Quality" {
		t.Fatalf("header after apply: %q", h)
	}
	wantNames := []string{"start", "type", "modalities", "organizer", "result", "quality"}
	if len(saved) != 1 || saved[0].kind != common.ColumnsCalls || !slices.Equal(saved[0].names, wantNames) {
		t.Fatalf("saved %+v, want calls %v", saved, wantNames)
	}
	if !slices.Equal(prefs.Chosen[common.ColumnsCalls], wantNames) {
		t.Fatalf("remembered %v", prefs.Chosen)
	}
	var popped, flashed bool
	for _, m := range msgs {
		switch m := m.(type) {
		case common.PopMsg:
			popped = m.Screen == ch
		case common.FlashMsg:
			flashed = !m.IsError && m.Text == "columns saved in /tmp/callscope/config.yaml"
		}
	}
	if !popped || !flashed {
		t.Fatalf("apply must close the overlay and say where it saved: %#v", msgs)
	}
}

func TestChooserEscLeavesTheListAsItWas(t *testing.T) {
	c, list := callsList(t)
	var saved []savedCall
	prefs := fakePrefs(&saved, nil)
	ch, _ := Open(c, list, prefs, toggleKey)
	msgs := press(t, ch, keySpace, uitest.KeyDown, keySpace, uitest.KeyEsc)
	if len(msgs) != 1 {
		t.Fatalf("esc: %#v", msgs)
	}
	if pop, ok := msgs[0].(common.PopMsg); !ok || pop.Screen != ch {
		t.Fatalf("esc must close the overlay: %#v", msgs[0])
	}
	if slices.Contains(list.VisibleColumns(), false) || len(saved) != 0 || prefs.Chosen != nil {
		t.Fatalf("esc changed something: visible %v, saved %v, chosen %v", list.VisibleColumns(), saved, prefs.Chosen)
	}
}

func TestChooserKeepsTheLastColumn(t *testing.T) {
	c, list := callsList(t)
	ch, _ := Open(c, list, nil, toggleKey)
	ch.Update(common.BodySizeMsg{Width: 100, Height: 30})
	keys := []tea.KeyMsg{}
	for range 8 { // untick every column, top to bottom: the last is refused
		keys = append(keys, keySpace, uitest.KeyDown)
	}
	press(t, ch, keys[:len(keys)-1]...)
	uitest.ViewHas(t, ch.View(), "› [x] Id", "at least one column stays shown")
	press(t, ch, uitest.KeyUp)
	if strings.Contains(ch.View(), "at least one") {
		t.Fatal("the refusal is said until the next key only")
	}
	// Applying with no Prefs changes this list only and says so.
	msgs := press(t, ch, uitest.KeyEnter)
	if got := list.VisibleColumns(); !slices.Equal(got, []bool{false, false, false, false, false, false, false, true}) {
		t.Fatalf("visible = %v", got)
	}
	if h := header(list); h != "Id" {
		t.Fatalf("only Id shows: header %q", h)
	}
	if !slices.ContainsFunc(msgs, func(m tea.Msg) bool { _, ok := m.(common.PopMsg); return ok }) {
		t.Fatalf("apply closes: %#v", msgs)
	}
}

func TestChooserSaysWhenTheChoiceIsNotSaved(t *testing.T) {
	c, list := callsList(t)
	var saved []savedCall
	ch, _ := Open(c, list, fakePrefs(&saved, errors.New("config.yaml: permission denied")), toggleKey)
	msgs := press(t, ch, keySpace, uitest.KeyEnter)
	i := slices.IndexFunc(msgs, func(m tea.Msg) bool { _, ok := m.(common.FlashMsg); return ok })
	if i < 0 {
		t.Fatalf("no flash: %#v", msgs)
	}
	if f := msgs[i].(common.FlashMsg); !f.IsError || f.Text != "columns shown, but not saved: config.yaml: permission denied" {
		t.Fatalf("flash %#v", f)
	}
	if list.VisibleColumns()[0] {
		t.Fatal("a failed save still applies the choice to the list")
	}

	ch, _ = Open(c, list, &Prefs{}, toggleKey) // no Save: --no-config
	msgs = press(t, ch, keySpace, uitest.KeyEnter)
	i = slices.IndexFunc(msgs, func(m tea.Msg) bool { _, ok := m.(common.FlashMsg); return ok })
	if i < 0 || !strings.Contains(msgs[i].(common.FlashMsg).Text, "for this run") {
		t.Fatalf("without a file the flash says the choice lasts this run: %#v", msgs)
	}
}

func TestOpenRefusesAScreenWithoutColumns(t *testing.T) {
	c := uitest.Common(uitest.T0)
	if _, ok := Open(c, record.New(c, uitest.ID(1)), nil, toggleKey); ok {
		t.Fatal("a record screen has no column chooser")
	}
}

func TestRestoreGivesNewListsTheirKindsChoice(t *testing.T) {
	c := demoCommon(t)
	prefs := &Prefs{Chosen: map[string][]string{
		common.ColumnsDirect: {"start", "result", "SIP", "trunk", "no-such-column"},
		common.ColumnsPstn:   {"nothing-we-know"},
	}}
	direct := loaded(t, logs.NewDirect(c, uitest.Now.Add(-time.Hour), uitest.Now))
	prefs.Restore(direct)
	// The ten columns the list opens with, then its 13 more columns
	// (invite … id), which a choice not naming them leaves hidden.
	want := append([]bool{true, false, false, false, true, true, false, true, false, false}, make([]bool, 13)...)
	if got := direct.VisibleColumns(); !slices.Equal(got, want) {
		t.Fatalf("direct visible %v, want %v (titles %v)", got, want, direct.ColumnTitles())
	}
	if h := header(direct); h != "Start Result SIP Trunk" {
		t.Fatalf("direct header %q", h)
	}
	pstn := logs.NewPstn(c, uitest.Now.Add(-time.Hour), uitest.Now)
	prefs.Restore(pstn)
	// The list as it opens: its eight columns shown, its 17 more hidden.
	if v := pstn.VisibleColumns(); len(v) != 25 || slices.Contains(v[:8], false) || slices.Contains(v[8:], true) {
		t.Fatalf("a choice naming no column of the list leaves it as it opened: %v", v)
	}
	if pstn.ColumnsKind() != common.ColumnsPstn || direct.ColumnsKind() != common.ColumnsDirect {
		t.Fatal("kinds")
	}
	calls := calls.New(c, calls.Filter{})
	prefs.Restore(calls) // no choice kept for calls
	if slices.Contains(calls.VisibleColumns(), false) {
		t.Fatal("a kind with no choice shows every column")
	}
	var nilPrefs *Prefs
	nilPrefs.Restore(calls) // the root without a config
}

func TestCheckNamesTheKnownColumns(t *testing.T) {
	if err := Check(common.ColumnsDirect, []string{"start", "Caller → Callee", "sip", "loc"}); err != nil {
		t.Fatal(err)
	}
	err := Check(common.ColumnsPstn, []string{"start", "sip"})
	if err == nil || !strings.Contains(err.Error(), `unknown column "sip" (columns: start, user, caller-callee, type, dur, charge, destination, license, `+
		`end, connection-charge, currency, destination-context, conference-id, inventory, operator, duration-source, `+
		`tenant-country, usage-country, caller, callee, display-name, upn, user-id, call-id, id)`) {
		t.Fatalf("pstn sip: %v", err)
	}
	if err := Check("people", nil); err == nil || !strings.Contains(err.Error(), "lists: calls, direct, pstn") {
		t.Fatalf("unknown kind: %v", err)
	}
}

func TestChooserHelpOffersItsKeys(t *testing.T) {
	c, list := callsList(t)
	ch, _ := Open(c, list, nil, toggleKey)
	for _, k := range []tea.KeyMsg{keySpace, uitest.KeyEnter, uitest.KeyEsc, uitest.KeyDown} {
		if !uitest.Offers(ch.ShortHelp(), k) {
			t.Errorf("help lacks %q", k.String())
		}
	}
	if !ch.Capturing() || ch.Title() != "Columns" {
		t.Fatal("the overlay is modal and titled")
	}
	if st := ch.Status(); st.Note != "8 of 8 columns shown" || st.Filter != list.Status().Filter {
		t.Fatalf("status %+v", st)
	}
}

func TestChooserShowsADirectRoutingFieldBeyondTheDefaultColumns(t *testing.T) {
	c := demoCommon(t)
	direct := loaded(t, logs.NewDirect(c, uitest.Now.Add(-time.Hour), uitest.Now))
	var saved []savedCall
	ch, _ := Open(c, direct, fakePrefs(&saved, nil), toggleKey)
	ch.Update(common.BodySizeMsg{Width: 160, Height: 40})
	uitest.ViewHas(t, ch.View(), "[x] Loc", "[ ] Invite", "[ ] Correlation id", "10 of 23 columns shown")
	press(t, ch, uitest.KeyEnd, uitest.KeyUp, keySpace, uitest.KeyEnter) // Correlation id, the last but one
	if h := header(direct); !strings.HasSuffix(h, " Correlation id") || !strings.HasPrefix(h, "Start ") {
		t.Fatalf("header %q", h)
	}
	if len(saved) != 1 || !slices.Contains(saved[0].names, "correlation-id") || slices.Contains(saved[0].names, "id") {
		t.Fatalf("saved %+v", saved)
	}
}
