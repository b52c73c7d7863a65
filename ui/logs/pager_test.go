package logs

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// logList is the Direct Routing or PSTN list of threeDays under the pager
// checks every list shares; every row starts i minutes into the range.
func logList(pstn bool) uitest.PagedList {
	from, to := threeDays()
	start := func(i int) model.Time { return model.NewTime(from.Add(time.Duration(i) * time.Minute)) }
	row := func(i int) any {
		if pstn {
			return model.PstnRow{ID: uitest.ID(i), StartDateTime: start(i)}
		}
		return model.DirectRoutingRow{ID: uitest.ID(i), StartDateTime: start(i)}
	}
	l := uitest.PagedList{Name: "direct routing", Noun: "Direct Routing calls", Row: row}
	if pstn {
		l.Name, l.Noun = "pstn", "PSTN calls"
	}
	l.Page = func(reqID uint64, n int) tea.Msg {
		if pstn {
			p := &model.Page[model.PstnRow]{}
			for i := n; i < n+4; i++ {
				p.Value = append(p.Value, row(i).(model.PstnRow))
			}
			return pageMsg{reqID: reqID, page: p}
		}
		p := &model.Page[model.DirectRoutingRow]{}
		for i := n; i < n+4; i++ {
			p.Value = append(p.Value, row(i).(model.DirectRoutingRow))
		}
		return pageMsg{reqID: reqID, page: p}
	}
	l.Open = func(c *common.Common) common.Screen {
		s := NewDirect(c, from, to)
		if pstn {
			s = NewPstn(c, from, to)
		}
		s.Update(common.BodySizeMsg{Width: 120, Height: 25})
		return s
	}
	l.IDs = func(s common.Screen) []string {
		ls := s.(*List)
		ids := make([]string, ls.feed.Len())
		for i := range ids {
			ids[i] = ls.feed.rep.ID(int32(i))
		}
		return ids
	}
	l.Pending = func(s common.Screen) uint64 { return s.(*List).feed.Pending }
	l.PageErr = func(msg tea.Msg) (error, bool) {
		m, ok := msg.(pageMsg)
		return m.err, ok
	}
	// The old settle took logFeedAdoptMsg for the root; keep that:
	l.ForRoot = func(msg tea.Msg) bool { _, ok := msg.(feedAdoptMsg); return ok }
	return l
}

func TestPagingLoopsShowEachRowOnce(t *testing.T) {
	uitest.PagingLoops(t, logList(false))
	uitest.PagingLoops(t, logList(true))
}

func TestEscStopsALoadAndKeepsTheRows(t *testing.T) {
	uitest.EscStopsALoad(t, logList(false))
	uitest.EscStopsALoad(t, logList(true))
}

func TestEscBeforeTheFirstPage(t *testing.T) {
	uitest.EscBeforeTheFirstPage(t, logList(false))
	uitest.EscBeforeTheFirstPage(t, logList(true))
}

func TestReloadDropsTheOldLoadsLatePage(t *testing.T) {
	uitest.ReloadDropsALatePage(t, logList(false))
	uitest.ReloadDropsALatePage(t, logList(true))
}
