package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// personResolvedMsg answers resolvePersonCmd (or a pick from
// newPeoplePicker) for request reqID. Exactly one of these is set: ID (with
// Display, what to call the person on screen) for one person; Candidates
// for several, sorted by name, to hand to newPeoplePicker with the same
// reqID; Err when nobody could be found or the lookup failed
// (errPersonPickCancelled when the user left the pick list with esc).
type personResolvedMsg struct {
	reqID       uint64
	ID, Display string
	Candidates  []graphclient.User
	Err         error
}

// errPersonPickCancelled is the Err of a personResolvedMsg from a pick list
// the user left without choosing: the caller keeps what it had, silently.
var errPersonPickCancelled = errors.New("no person picked")

// personResolveTimeout bounds one lookup, retries included: someone is
// waiting with the form open.
const personResolveTimeout = 30 * time.Second

// resolvePersonCmd turns what the user typed for a participant into an id:
// an object id or phone number at once (no Graph call), a UPN through
// GET /users/{upn}, the start of a name through a /users search. It
// captures the client and the redact setting, never the screen. With
// --redact, names, UPNs and mail come back masked (ids stay: they are
// what the filter needs and name no one).
func resolvePersonCmd(c *Common, reqID uint64, text string) tea.Cmd {
	client, masked := c.Client, c.Redact
	return func() tea.Msg {
		if id, ok := graphclient.LiteralParticipantID(text); ok {
			d := id
			if masked {
				d = redact.ID(id)
			}
			return personResolvedMsg{reqID: reqID, ID: id, Display: d}
		}
		if client == nil {
			return personResolvedMsg{reqID: reqID, Err: errors.New("no Graph client configured")}
		}
		ctx, cancel := context.WithTimeout(context.Background(), personResolveTimeout)
		defer cancel()
		users, err := client.ResolveUser(ctx, text)
		if masked {
			users = redactUsers(users)
		}
		switch {
		case err != nil:
			return personResolvedMsg{reqID: reqID, Err: err}
		case len(users) == 1:
			return personChosen(reqID, users[0])
		}
		return personResolvedMsg{reqID: reqID, Candidates: users}
	}
}

// redactUsers returns masked copies of us (masking is idempotent, so
// users masked before are unharmed).
func redactUsers(us []graphclient.User) []graphclient.User {
	out := make([]graphclient.User, len(us))
	for i, u := range us {
		u.DisplayName, u.UserPrincipalName, u.Mail = redact.Name(u.DisplayName), redact.UPN(u.UserPrincipalName), redact.UPN(u.Mail)
		out[i] = u
	}
	return out
}

// personChosen is the answer naming u.
func personChosen(reqID uint64, u graphclient.User) personResolvedMsg {
	return personResolvedMsg{reqID: reqID, ID: u.ID, Display: u.Name()}
}

// personErrText is a lookup error in words for under a field: the typed
// error's own sentence (missing permission, no such user) without the
// request wrapping around it. It is made display-safe because it quotes
// what was typed or pasted, which never crossed the decode boundary.
func personErrText(err error) string {
	var de *graphclient.UserReadDeniedError
	var nf *graphclient.UserNotFoundError
	switch {
	case errors.As(err, &de):
		return model.DisplaySafe(de.Error())
	case errors.As(err, &nf):
		return model.DisplaySafe(nf.Error())
	}
	return model.DisplaySafe(err.Error())
}

// peopleColumns: the name first; the UPN tells two Anettes apart; mail
// shows only where it differs from the UPN, and its column only when some
// candidate's does.
var peopleColumns = []column{
	{Title: "Name", Min: 12, Flex: 3},
	{Title: "UPN", Min: 12, Flex: 3, Drop: 1},
	{Title: "Mail", Min: 12, Flex: 2, Drop: 3},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

// peoplePicker is the pick list shown when a name matches several people.
// Enter answers the waiting request with the chosen person and closes the
// list; esc answers errPersonPickCancelled and closes it.
type peoplePicker struct {
	c     *Common
	reqID uint64
	cands []graphclient.User
	tbl   table

	width, height int
}

// newPeoplePicker lists cands for request reqID (masked with --redact,
// whoever looked them up).
func newPeoplePicker(c *Common, reqID uint64, cands []graphclient.User) screen {
	if c.Redact {
		cands = redactUsers(cands)
	}
	p := &peoplePicker{c: c, reqID: reqID, cands: cands}
	cols := peopleColumns
	if !slices.ContainsFunc(cands, otherMail) {
		cols = slices.Delete(slices.Clone(cols), peopleMailCol, peopleMailCol+1)
	}
	p.tbl = newTable(c, cols, p.cell)
	p.tbl.SetLen(len(cands))
	return p
}

// Init does nothing: the candidates are all there.
func (p *peoplePicker) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment.
func (p *peoplePicker) Title() string { return "Pick a person" }

// Capturing is false: quit, help and the views stay the root's.
func (p *peoplePicker) Capturing() bool { return false }

// ClaimsBack keeps esc from the root, which would pop the list without
// telling the screen that waits for an answer.
func (p *peoplePicker) ClaimsBack() bool { return true }

// Status is empty: the heading already says how many matched.
func (p *peoplePicker) Status() Status { return Status{} }

func (p *peoplePicker) note() string {
	if len(p.cands) >= graphclient.MaxUserMatches {
		return "the first " + itoa(int64(len(p.cands))) + " matches; type more of the name to narrow"
	}
	return itoa(int64(len(p.cands))) + " people match"
}

// Update moves, picks or cancels.
func (p *peoplePicker) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		p.width, p.height = msg.Width, msg.Height
		p.tbl.SetSize(p.width, max(p.height-2, 1))
	case tea.KeyMsg:
		k := &p.c.Keys
		switch {
		case p.tbl.Update(msg):
		case key.Matches(msg, k.Open) && len(p.cands) > 0:
			return p, p.answer(personChosen(p.reqID, p.cands[p.tbl.Cursor()]))
		case key.Matches(msg, k.Back):
			return p, p.answer(personResolvedMsg{reqID: p.reqID, Err: errPersonPickCancelled})
		}
	}
	return p, nil
}

// answer closes the list, then delivers msg: in that order, so the screen
// underneath is on top again when it acts on the answer.
func (p *peoplePicker) answer(msg personResolvedMsg) tea.Cmd {
	return tea.Sequence(func() tea.Msg { return popMsg{s: p} }, func() tea.Msg { return msg })
}

// peopleMailCol is the Mail column's index in peopleColumns.
const peopleMailCol = 2

// otherMail reports a mail worth showing: set and not the UPN.
func otherMail(u graphclient.User) bool {
	return u.Mail != "" && !strings.EqualFold(u.Mail, u.UserPrincipalName)
}

// cell is the table's view of candidate r; col counts the columns in use.
func (p *peoplePicker) cell(r, col int) string {
	u := p.cands[r]
	switch p.tbl.cols[col].Title {
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
		return shortID(u.ID)
	}
	return ""
}

// View is a heading with what enter and esc do, and the list.
func (p *peoplePicker) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := &p.c.Styles
	k := p.c.Keys
	head := st.Title.Render(p.note()) + st.Subtle.Render(" · "+k.Open.Help().Key+" picks · "+k.Back.Help().Key+" cancels")
	return truncate(head, p.width) + "\n\n" + p.tbl.View()
}

// ShortHelp offers moving, picking and cancelling.
func (p *peoplePicker) ShortHelp() []key.Binding {
	k := p.c.Keys
	k.Open.SetHelp(k.Open.Help().Key, "pick")
	k.Back.SetHelp(k.Back.Help().Key, "cancel")
	return []key.Binding{k.Up, k.Down, k.Open, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (p *peoplePicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.c.Keys.navHelp(), p.ShortHelp()[2:]}
}
