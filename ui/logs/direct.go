package logs

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

func (r *directRouting) cell(i int32, col int, loc *time.Location, failed string) string {
	return r.Cell(i, col, loc, failed)
}

// matcher narrows by failures only and a summary group, then by the
// prompt's user, SIP code and trunk. Lookups by interned id are memoised,
// as the store grows while the predicate lives.
func (r *directRouting) matcher(f filter) func(int32) bool {
	preds := []func(int32) bool{r.Matcher(f.failuresOnly, f.group), personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
		p := r.Rows.At(i)
		return p.User, p.Caller, p.Callee
	}, r.Users.User, r.Numbers.Str)}
	if f.hasSip {
		code := f.sip
		preds = append(preds, func(i int32) bool {
			p := r.Rows.At(i)
			return p.SIPCode == code && p.Missing&model.LogFinalSIPCode == 0 // a null code is not 0
		})
	}
	if f.trunk != "" {
		want := strings.ToLower(f.trunk)
		var memo idMemo
		preds = append(preds, func(i int32) bool {
			return memo.get(r.Rows.At(i).Trunk, func(id uint32) bool {
				return strings.Contains(strings.ToLower(r.Strings.Str(id)), want)
			})
		})
	}
	return allOf(preds)
}

// export writes the rows as the scripted commands do (model/export's
// columns: Graph's names, a value Graph did not report as an empty cell,
// and the outcome), so a file from e and one from direct agree.
func (r *directRouting) export(c *common.Common, n int, at func(int) int32) tea.Cmd {
	return exportRows(c, r.file, export.DirectRoutingColumns, n, at, r.Snapshot().Row)
}

// moreColumns are the row's fields the default columns leave out.
func (*directRouting) moreColumns() []column { return drMore }
