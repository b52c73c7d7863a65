package logs

import (
	"time"

	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

func (r *pstn) cell(i int32, col int, loc *time.Location, _ string) string {
	return r.Cell(i, col, loc)
}

// matcher narrows by a summary group and the prompt's user.
func (r *pstn) matcher(f filter) func(int32) bool {
	return allOf([]func(int32) bool{r.Matcher(f.group), personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
		p := r.Rows.At(i)
		return p.User, p.Caller, p.Callee
	}, r.Users.User, r.Numbers.Str)})
}

// export writes the rows as the scripted commands do (model/export's
// columns; a duration Graph did not report is an empty cell).
func (r *pstn) export(c *common.Common, n int, at func(int) int32) tea.Cmd {
	return exportRows(c, r.file, export.PstnColumns, n, at, r.Snapshot().Row)
}

// moreColumns are the row's fields the default columns leave out.
func (*pstn) moreColumns() []column { return pstnMore }
