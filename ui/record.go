package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
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

// recordLoadedMsg carries GetCallRecord's result to the screen that asked.
type recordLoadedMsg struct {
	reqID uint64
	rec   *model.CallRecord
	err   error
}

// participantsPageMsg carries one page of a record's participants_v2.
type participantsPageMsg struct {
	reqID uint64
	page  *model.Page[model.Participant]
	err   error
}

// fetchRecord gets one record with all its sessions and segments; esc or
// a reload cancels ctx.
func fetchRecord(ctx context.Context, c *graphclient.Client, reqID uint64, id string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return recordLoadedMsg{reqID: reqID, err: fmt.Errorf("get call record %s: no Graph client", id)}
		}
		ctx, cancel := context.WithTimeout(ctx, recordFetchTimeout)
		defer cancel()
		rec, err := c.GetCallRecord(ctx, id)
		return recordLoadedMsg{reqID: reqID, rec: rec, err: err}
	}
}

// fetchParticipants gets one page of participants_v2 ("" for the first);
// esc or a reload cancels ctx.
func fetchParticipants(ctx context.Context, c *graphclient.Client, reqID uint64, id, next string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return participantsPageMsg{reqID: reqID, err: fmt.Errorf("list participants of %s: no Graph client", id)}
		}
		ctx, cancel := context.WithTimeout(ctx, recordFetchTimeout)
		defer cancel()
		page, err := c.ListParticipants(ctx, id, next)
		return participantsPageMsg{reqID: reqID, page: page, err: err}
	}
}

// recordScreen is one call record: a summary, its participants and its
// sessions; enter opens a session.
type recordScreen struct {
	c  *Common
	id string

	rec *model.CallRecord
	// flight is the record request (pending: its id, 0 when none).
	flight
	err      error // last record error; the record shown (if any) stays
	notFound bool  // the last fetch was a 404

	parts        []model.Participant
	participants pager               // participants_v2 paging; parts follow it
	partsDone    bool                // every participant is in (cached with them)
	partsNew     []model.Participant // a reload's pages, swapped in when complete
	reloading    bool                // partsNew is being filled

	tbl         table
	datedStarts bool // sessionColumnsDated is in use
	raw         *rawView
	width       int
	height      int
	// summaryLines and detailLines are rebuilt by layout, in Update.
	summaryLines []string
	detailLines  []string
}

// newRecordScreen opens call record id; a record in Common.Records is shown
// at once, without a request.
func newRecordScreen(c *Common, id string) *recordScreen {
	s := &recordScreen{c: c, id: id}
	s.participants.maxPages = maxParticipantPages
	s.tbl = newTable(c, sessionColumns, s.sessionCell)
	s.tbl.SetRowStyle(s.sessionRowStyle)
	if e, ok := c.Records.get(id); ok {
		s.rec = e.Record
		s.parts, s.partsDone = e.Participants, e.ParticipantsDone
		s.participants.next = e.ParticipantsNext
		s.tbl.SetLen(len(s.rec.Sessions))
	}
	return s
}

// Init fetches the record unless it came from the cache, and resumes
// participant paging that an earlier visit left unfinished.
func (s *recordScreen) Init() tea.Cmd {
	if s.rec == nil {
		return s.loadRecord()
	}
	if !s.partsDone {
		return s.resumeParticipants()
	}
	return nil
}

func (s *recordScreen) loadRecord() tea.Cmd {
	id, ctx := s.start()
	s.err = nil
	return fetchRecord(ctx, s.c.Client, id, s.id)
}

// restartParticipants reads the participants from the first page. A list
// on screen stays there until the new one is whole (partsNew), so a reload
// replaces it rather than adding to it.
func (s *recordScreen) restartParticipants() tea.Cmd {
	s.participants.reset("")
	s.reloading, s.partsNew = len(s.parts) > 0, nil
	return s.fetchParticipants()
}

// resumeParticipants carries on from the link paging stopped at (an
// earlier visit's, from the cache), holding the ids already shown so that
// none is added twice; with no link to go on from, it starts over.
func (s *recordScreen) resumeParticipants() tea.Cmd {
	next := s.participants.next
	if next == "" {
		return s.restartParticipants()
	}
	s.participants.reset("")
	for i := range s.parts {
		s.participants.admit(s.parts[i].ID)
	}
	s.participants.started, s.participants.next = true, next
	return s.fetchParticipants()
}

// fetchParticipants asks for the page participant paging stands at.
func (s *recordScreen) fetchParticipants() tea.Cmd {
	link := s.participants.resume()
	id, ctx := s.participants.begin(link)
	return fetchParticipants(ctx, s.c.Client, id, s.id, link)
}

// Update handles keys, sizes and this screen's fetch results.
func (s *recordScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.layout()
	case prefsChangedMsg:
		s.layout()
	case recordLoadedMsg:
		return s, s.onRecord(msg)
	case participantsPageMsg:
		return s, s.onParticipants(msg)
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

func (s *recordScreen) onRecord(msg recordLoadedMsg) tea.Cmd {
	if !s.land(msg.reqID) {
		return nil
	}
	if msg.err != nil {
		s.err, s.notFound = msg.err, graphclient.IsNotFound(msg.err)
		s.layout()
		return nil
	}
	s.err, s.notFound = nil, false
	redactRecord(s.c, msg.rec)
	var note tea.Cmd
	kept := s.c.Records.putRecord(msg.rec)
	if kept != msg.rec {
		note = flash(fmt.Sprintf("Graph sent version %d, older than the version %d shown; kept %d",
			msg.rec.Version, kept.Version, kept.Version), false)
	}
	s.rec = kept
	s.tbl.SetLen(len(s.rec.Sessions))
	if s.raw != nil {
		// The raw view shows what is loaded now, at the same place.
		off := s.raw.vp.YOffset
		r := newRawView(s.c.Keys, s.raw.what, s.rec, s.width, s.height)
		r.vp.SetYOffset(off)
		s.raw = &r
	}
	var cmd tea.Cmd
	switch {
	case s.participants.pending != 0:
		// Paging is under way; it carries on.
	case s.partsDone && len(s.parts) > 0:
		// A refetch: read the participants again, keeping the old list
		// on screen until the new one is complete.
		cmd = s.restartParticipants()
	default:
		cmd = s.resumeParticipants()
	}
	s.layout()
	return tea.Batch(cmd, note)
}

func (s *recordScreen) onParticipants(msg participantsPageMsg) tea.Cmd {
	if msg.reqID == s.participants.pending {
		redactParticipants(s.c, msg.page)
	}
	into := &s.parts
	if s.reloading {
		into = &s.partsNew // the old list stays on screen until the new one is whole
	}
	p := &s.participants
	if !takePage(p, msg.reqID, msg.page, msg.err, participantID, func(v *model.Participant) { *into = append(*into, *v) }) {
		return nil
	}
	var cmd tea.Cmd
	switch {
	case p.err != nil:
	case p.next != "":
		cmd = s.fetchParticipants()
	case s.reloading:
		s.parts, s.partsNew, s.reloading = s.partsNew, nil, false
	}
	if !s.reloading {
		s.partsDone = p.complete()
		s.c.Records.putParticipants(s.id, s.parts, p.next, s.partsDone)
	}
	s.layout()
	return cmd
}

// participantID is a participant's id, which the list holds once.
func participantID(p *model.Participant) string { return p.ID }

// loading reports a request of this screen in flight.
func (s *recordScreen) loading() bool { return s.pending != 0 || s.participants.pending != 0 }

// Closed is esc leaving the screen (the root pops it at once, so that the
// next key reaches the list): it cancels the record and participant
// requests in flight, so a silent server holds nothing open. What arrived
// stays in Common.Records: the next visit shows it and resumes paging at
// the page that was stopped. A participants reload is dropped, leaving the
// whole list it was to replace.
func (s *recordScreen) Closed() {
	s.abort()
	if s.participants.stop() {
		if s.reloading {
			s.reloading, s.partsNew = false, nil
		} else {
			s.c.Records.putParticipants(s.id, s.parts, s.participants.next, false)
		}
	}
}

// ClaimsBack lets esc close the raw JSON view before the screen.
func (s *recordScreen) ClaimsBack() bool { return s.raw != nil }

func (s *recordScreen) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back) && s.raw != nil:
		s.raw = nil
		return nil
	case key.Matches(msg, k.RawJSON) && s.rec != nil:
		if s.raw != nil {
			s.raw = nil
		} else {
			r := newRawView(k, "record "+shortID(s.id), s.rec, s.width, s.height)
			s.raw = &r
		}
		return nil
	case s.raw != nil && !key.Matches(msg, k.Reload, k.CopyID, k.Export):
		r := s.raw.update(msg, k)
		s.raw = &r
		return nil
	case key.Matches(msg, k.Reload):
		return s.reload()
	case key.Matches(msg, k.CopyID):
		return copyCmd(s.c.Copy, s.id)
	case key.Matches(msg, k.Export) && s.rec != nil:
		return s.export()
	case key.Matches(msg, k.Open) && s.rec != nil && s.tbl.Len() > 0:
		i := s.tbl.Cursor()
		return push(s, newSessionScreen(s.c, s.rec, i))
	}
	if s.tbl.Update(msg) {
		s.layout()
	}
	return nil
}

// reload refetches the record; participants follow once it is in. A fetch
// already in flight is cancelled, and its result dropped.
func (s *recordScreen) reload() tea.Cmd {
	p := &s.participants
	if s.rec != nil && s.err == nil && s.pending == 0 && p.pending == 0 && p.err != nil {
		// Only participant paging failed: ask for that page again rather
		// than spend a record request.
		return s.fetchParticipants()
	}
	return s.loadRecord()
}

// Title is the breadcrumb: "Call 3f2a…".
func (s *recordScreen) Title() string { return "Call " + shortID(s.id) }

// Capturing is false: the record screen has no text input.
func (s *recordScreen) Capturing() bool { return false }

// Status reports the sessions loaded and what is in flight.
func (s *recordScreen) Status() Status {
	st := Status{Loading: s.loading()}
	switch {
	case s.pending != 0:
		st.Activity = "record " + shortID(s.id)
	case s.participants.pending != 0:
		st.Activity = "participants of " + shortID(s.id)
	}
	if s.err != nil && !s.notFound {
		st.Err = s.err
	} else if err := s.participants.fault(); err != nil {
		st.Err = err
	}
	if s.rec != nil {
		st.Loaded = len(s.rec.Sessions)
	}
	return st
}

// ShortHelp offers only what applies now.
func (s *recordScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	loaded := s.rec != nil
	open := helpIf(k.Open, loaded && s.tbl.Len() > 0 && s.raw == nil)
	return []key.Binding{open, helpIf(k.RawJSON, loaded), k.CopyID,
		helpIf(k.Export, loaded && len(s.rec.Sessions) > 0), k.Reload, k.Back}
}

// FullHelp adds movement.
func (s *recordScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.navHelp(), s.ShortHelp()}
}

// helpIf returns a copy of b, disabled unless on, so help stays honest.
func helpIf(b key.Binding, on bool) key.Binding {
	b.SetEnabled(on && b.Enabled())
	return b
}
