package calls

import (
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// callsList is the calls screen under the pager checks every list shares.
func callsList() uitest.PagedList {
	return uitest.PagedList{Name: "calls", Noun: "call records",
		Row: func(i int) any { return uitest.MakeRecords(i, 1)[0] },
		Open: func(c *common.Common) common.Screen {
			s := New(c, Filter{})
			s.Update(common.BodySizeMsg{Width: 120, Height: 21})
			return s
		},
		IDs: func(s common.Screen) []string {
			cs := s.(*Screen)
			ids := make([]string, cs.rows.Len())
			for i := range ids {
				ids[i] = cs.rows.ID(i)
			}
			return ids
		},
		Pending: func(s common.Screen) uint64 { return s.(*Screen).Pending },
		Page: func(reqID uint64, from int) tea.Msg {
			return pageMsg{reqID: reqID, page: &model.Page[model.CallRecord]{Value: uitest.MakeRecords(from, 4)}}
		},
		PageErr: func(msg tea.Msg) (error, bool) {
			m, ok := msg.(pageMsg)
			return m.err, ok
		},
	}
}

func TestPagingLoopsShowEachRowOnce(t *testing.T) { uitest.PagingLoops(t, callsList()) }

func TestEscStopsALoadAndKeepsTheRows(t *testing.T) { uitest.EscStopsALoad(t, callsList()) }

func TestEscBeforeTheFirstPage(t *testing.T) { uitest.EscBeforeTheFirstPage(t, callsList()) }

func TestReloadDropsTheOldLoadsLatePage(t *testing.T) { uitest.ReloadDropsALatePage(t, callsList()) }
