package quality

import (
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// callsScreen lists the calls behind one line of the summary, those with
// a poor stream on the line first; enter opens a call's record.
type callsScreen struct {
	c     *common.Common
	src   Source
	title string
	ids   []string
	poor  int // ids[:poor] have a poor stream on the line
	more  int // calls on the line beyond the ids the summary kept
	tbl   table.Table

	width, height int
}

var callColumns = []table.Column{
	{Title: "Start", Min: 19, Max: 19},
	{Title: "Organizer", Min: 20, Max: 30, Flex: 1},
	{Title: "On this line", Min: 12, Max: 12, Drop: 3},
	{Title: "Result", Min: 10, Max: 40, Flex: 2, Drop: 1},
	{Title: "Quality", Min: 10, Max: 32, Flex: 2, Drop: 1},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

// newCallsScreen lists the calls of line l: its poor calls, then the
// others it kept.
func newCallsScreen(c *common.Common, src Source, l summary.Line) *callsScreen {
	s := &callsScreen{c: c, src: src, title: l.Dimension.String() + " " + l.Value}
	seen := make(map[string]bool, len(l.PoorCallIDs))
	for _, id := range l.PoorCallIDs {
		seen[id] = true
		s.ids = append(s.ids, id)
	}
	s.poor = len(s.ids)
	for _, id := range l.CallIDs {
		if !seen[id] {
			s.ids = append(s.ids, id)
		}
	}
	s.more = max(l.Calls-len(s.ids), 0)
	s.tbl = table.NewTable(c, callColumns, s.cell)
	s.tbl.SetLen(len(s.ids))
	return s
}

func (s *callsScreen) Init() tea.Cmd   { return nil }
func (s *callsScreen) Title() string   { return common.Truncate(s.title, 40) }
func (s *callsScreen) Capturing() bool { return false }
func (s *callsScreen) Status() common.Status {
	st := common.Status{Loaded: len(s.ids), Filter: s.title}
	if s.more > 0 {
		st.Note = common.FormatCount(s.more) + " more calls not listed"
	}
	return st
}

func (s *callsScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.tbl.SetSize(s.width, s.height)
	case tea.KeyMsg:
		if s.tbl.Update(msg) {
			return s, nil
		}
		if key.Matches(msg, s.c.Keys.Open) && len(s.ids) > 0 {
			return s, common.Push(s, record.New(s.c, s.ids[s.tbl.Cursor()]))
		}
		if key.Matches(msg, s.c.Keys.CopyID) && len(s.ids) > 0 {
			return s, common.CopyCmd(s.c.Copy, s.ids[s.tbl.Cursor()])
		}
	}
	return s, nil
}

func (s *callsScreen) View() string {
	if len(s.ids) == 0 {
		return common.MessageView(s.width, "No call on this line.")
	}
	return s.tbl.View()
}

func (s *callsScreen) cell(p, col int) string {
	id := s.ids[p]
	c, ok := s.src.Call(id)
	switch col {
	case colCallStart:
		if !ok {
			return "—"
		}
		return common.FormatStartUnix(c.StartUnix, s.c.Loc())
	case colCallOrganizer:
		return c.Organizer
	case colCallLine:
		if p < s.poor {
			return "poor"
		}
		return "not poor"
	case colCallResult:
		return c.Result
	case colCallQuality:
		return c.Quality
	case colCallID:
		return common.ShortID(id)
	}
	return ""
}

const (
	colCallStart = iota
	colCallOrganizer
	colCallLine
	colCallResult
	colCallQuality
	colCallID
)

func (s *callsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	has := len(s.ids) > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	return []key.Binding{k.Up, k.Down, k.Open, k.CopyID, k.Back}
}

func (s *callsScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()[2:]}
}
