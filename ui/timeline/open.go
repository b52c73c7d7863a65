package timeline

import (
	"time"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// OpenMsg asks the root to open the timeline of Subject over [Since,
// Until) over screen From (the list whose row p was pressed on, the
// prompt's view for ":open"). The root builds the screen with the log
// views' detail screens as its Openers, which this package cannot import
// (ui/logs imports it for the p key).
type OpenMsg struct {
	From         common.Screen
	Subject      Subject
	Since, Until time.Time
}

// Open is the command that sends OpenMsg.
func Open(from common.Screen, subject Subject, since, until time.Time) tea.Cmd {
	return func() tea.Msg { return OpenMsg{From: from, Subject: subject, Since: since, Until: until} }
}

// Push is the root's answer to msg: the timeline pushed over msg.From,
// its log rows opening with o.
func Push(c *common.Common, msg OpenMsg, o Openers) tea.Cmd {
	return common.Push(msg.From, New(c, msg.Subject, msg.Since, msg.Until).WithOpeners(o))
}
