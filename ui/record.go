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
// at 130 a page it is far past any meeting's size.
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

// fetchRecord gets one record with all its sessions and segments.
func fetchRecord(c *graphclient.Client, reqID uint64, id string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return recordLoadedMsg{reqID: reqID, err: fmt.Errorf("get call record %s: no Graph client", id)}
		}
		ctx, cancel := context.WithTimeout(context.Background(), recordFetchTimeout)
		defer cancel()
		rec, err := c.GetCallRecord(ctx, id)
		return recordLoadedMsg{reqID: reqID, rec: rec, err: err}
	}
}

// fetchParticipants gets one page of participants_v2 ("" for the first).
func fetchParticipants(c *graphclient.Client, reqID uint64, id, next string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return participantsPageMsg{reqID: reqID, err: fmt.Errorf("list participants of %s: no Graph client", id)}
		}
		ctx, cancel := context.WithTimeout(context.Background(), recordFetchTimeout)
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

	rec      *model.CallRecord
	pending  uint64 // record request in flight; 0 when none
	err      error  // last record error; the record shown (if any) stays
	notFound bool   // the last fetch was a 404

	parts      []model.Participant
	partsNext  string // next page link while paging
	partsDone  bool
	partsPages int
	partsLink  string              // link of the participants request in flight
	partsNew   []model.Participant // a reload's pages, swapped in when complete
	reloading  bool                // partsNew is being filled
	pPending   uint64
	pErr       error

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
	s.tbl = newTable(c, sessionColumns, s.sessionCell)
	s.tbl.SetRowStyle(s.sessionRowStyle)
	if e, ok := c.Records.get(id); ok {
		s.rec = e.Record
		s.parts, s.partsNext, s.partsDone = e.Participants, e.ParticipantsNext, e.ParticipantsDone
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
		return s.loadParticipants(s.partsNext)
	}
	return nil
}

func (s *recordScreen) loadRecord() tea.Cmd {
	s.pending = newReqID()
	return fetchRecord(s.c.Client, s.pending, s.id)
}

func (s *recordScreen) loadParticipants(next string) tea.Cmd {
	s.pPending = newReqID()
	s.pErr = nil
	s.partsLink = next
	if next == "" {
		s.partsPages = 0
	}
	return fetchParticipants(s.c.Client, s.pPending, s.id, next)
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
	if msg.reqID != s.pending {
		return nil
	}
	s.pending = 0
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
	case s.pPending != 0:
		// Paging is under way; it carries on.
	case s.partsDone && len(s.parts) > 0:
		// A refetch: read the participants again, keeping the old list
		// on screen until the new one is complete.
		s.reloading, s.partsNew = true, nil
		cmd = s.loadParticipants("")
	default:
		cmd = s.loadParticipants(s.partsNext)
	}
	s.layout()
	return tea.Batch(cmd, note)
}

func (s *recordScreen) onParticipants(msg participantsPageMsg) tea.Cmd {
	if msg.reqID != s.pPending {
		return nil
	}
	s.pPending = 0
	if msg.err != nil {
		s.pErr = msg.err
		s.layout()
		return nil
	}
	s.partsPages++
	redactParticipants(s.c, msg.page)
	next := msg.page.NextLink
	if s.partsPages >= maxParticipantPages || next == s.partsLink {
		next = "" // a server that never stops, or repeats itself
	}
	if s.reloading {
		// A reload keeps the old list on screen until the new one is whole.
		s.partsNew = append(s.partsNew, msg.page.Value...)
		if next != "" {
			return s.loadParticipants(next)
		}
		s.parts, s.partsNew, s.reloading = s.partsNew, nil, false
	} else {
		s.parts = append(s.parts, msg.page.Value...)
	}
	s.partsNext, s.partsDone = next, next == ""
	s.c.Records.putParticipants(s.id, s.parts, s.partsNext, s.partsDone)
	s.layout()
	if next != "" {
		return s.loadParticipants(next)
	}
	return nil
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
// already in flight is superseded, and its result dropped.
func (s *recordScreen) reload() tea.Cmd {
	if s.rec != nil && s.pErr != nil && s.err == nil && s.pPending == 0 && !s.partsDone {
		// Only participant paging failed: resume it rather than spend a
		// record request.
		return s.loadParticipants(s.partsNext)
	}
	s.err = nil
	return s.loadRecord()
}

// Title is the breadcrumb: "Call 3f2a…".
func (s *recordScreen) Title() string { return "Call " + shortID(s.id) }

// Capturing is false: the record screen has no text input.
func (s *recordScreen) Capturing() bool { return false }

// Status reports the sessions loaded and what is in flight.
func (s *recordScreen) Status() Status {
	st := Status{Loading: s.pending != 0 || s.pPending != 0}
	switch {
	case s.pending != 0:
		st.Activity = "record " + shortID(s.id)
	case s.pPending != 0:
		st.Activity = "participants of " + shortID(s.id)
	}
	if s.err != nil && !s.notFound {
		st.Err = s.err
	} else if s.pErr != nil {
		st.Err = s.pErr
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
