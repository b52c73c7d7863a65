package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Views, in tab order.
const (
	ViewCalls = iota
	ViewDirect
	ViewPstn
	viewCount
)

// MinWidth and MinHeight are the smallest terminal the frame lays out in.
const (
	MinWidth  = 60
	MinHeight = 15
)

// Options start the explorer.
type Options struct {
	Client *graphclient.Client
	Keys   KeyMap
	Styles Styles
	Now    func() time.Time
	UTC    bool
	// View is the first view: ViewCalls, ViewDirect or ViewPstn.
	View int
	// Calls is the calls filter to start with.
	Calls CallFilter
	// PickParticipant are the people a participant name fits when several
	// do: the calls view opens unfiltered with them in a pick list, and the
	// one picked becomes the filter's participant, as after ":user".
	PickParticipant []graphclient.User
	// LogFrom and LogTo start the direct-routing and PSTN range (zero: last 24 h).
	LogFrom, LogTo time.Time
	Events         *Events
	Copy           func(string) error
	ExportDir      string
	// HistoryPath is the ":" prompt's history file ("" keeps history for
	// this run only); DefaultHistoryPath gives the usual one.
	HistoryPath string
	// Redact masks names, UPNs and phone numbers on screen and in exports.
	Redact bool
}

// CallFilter is the calls screen's server-side filter.
type CallFilter struct {
	From, To    time.Time
	Participant string
	// ParticipantName is what the header calls Participant as the screen
	// opens ("" shows the id shortened); a later filter names its own.
	ParticipantName string
}

// App is the root model: it routes messages to a stack of screens per view
// and draws the header and footer around the top one.
type App struct {
	c       *Common
	opts    Options
	stacks  [viewCount][]screen
	view    int
	width   int
	height  int
	help    help.Model
	spin    spinner.Model
	showAll bool // full help overlay
	flash   string
	flashEr bool
	flashN  int
	retry   *retryMsg
	events  *Events
	// The ":" prompt (cmdline_run.go): nil when closed.
	prompt     *cmdline
	hist       *history
	histWarned bool
}

// New builds the root.
func New(o Options) *App {
	if o.Now == nil {
		o.Now = time.Now
	}
	c := &Common{Client: o.Client, Keys: o.Keys, Styles: o.Styles, Now: o.Now,
		Prefs: &Prefs{UTC: o.UTC}, Copy: o.Copy, ExportDir: o.ExportDir,
		Records: NewRecordCache(DefaultRecordCacheSize)}
	c.Events, c.Redact = o.Events, o.Redact
	a := &App{c: c, opts: o, view: o.View, help: help.New(), events: o.Events, hist: &history{path: o.HistoryPath}}
	a.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	a.help.Styles.ShortKey = o.Styles.Accent
	a.help.Styles.ShortDesc = o.Styles.Help
	a.help.Styles.FullKey = o.Styles.Accent
	a.help.Styles.FullDesc = o.Styles.Help
	return a
}

// Init opens the first view.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.open(a.view), a.events.listen(), a.events.listenLog(), a.spin.Tick, loadHistory(a.hist.path))
}

// open makes view v current, creating its base screen on first visit.
func (a *App) open(v int) tea.Cmd {
	a.view = v
	if len(a.stacks[v]) > 0 {
		return nil
	}
	var s screen
	var pick tea.Cmd
	switch v {
	case ViewDirect:
		s = newLogScreen(a.c, logDirect, a.opts.LogFrom, a.opts.LogTo)
	case ViewPstn:
		s = newLogScreen(a.c, logPstn, a.opts.LogFrom, a.opts.LogTo)
	default:
		cs := newCallsScreen(a.c, a.opts.Calls)
		s, pick = cs, cs.pickPerson(a.opts.PickParticipant)
	}
	a.stacks[v] = []screen{s}
	return tea.Batch(s.Init(), a.sizeCmd(s), pick)
}

// viewOf is the view whose stack holds s (every screen is a pointer, so
// this compares identities); nil stands for the current view.
func (a *App) viewOf(s screen) (int, bool) {
	if s == nil {
		return a.view, true
	}
	for v := range a.stacks {
		if slices.Contains(a.stacks[v], s) {
			return v, true
		}
	}
	return 0, false
}

func (a *App) top() screen {
	st := a.stacks[a.view]
	if len(st) == 0 {
		return nil
	}
	return st[len(st)-1]
}

// Update routes: keys to the top screen (the root keeps ctrl+c, and quit,
// help and back when no input captures), stack and status messages to the
// root, everything else to every screen, which drop what is not theirs.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		return a, a.broadcast(a.bodySize())
	case tea.KeyMsg:
		return a, a.key(msg)
	case pushMsg:
		v, ok := a.viewOf(msg.from)
		if !ok {
			return a, nil
		}
		a.stacks[v] = append(a.stacks[v], msg.s)
		return a, tea.Batch(msg.s.Init(), a.sizeCmd(msg.s))
	case popMsg:
		v, ok := a.viewOf(msg.s)
		if st := a.stacks[v]; ok && len(st) > 1 && (msg.s == nil || st[len(st)-1] == msg.s) {
			closeScreen(st[len(st)-1])
			a.stacks[v] = st[:len(st)-1]
		}
		return a, nil
	case switchViewMsg:
		return a, a.open(msg.view)
	case flashMsg:
		a.flashN++
		a.flash, a.flashEr = msg.text, msg.isErr
		n := a.flashN
		return a, tea.Tick(4*time.Second, func(time.Time) tea.Msg { return flashClearMsg{n} })
	case flashClearMsg:
		if msg.seq == a.flashN {
			a.flash = ""
		}
		return a, nil
	case retryMsg:
		if msg.until.IsZero() {
			// Timed by the injected clock the footer counts down with.
			msg.until = a.c.Now().Add(msg.ev.Wait)
		}
		a.retry = &msg
		return a, a.events.listen()
	case requestLogChangedMsg:
		return a, tea.Batch(a.broadcast(msg), a.events.listenLog())
	case historyLoadedMsg, historySavedMsg:
		return a, a.onHistory(msg)
	case spinner.TickMsg:
		var cmd tea.Cmd
		a.spin, cmd = a.spin.Update(msg)
		return a, cmd
	}
	return a, a.broadcast(msg)
}

func (a *App) key(msg tea.KeyMsg) tea.Cmd {
	k := a.c.Keys
	top := a.top()
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit
	}
	if a.prompt != nil {
		return a.promptKey(msg)
	}
	if a.showAll {
		a.showAll = false // any key closes the help overlay
		return nil
	}
	if top == nil || !top.Capturing() {
		switch {
		case key.Matches(msg, k.Quit):
			return tea.Quit
		case key.Matches(msg, k.Help):
			a.showAll = true
			return nil
		case key.Matches(msg, k.Command):
			return a.openPrompt()
		case key.Matches(msg, k.RequestLog):
			return a.openRequestLog()
		case key.Matches(msg, k.ToggleUTC):
			a.c.Prefs.UTC = !a.c.Prefs.UTC
			return a.broadcast(prefsChangedMsg{})
		case key.Matches(msg, k.ViewCalls):
			return a.open(ViewCalls)
		case key.Matches(msg, k.ViewDirect):
			return a.open(ViewDirect)
		case key.Matches(msg, k.ViewPstn):
			return a.open(ViewPstn)
		case key.Matches(msg, k.NextView):
			return a.open((a.view + 1) % viewCount)
		case key.Matches(msg, k.Dismiss) && a.flash != "":
			a.flash = ""
			return nil
		case key.Matches(msg, k.Back) && len(a.stacks[a.view]) > 1 && !claimsBack(top):
			// Popped here, not through a command, so the next key already
			// reaches the screen underneath.
			closeScreen(top)
			a.stacks[a.view] = a.stacks[a.view][:len(a.stacks[a.view])-1]
			return nil
		}
	}
	if top == nil {
		return nil
	}
	s, cmd := top.Update(msg)
	a.stacks[a.view][len(a.stacks[a.view])-1] = s
	return cmd
}

// broadcast sends msg to every screen of every view.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for v := range a.stacks {
		for i, s := range a.stacks[v] {
			var cmd tea.Cmd
			a.stacks[v][i], cmd = s.Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

func (a *App) sizeCmd(s screen) tea.Cmd {
	if a.width == 0 {
		return nil
	}
	m := a.bodySize()
	return func() tea.Msg { return m }
}

// bodySize measures the chrome rather than assuming its height.
func (a *App) bodySize() bodySizeMsg {
	h := a.height - lipgloss.Height(a.headerView()) - lipgloss.Height(a.footerView())
	return bodySizeMsg{Width: a.width, Height: max(h, 1)}
}

// View draws header, the top screen and footer, or the help overlay.
func (a *App) View() string {
	if a.width == 0 {
		return ""
	}
	if a.width < MinWidth || a.height < MinHeight {
		return fmt.Sprintf("Terminal too small: %dx%d.\nNeed at least %dx%d.\nq quits.",
			a.width, a.height, MinWidth, MinHeight)
	}
	top := a.top()
	body := ""
	if a.showAll {
		body = a.helpView()
	} else if top != nil {
		body = top.View()
	}
	bh := a.bodySize().Height
	body = lipgloss.NewStyle().MaxHeight(bh).Height(bh).MaxWidth(a.width).Render(body)
	return lipgloss.JoinVertical(lipgloss.Left, a.headerView(), body, a.footerView())
}

func (a *App) headerView() string {
	st := a.c.Styles
	var crumbs []string
	for _, s := range a.stacks[a.view] {
		crumbs = append(crumbs, s.Title())
	}
	left := st.Breadcrumb.Render(strings.Join(crumbs, " › "))
	info := []string{a.c.ZoneName()}
	if top := a.top(); top != nil {
		if f := top.Status().Filter; f != "" {
			info = append([]string{f}, info...)
		}
	}
	right := st.HeaderInfo.Render(strings.Join(info, " · "))
	return fitLine(left, right, a.width)
}

func (a *App) footerView() string {
	if a.prompt != nil {
		return a.promptView()
	}
	st := a.c.Styles
	var status []string
	if top := a.top(); top != nil {
		s := top.Status()
		if s.Loading {
			status = append(status, a.spin.View()+" loading "+s.Activity)
		}
		if a.retry != nil {
			// "no answer from Graph within 30s, retry 2 of 4 in 3s": said while
			// the retry waits and while it is in flight.
			ev := a.retry.ev
			switch left := a.retry.until.Sub(a.c.Now()); {
			case left > 0:
				status = append(status, st.Warn.Render(fmt.Sprintf("%s, retry %d of %d in %s", ev.Reason, ev.Attempt, ev.Max, left.Round(time.Second))))
			case s.Loading:
				status = append(status, st.Warn.Render(fmt.Sprintf("%s, retry %d of %d", ev.Reason, ev.Attempt, ev.Max)))
			}
		}
		switch {
		case s.Loaded > 0 && s.More:
			status = append(status, fmt.Sprintf("%d loaded · more ↓", s.Loaded))
		case s.Loaded > 0:
			status = append(status, fmt.Sprintf("all %d loaded", s.Loaded))
		}
		if s.Note != "" {
			status = append(status, s.Note)
		}
		if s.Err != nil {
			// Errors from Graph are display-safe already; this covers any
			// other error text that reaches the footer.
			status = append(status, st.Danger.Render("error: "+model.DisplaySafe(s.Err.Error())+" · r retries"))
		}
	}
	if a.flash != "" {
		style := st.OK
		if a.flashEr {
			style = st.Danger
		}
		status = append(status, style.Render(a.flash))
	}
	line := st.Status.Render(truncate(strings.Join(status, " · "), a.width))
	a.help.Width = a.width
	var hk help.KeyMap = emptyHelp{}
	if top := a.top(); top != nil {
		hk = top
	}
	return lipgloss.JoinVertical(lipgloss.Left, line, a.help.ShortHelpView(hk.ShortHelp()))
}

func (a *App) helpView() string {
	k := a.c.Keys
	groups := [][]key.Binding{k.globalHelp()}
	if top := a.top(); top != nil {
		groups = append(top.FullHelp(), groups...)
	}
	box := a.c.Styles.Overlay
	inner := a.width - box.GetHorizontalFrameSize()
	a.help.Width = 0 // every group, however wide; narrow terminals stack them below
	keys := a.help.FullHelpView(groups)
	if lipgloss.Width(keys) > inner {
		cols := make([]string, len(groups))
		for i, g := range groups {
			cols[i] = a.help.FullHelpView([][]key.Binding{g})
		}
		keys = lipgloss.JoinVertical(lipgloss.Left, cols...)
	}
	return box.MaxWidth(a.width).Render(a.c.Styles.Title.Render("Keys") + "\n\n" + keys +
		"\n\n" + a.c.Styles.Subtle.Render("any key closes"))
}

// backClaimer is a screen with an inner view (raw JSON) that esc closes
// before the screen itself is closed.
// closer is a screen with requests to cancel when it leaves its stack, so
// a record closed with esc does not keep waiting on Graph.
type closer interface{ Closed() }

func closeScreen(s screen) {
	if c, ok := s.(closer); ok {
		c.Closed()
	}
}

type backClaimer interface{ ClaimsBack() bool }

func claimsBack(s screen) bool {
	b, ok := s.(backClaimer)
	return ok && b.ClaimsBack()
}

type emptyHelp struct{}

func (emptyHelp) ShortHelp() []key.Binding  { return nil }
func (emptyHelp) FullHelp() [][]key.Binding { return nil }

// fitLine puts left and right on one line of width w, truncating left first.
func fitLine(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return truncate(left+" "+right, w)
	}
	return left + strings.Repeat(" ", gap) + right
}
