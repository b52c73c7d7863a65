package calls

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// callsList is the calls screen under the pager checks every list shares.
// Its range is the ten minutes before uitest.Now, one time window, which
// holds every row the suite's server sends (row i starts 30+i seconds
// before Now, so ID(0) is the newest): the server's pages are then that
// window's pages, read in one command, as the suite expects.
func callsList() uitest.PagedList {
	return uitest.PagedList{Name: "calls", Noun: "call records",
		Row: func(i int) any {
			r := uitest.MakeRecords(i, 1)[0]
			r.StartDateTime = model.NewTime(uitest.Now.Add(-time.Duration(30+i) * time.Second))
			r.EndDateTime = r.StartDateTime
			return r
		},
		Open: func(c *common.Common) common.Screen {
			s := New(c, Filter{From: uitest.Now.Add(-10 * time.Minute), To: uitest.Now})
			s.enrich.off = true // the suite counts list requests; enrich_test.go tests the record fetches
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

func TestEscBeforeTheFirstPage(t *testing.T) { uitest.EscBeforeTheFirstPage(t, callsList()) }

func TestReloadDropsTheOldLoadsLatePage(t *testing.T) { uitest.ReloadDropsALatePage(t, callsList()) }
