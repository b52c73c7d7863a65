// Package record is the call record screen and the session screen under
// it: a record's summary, participants and sessions; a session's segments
// and media streams with their quality (model/quality); the raw JSON of
// each, and their CSV/JSON exports.
package record

import (
	"context"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// recordFetchTimeout bounds one record fetch, session pages included; the
// client's own bound covers each call and its retries.
const recordFetchTimeout = 3 * time.Minute

// maxParticipantPages stops paging a server that never stops sending links;
// at 130 a page it is far past any meeting's size. The pages are read one
// after the other without a key, so the cap is lower than a list's.
const maxParticipantPages = 1000

// participantsPageMsg carries one page of a record's participants_v2.
type participantsPageMsg struct {
	reqID uint64
	page  *model.Page[model.Participant]
	err   error
}

// fetchParticipants gets one page of participants_v2 ("" for the first);
// esc or a reload cancels ctx.
func fetchParticipants(ctx context.Context, c *graphclient.Client, reqID uint64, id, next string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, recordFetchTimeout)
		defer cancel()
		page, err := c.ListParticipants(ctx, id, next)
		return participantsPageMsg{reqID: reqID, page: page, err: err}
	}
}

// Screen is one call record: a summary, its participants and its
// sessions; enter opens a session.
type Screen struct {
	c  *common.Common
	id string

	record *model.CallRecord
	// flight is the record request (pending: its id, 0 when none).
	table.Flight
	err       error // last record error; the record shown (if any) stays
	notFound  bool  // the last fetch was a 404
	notStored bool  // offline, and the store has no such record
	// from is where the record shown came from; graphErr is Graph's
	// failure when the stored copy stands in (load.go).
	from     recordFrom
	graphErr error

	participants         []model.Participant
	participantPages     table.Pager         // participants_v2 paging; participants follow it
	participantsDone     bool                // every participant is in (cached with them)
	reloadedParticipants []model.Participant // a reload's pages, swapped in when complete
	reloading            bool                // reloadedParticipants is being filled

	tbl         table.Table
	datedStarts bool // sessionColumnsDated is in use
	raw         *table.RawView
	width       int
	height      int
	// summaryLines and detailLines are rebuilt by layout, in Update.
	summaryLines []string
	detailLines  []string
}

// New opens call record id: the calls list's row, or a Direct Routing
// row's correlation id. A record in Common.Records is shown at once,
// without a request; an id Graph does not know shows NotFoundText.
func New(c *common.Common, id string) *Screen {
	s := &Screen{c: c, id: id}
	s.participantPages.MaxPages = maxParticipantPages
	s.tbl = table.NewTable(c, sessionColumns, s.sessionCell)
	s.tbl.SetRowStyle(s.sessionRowStyle)
	if e, ok := c.Records.Get(id); ok {
		s.record = e.Record
		s.participants, s.participantsDone = e.Participants, e.ParticipantsDone
		s.participantPages.Next = e.ParticipantsNext
		s.tbl.SetLen(len(s.record.Sessions))
	}
	return s
}

// Init fetches the record unless it came from the cache, and resumes
// participant paging that an earlier visit left unfinished.
func (s *Screen) Init() tea.Cmd {
	if s.record == nil {
		return s.loadRecord()
	}
	if !s.participantsDone && !s.c.Offline {
		return s.resumeParticipants()
	}
	return nil
}

func (s *Screen) loadRecord() tea.Cmd {
	id, ctx := s.Start()
	s.err = nil
	return fetchRecord(ctx, s.source(), id, s.id)
}

// restartParticipants reads the participants from the first page. A list
// on screen stays there until the new one is whole (reloadedParticipants), so a reload
// replaces it rather than adding to it.
func (s *Screen) restartParticipants() tea.Cmd {
	s.participantPages.Reset("")
	s.reloading, s.reloadedParticipants = len(s.participants) > 0, nil
	return s.fetchParticipants()
}

// resumeParticipants carries on from the link paging stopped at (an
// earlier visit's, from the cache), holding the ids already shown so that
// none is added twice; with no link to go on from, it starts over.
func (s *Screen) resumeParticipants() tea.Cmd {
	next := s.participantPages.Next
	if next == "" {
		return s.restartParticipants()
	}
	s.participantPages.Reset("")
	for i := range s.participants {
		s.participantPages.Admit(s.participants[i].ID)
	}
	s.participantPages.Started, s.participantPages.Next = true, next
	return s.fetchParticipants()
}

// fetchParticipants asks for the page participant paging stands at.
func (s *Screen) fetchParticipants() tea.Cmd {
	link := s.participantPages.Resume()
	id, ctx := s.participantPages.Begin(link)
	return fetchParticipants(ctx, s.c.Client, id, s.id, link)
}

// Update handles keys, sizes and this screen's fetch results.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.layout()
	case common.PrefsChangedMsg:
		s.layout()
	case recordLoadedMsg:
		return s, s.onRecord(msg)
	case participantsPageMsg:
		return s, s.onParticipants(msg)
	case table.SearchDoneMsg:
		if s.tbl.SearchLanded(msg) {
			s.layout()
		}
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

func (s *Screen) onRecord(msg recordLoadedMsg) tea.Cmd {
	if !s.Land(msg.reqID) {
		return nil
	}
	if msg.err != nil {
		s.err, s.notFound, s.notStored = msg.err, graphclient.IsNotFound(msg.err), msg.notStored
		if s.record == nil {
			s.from = msg.from // the header says what answered; a record shown keeps its own
		}
		s.layout()
		return storeFlash(msg.storeErr)
	}
	s.err, s.notFound, s.notStored = nil, false, false
	s.from, s.graphErr = msg.from, msg.graphErr
	common.RedactRecord(s.c, msg.rec)
	note := storeFlash(msg.storeErr)
	kept := s.c.Records.PutRecord(msg.rec)
	if kept != msg.rec {
		note = common.Flash(fmt.Sprintf("Graph sent version %d, older than the version %d shown; kept %d",
			msg.rec.Version, kept.Version, kept.Version), false)
	}
	s.record = kept
	s.tbl.SetLen(len(s.record.Sessions))
	again := s.tbl.SearchAgain(s.searchSource) // the sessions may have changed
	if s.raw != nil {
		// The raw view shows what is loaded now, at the same place.
		off := s.raw.YOffset()
		what, v := s.rawTarget()
		r := table.NewRawView(s.c.Keys, what, v, s.width, s.height)
		r.SetYOffset(off)
		s.raw = &r
	}
	var cmd tea.Cmd
	switch {
	case s.fromStore():
		// participants_v2 is read from Graph and not kept: the summary
		// says so, and the deprecated list stands in where a record has
		// it. A Graph that failed the record would fail them too.
		s.participantsDone = true
	case s.participantPages.Pending != 0:
		// Paging is under way; it carries on.
	case s.participantsDone && len(s.participants) > 0:
		// A refetch: read the participants again, keeping the old list
		// on screen until the new one is complete.
		cmd = s.restartParticipants()
	default:
		cmd = s.resumeParticipants()
	}
	s.layout()
	return tea.Batch(cmd, note, again)
}

func (s *Screen) onParticipants(msg participantsPageMsg) tea.Cmd {
	if msg.reqID == s.participantPages.Pending {
		common.RedactParticipants(s.c, msg.page)
	}
	into := &s.participants
	if s.reloading {
		into = &s.reloadedParticipants // the old list stays on screen until the new one is whole
	}
	p := &s.participantPages
	if !table.TakePage(p, msg.reqID, msg.page, msg.err, participantID, func(v *model.Participant) { *into = append(*into, *v) }) {
		return nil
	}
	var cmd tea.Cmd
	switch {
	case p.Err != nil:
	case p.Next != "":
		cmd = s.fetchParticipants()
	case s.reloading:
		s.participants, s.reloadedParticipants, s.reloading = s.reloadedParticipants, nil, false
	}
	if !s.reloading {
		s.participantsDone = p.Complete()
		s.c.Records.PutParticipants(s.id, s.participants, p.Next, s.participantsDone)
	}
	s.layout()
	return cmd
}

// participantID is a participant's id, which the list holds once.
func participantID(p *model.Participant) string { return p.ID }

// loading reports a request of this screen in flight.
func (s *Screen) loading() bool { return s.Pending != 0 || s.participantPages.Pending != 0 }

// Closed is esc leaving the screen (the root pops it at once, so that the
// next key reaches the list): it cancels the record and participant
// requests in flight, so a silent server holds nothing open. What arrived
// stays in Common.Records: the next visit shows it and resumes paging at
// the page that was stopped. A participants reload is dropped, leaving the
// whole list it was to replace.
func (s *Screen) Closed() {
	s.Abort()
	if s.participantPages.Stop() {
		if s.reloading {
			s.reloading, s.reloadedParticipants = false, nil
		} else {
			s.c.Records.PutParticipants(s.id, s.participants, s.participantPages.Next, false)
		}
	}
}

// ClaimsBack lets esc close the raw JSON view, or clear a kept search,
// before the screen.
func (s *Screen) ClaimsBack() bool { return s.raw != nil || s.tbl.Search().Active() }

func (s *Screen) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	if handled, cmd := s.searchKey(msg); handled { // search.go
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back) && s.raw != nil:
		s.raw = nil
		return nil
	case key.Matches(msg, k.RawJSON) && s.record != nil:
		if s.raw != nil {
			s.raw = nil
		} else {
			what, v := s.rawTarget()
			r := table.NewRawView(k, what, v, s.width, s.height)
			s.raw = &r
		}
		return nil
	case s.raw != nil && !key.Matches(msg, k.Reload, k.CopyID, k.Export):
		r := s.raw.Update(msg, k)
		s.raw = &r
		return nil
	case key.Matches(msg, k.Reload):
		return s.reload()
	case key.Matches(msg, k.CopyID):
		return common.CopyCmd(s.c.Copy, s.id)
	case key.Matches(msg, k.Export) && s.record != nil:
		return s.Export()
	case key.Matches(msg, k.OpenRecord) && s.record != nil:
		// o goes between a record and its log rows, both ways.
		return common.Push(s, NewLinked(s.c, DirectRowsOf(s.record)))
	case key.Matches(msg, k.Open) && s.record != nil && s.tbl.Len() > 0:
		i := s.tbl.Cursor()
		return common.Push(s, newSessionScreen(s.c, s.record, i))
	}
	if s.tbl.Update(msg) {
		s.layout()
	}
	return nil
}

// rawTarget is what v shows: Graph's own bytes for the record (every
// property, null and unknown member as sent, masked by --redact, indented
// for reading and made safe to draw by the view), or, from a client that
// kept none, the decoded record under a title that says so.
func (s *Screen) rawTarget() (string, any) {
	what := "record " + common.ShortID(s.id)
	switch {
	case s.record.Raw != nil && s.fromStore():
		return "Graph's JSON, as stored when fetched · " + what, s.record.Raw
	case s.record.Raw != nil:
		return "Graph's JSON, as sent · " + what, s.record.Raw
	}
	return "Decoded JSON · " + what + decodedNote, s.record
}

// reload refetches the record; participants follow once it is in. A fetch
// already in flight is cancelled, and its result dropped.
func (s *Screen) reload() tea.Cmd {
	p := &s.participantPages
	if s.record != nil && s.err == nil && s.Pending == 0 && p.Pending == 0 && p.Err != nil {
		// Only participant paging failed: ask for that page again rather
		// than spend a record request.
		return s.fetchParticipants()
	}
	return s.loadRecord()
}

// ID is the id of the record shown, as asked for.
func (s *Screen) ID() string { return s.id }

// Title is the breadcrumb: "Call 3f2a…".
func (s *Screen) Title() string { return "Call " + common.ShortID(s.id) }

// Capturing reports the search line open.
func (s *Screen) Capturing() bool { return s.tbl.Search().Typing() }

// Status reports the sessions loaded and what is in flight.
func (s *Screen) Status() common.Status {
	st := common.Status{Loading: s.loading(), Source: s.sourceWords(), Filter: s.searchWords()}
	switch {
	case s.Pending != 0:
		st.Activity = "record " + common.ShortID(s.id)
	case s.participantPages.Pending != 0:
		st.Activity = "participants of " + common.ShortID(s.id)
	}
	switch {
	case s.err != nil && !s.notFound && !s.notStored:
		st.Err = s.err
	case s.err == nil && s.graphErr != nil && !graphclient.IsNotFound(s.graphErr):
		st.Err = s.graphErr // the stored copy shows; Graph's failure is said here
	case s.participantPages.Fault() != nil:
		st.Err = s.participantPages.Fault()
	}
	if s.record != nil {
		st.Loaded = len(s.record.Sessions)
	}
	return st
}

// ShortHelp offers only what applies now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.tbl.Search().Typing() {
		return s.tbl.Search().TypingHelp()
	}
	loaded := s.record != nil
	open := common.HelpIf(k.Open, loaded && s.tbl.Len() > 0 && s.raw == nil)
	rows := common.HelpIf(k.OpenRecord, loaded && s.raw == nil)
	rows.SetHelp(rows.Help().Key, "direct routing rows")
	kept := s.tbl.Search().KeptHelp() // its esc clears the search before it goes back
	if len(kept) == 0 || s.raw != nil {
		kept = []key.Binding{k.Back}
	}
	return append([]key.Binding{open, common.HelpIf(k.Search, loaded && s.tbl.Len() > 0 && s.raw == nil),
		common.HelpIf(k.RawJSON, loaded), rows, k.CopyID, common.HelpIf(k.Export, loaded && len(s.record.Sessions) > 0), k.Reload}, kept...)
}

// FullHelp adds movement.
func (s *Screen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()}
}
