package ui

import (
	"slices"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/columns"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/prompt"
	"github.com/callscope/callscope/ui/requestlog"
	"github.com/callscope/callscope/ui/timeline"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
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
	Keys   common.KeyMap
	Styles common.Styles
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
	// Range is the range every view starts with, as typed (--from, --to),
	// so that r reads "-2h" again; when set it wins over Calls' and the
	// logs' instants. Its Loc nil is the zone times are shown in.
	Range     common.Range
	Events    *common.Events
	Copy      func(string) error
	ExportDir string
	// HistoryPath is the ":" prompt's history file ("" keeps history for
	// this run only); DefaultHistoryPath gives the usual one.
	HistoryPath string
	// Redact masks names, UPNs and phone numbers on screen and in exports.
	Redact bool
	// Store keeps what the explorer fetches (nil: nothing kept); when it
	// could not be opened, StoreProblem says why, once, as the explorer
	// opens. Offline reads only Store: Client must then be
	// graphclient.NewOffline's.
	Store        *store.Store
	StoreProblem string
	Offline      bool
	// Watch configures w: the interval, the trunk alert and the bell.
	Watch WatchOptions
	// Columns are the columns chosen per list (config.yaml's columns:),
	// saved back when the chooser applies; nil: every column, not saved.
	Columns *columns.Prefs
}

// App is the root model: it routes messages to a stack of screens per view
// and draws the header and footer around the top one.
type App struct {
	c            *common.Common
	options      Options
	stacks       [viewCount][]common.Screen
	view         int
	width        int
	height       int
	help         help.Model
	spinner      spinner.Model
	showAll      bool // full help overlay
	flash        string
	flashIsError bool
	flashSeq     int
	retry        *common.RetryMsg
	limitWaits   limitWaits // requests held by callscope's own pacing, per family (limitwait.go)
	events       *common.Events
	// The ":" prompt (cmdline_run.go): nil when closed.
	prompt        *prompt.Prompt
	history       *common.History
	historyWarned bool
	// session is the range and person every view shares (session.go);
	// shared is false until a range was given or a view was left, when
	// each view starts from Options as given.
	session common.Session
	shared  bool
	// chrome is the header and footer as last drawn (chrome.go).
	chrome chrome
	// click is the last mouse click, for double clicks (mouse.go).
	click lastClick
	// watch is the watch w started (watch.go); nil when none.
	watch *watching
}

// New builds the root.
func New(o Options) *App {
	if o.Now == nil {
		o.Now = time.Now
	}
	c := &common.Common{Client: o.Client, Keys: o.Keys, Styles: o.Styles, Now: o.Now,
		Prefs: &common.Prefs{UTC: o.UTC}, Copy: o.Copy, ExportDir: o.ExportDir,
		Records: common.NewRecordCache(common.DefaultRecordCacheSize)}
	c.Events, c.Redact = o.Events, o.Redact
	c.Store, c.StoreProblem, c.Offline = o.Store, o.StoreProblem, o.Offline
	a := &App{c: c, options: o, view: o.View, help: help.New(), events: o.Events, history: &common.History{Path: o.HistoryPath}}
	a.startSession()
	a.spinner = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	a.help.Styles.ShortKey = o.Styles.Accent
	a.help.Styles.ShortDesc = o.Styles.Help
	a.help.Styles.FullKey = o.Styles.Accent
	a.help.Styles.FullDesc = o.Styles.Help
	return a
}

// Init opens the first view.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.open(a.view), a.events.Listen(), a.events.ListenLog(), a.events.ListenLimit(), a.spinner.Tick, common.LoadHistory(a.history.Path)}
	if p := a.c.StoreProblem; p != "" {
		cmds = append(cmds, common.Flash(model.DisplaySafe(p), true))
	}
	return tea.Batch(cmds...)
}

// open makes view v current, creating its base screen on first visit;
// the range and person of the view left go with the user (session.go).
func (a *App) open(v int) tea.Cmd {
	a.leave()
	a.view = v
	if len(a.stacks[v]) > 0 {
		return a.share(v)
	}
	var s common.Screen
	var pick tea.Cmd
	switch v {
	case ViewDirect:
		s = logs.NewDirect(a.c, a.options.LogFrom, a.options.LogTo)
	case ViewPstn:
		s = logs.NewPstn(a.c, a.options.LogFrom, a.options.LogTo)
	default:
		cs := calls.New(a.c, a.callFilter())
		s, pick = cs, cs.PickPerson(a.options.PickParticipant)
	}
	a.options.Columns.Restore(s)
	a.stacks[v] = []common.Screen{s}
	// Shared before Init: a log list that takes a new range is already
	// fetching it, and its Init then asks for nothing.
	shared := a.share(v)
	return tea.Batch(shared, s.Init(), a.sizeCmd(s), pick)
}

// viewOf is the view whose stack holds s (every screen is a pointer, so
// this compares identities); nil stands for the current view.
func (a *App) viewOf(s common.Screen) (int, bool) {
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

func (a *App) top() common.Screen {
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
		// The footer's help wraps at the terminal width; set here, as View
		// must not change the model.
		a.help.Width = msg.Width
		return a, a.broadcast(a.bodySize())
	case tea.KeyMsg:
		return a, a.keys(msg)
	case tea.MouseMsg:
		return a, a.mouse(msg)
	case timeline.OpenMsg:
		return a, timeline.Push(a.c, msg, logs.Openers())
	case common.PushMsg:
		v, ok := a.viewOf(msg.From)
		if !ok {
			return a, nil
		}
		a.options.Columns.Restore(msg.Screen) // a triage group's list, a timeline
		a.stacks[v] = append(a.stacks[v], msg.Screen)
		return a, tea.Batch(msg.Screen.Init(), a.sizeCmd(msg.Screen))
	case common.PopMsg:
		v, ok := a.viewOf(msg.Screen)
		if st := a.stacks[v]; ok && len(st) > 1 && (msg.Screen == nil || st[len(st)-1] == msg.Screen) {
			closeScreen(st[len(st)-1])
			a.stacks[v] = st[:len(st)-1]
		}
		return a, nil
	case common.SwitchViewMsg:
		return a, a.open(msg.View)
	case common.FlashMsg:
		a.flashSeq++
		a.flash, a.flashIsError = msg.Text, msg.IsError
		n := a.flashSeq
		return a, tea.Tick(4*time.Second, func(time.Time) tea.Msg { return common.FlashClearMsg{Seq: n} })
	case common.FlashClearMsg:
		if msg.Seq == a.flashSeq {
			a.flash = ""
		}
		return a, nil
	case common.RetryMsg:
		if msg.Until.IsZero() {
			// Timed by the injected clock the footer counts down with.
			msg.Until = a.c.Now().Add(msg.Event.Wait)
		}
		a.retry = &msg
		return a, a.events.Listen()
	case common.LimitWaitMsg:
		a.limitWaits.note(msg.Event, a.c.Now())
		return a, a.events.ListenLimit()
	case common.RequestLogChangedMsg:
		return a, tea.Batch(a.broadcast(msg), a.events.ListenLog())
	case common.HistoryLoadedMsg, common.HistorySavedMsg:
		return a, a.onHistory(msg)
	case watchTickMsg:
		return a, a.onWatchTick(msg)
	case common.WatchMsg:
		return a, a.onWatchResult(msg)
	case spinner.TickMsg:
		var cmd tea.Cmd
		a.spinner, cmd = a.spinner.Update(msg)
		return a, cmd
	}
	return a, a.broadcast(msg)
}

// keys applies a key message. Bubble Tea v1 delivers runes that arrive in
// one read as one message ("jjjjj" from a held key or a lagging link),
// which matches no binding: such a message is applied as single keys, in
// order, before any screen sees it. A bracketed paste goes whole to a text
// input and is ignored elsewhere.
func (a *App) keys(msg tea.KeyMsg) tea.Cmd {
	if msg.Paste {
		if a.prompt == nil && (a.top() == nil || !a.top().Capturing()) {
			return nil
		}
		return a.key(msg)
	}
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 {
		return a.key(msg)
	}
	cmds := make([]tea.Cmd, 0, len(msg.Runes))
	for _, r := range msg.Runes {
		cmds = append(cmds, a.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
	}
	return tea.Sequence(cmds...)
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
		case key.Matches(msg, k.OpenAny):
			return a.openAnyPrompt()
		case key.Matches(msg, k.RequestLog):
			return a.openRequestLog()
		case key.Matches(msg, k.Columns) && top != nil:
			if ch, ok := columns.Open(a.c, top, a.options.Columns, k.Toggle); ok {
				a.stacks[a.view] = append(a.stacks[a.view], ch)
				return a.sizeCmd(ch)
			}
		case key.Matches(msg, k.ToggleUTC):
			a.c.Prefs.UTC = !a.c.Prefs.UTC
			return a.broadcast(common.PrefsChangedMsg{})
		case key.Matches(msg, k.ViewCalls):
			return a.open(ViewCalls)
		case key.Matches(msg, k.ViewDirect):
			return a.open(ViewDirect)
		case key.Matches(msg, k.ViewPstn):
			return a.open(ViewPstn)
		case key.Matches(msg, k.NextView):
			return a.open((a.view + 1) % viewCount)
		case key.Matches(msg, k.Watch):
			return a.toggleWatch()
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

func (a *App) sizeCmd(s common.Screen) tea.Cmd {
	if a.width == 0 {
		return nil
	}
	m := a.bodySize()
	return func() tea.Msg { return m }
}

// closer is a screen with requests to cancel when it leaves its stack, so
// a record closed with esc does not keep waiting on Graph.
type closer interface{ Closed() }

func closeScreen(s common.Screen) {
	if c, ok := s.(closer); ok {
		c.Closed()
	}
}

// backClaimer is a screen with an inner view (raw JSON) that esc closes
// before the screen itself is closed.
type backClaimer interface{ ClaimsBack() bool }

func claimsBack(s common.Screen) bool {
	b, ok := s.(backClaimer)
	return ok && b.ClaimsBack()
}

// openRequestLog puts the request log on the current view (L), unless it
// is already on top. It is pushed here, not through a command, so a second
// L in the same frame finds it on top instead of pushing another.
func (a *App) openRequestLog() tea.Cmd {
	if _, ok := a.top().(*requestlog.Screen); ok {
		return nil
	}
	s := requestlog.New(a.c)
	a.stacks[a.view] = append(a.stacks[a.view], s)
	return tea.Batch(s.Init(), a.sizeCmd(s))
}
