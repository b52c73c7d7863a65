package people

import (
	"slices"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// columns: the name first; the UPN tells two Anettes apart; mail
// shows only where it differs from the UPN, and its column only when some
// candidate's does.
var columns = []table.Column{
	{Title: "Name", Min: 12, Flex: 3},
	{Title: "UPN", Min: 12, Flex: 3, Drop: 1},
	{Title: "Mail", Min: 12, Flex: 2, Drop: 3},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

// Picker is the pick list shown when a name matches several people.
// Enter answers the waiting request with the chosen person and closes the
// list; esc answers ErrPickCancelled and closes it.
type Picker struct {
	c          *common.Common
	requestID  uint64
	candidates []graphclient.User
	tbl        table.Table
	// counting is each candidate's calls in a range, when CountIn asked
	// (counts.go).
	counting counting

	width, height int
}

// NewPicker lists candidates for request requestID (masked with --redact,
// whoever looked them up).
func NewPicker(c *common.Common, requestID uint64, candidates []graphclient.User) *Picker {
	if c.Redact {
		candidates = redactUsers(candidates)
	}
	p := &Picker{c: c, requestID: requestID, candidates: candidates}
	p.tbl = table.NewTable(c, p.columns(), p.cell)
	p.tbl.SetLen(len(candidates))
	return p
}

// columns are the list's columns: Mail only when some candidate's
// differs from the UPN, Calls (after the name) only when counting.
func (p *Picker) columns() []table.Column {
	cols := slices.Clone(columns)
	if !slices.ContainsFunc(p.candidates, otherMail) {
		cols = slices.Delete(cols, mailColumn, mailColumn+1)
	}
	if p.counting.on {
		cols = slices.Insert(cols, 1, countColumn)
	}
	return cols
}

// Init starts the call counts when CountIn asked for them; the
// candidates themselves are all there.
func (p *Picker) Init() tea.Cmd { return p.startCounts() }

// Title is the breadcrumb segment.
func (p *Picker) Title() string { return "Pick a person" }

// Capturing is false: quit, help and the views stay the root's.
func (p *Picker) Capturing() bool { return false }

// ClaimsBack keeps esc from the root, which would pop the list without
// telling the screen that waits for an answer.
func (p *Picker) ClaimsBack() bool { return true }

// Status says the call counts are loading; the heading already says how
// many matched.
func (p *Picker) Status() common.Status {
	if p.counting.pending() && p.counting.flight > 0 {
		return common.Status{Loading: true, Activity: "call counts"}
	}
	return common.Status{}
}

// note heads the list. The list is every match: a name more people fit
// than graphclient.MaxUserMatches never opens one (the lookup says "more
// than 25 match; type more of the name" instead), so nothing is cut here.
// Counting, it says the range the counts are of.
func (p *Picker) note() string {
	n := common.Itoa(int64(len(p.candidates))) + " people match"
	if k := &p.counting; k.on {
		loc := p.c.Loc()
		n += " · calls " + common.FormatShortTime(k.from, loc) + " – " + common.FormatShortTime(k.to, loc)
	}
	return n
}

// Update moves, picks or cancels.
func (p *Picker) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		p.width, p.height = msg.Width, msg.Height
		p.tbl.SetSize(p.width, max(p.height-2, 1))
	case countedMsg:
		return p, p.onCounted(msg)
	case tea.KeyMsg:
		k := &p.c.Keys
		switch {
		case p.tbl.Update(msg):
		case key.Matches(msg, k.Open) && len(p.candidates) > 0:
			return p, p.answer(chosen(p.requestID, p.candidates[p.tbl.Cursor()]))
		case key.Matches(msg, k.Back):
			return p, p.answer(ResolvedMsg{RequestID: p.requestID, Err: ErrPickCancelled})
		}
	}
	return p, nil
}

// answer closes the list, then delivers msg: in that order, so the screen
// underneath is on top again when it acts on the answer.
func (p *Picker) answer(msg ResolvedMsg) tea.Cmd {
	return tea.Sequence(func() tea.Msg { return common.PopMsg{Screen: p} }, func() tea.Msg { return msg })
}

// mailColumn is the Mail column's index in columns.
const mailColumn = 2

// otherMail reports a mail worth showing: set and not the UPN.
func otherMail(u graphclient.User) bool {
	return u.Mail != "" && !strings.EqualFold(u.Mail, u.UserPrincipalName)
}

// cell is the table's view of candidate r; col counts the columns in use.
func (p *Picker) cell(r, col int) string {
	u := p.candidates[r]
	switch p.tbl.Columns[col].Title {
	case "Name":
		return u.Name()
	case "UPN":
		return u.UserPrincipalName
	case "Mail":
		if !otherMail(u) {
			return ""
		}
		return u.Mail
	case "Id":
		return common.ShortID(u.ID)
	case countColumn.Title:
		return p.countCell(r)
	}
	return ""
}

// View is a heading with what enter and esc do, and the list.
func (p *Picker) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := &p.c.Styles
	k := p.c.Keys
	head := st.Title.Render(p.note()) + st.Subtle.Render(" · "+k.Open.Help().Key+" picks · "+k.Back.Help().Key+" cancels")
	return common.Truncate(head, p.width) + "\n\n" + p.tbl.View()
}

// ShortHelp offers moving, picking and cancelling.
func (p *Picker) ShortHelp() []key.Binding {
	k := p.c.Keys
	k.Open.SetHelp(k.Open.Help().Key, "pick")
	k.Back.SetHelp(k.Back.Help().Key, "cancel")
	return []key.Binding{k.Up, k.Down, k.Open, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (p *Picker) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.c.Keys.NavHelp(), p.ShortHelp()[2:]}
}
