package ui

import (
	"errors"
	"fmt"

	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/prompt"
	"github.com/callscope/callscope/ui/requestlog"
	tea "github.com/charmbracelet/bubbletea"
)

// directiveTarget is a screen that takes the prompt's filter directives
// (from, to, user, sip, trunk, failed). ApplyDirectives checks the whole
// batch before changing anything, so an error leaves the screen as it was.
type directiveTarget interface {
	ApplyDirectives(ds []directive.Directive) (tea.Cmd, error)
}

// exporter is a screen that e exports: Export is what the :export command
// runs, once ExportReady says there is something to write.
type exporter interface {
	ExportReady() bool
	Export() tea.Cmd
}

// viewOfCommand maps the view commands to the views.
var viewOfCommand = map[string]int{directive.Calls: ViewCalls, directive.Direct: ViewDirect, directive.Pstn: ViewPstn}

// openPrompt opens the ":" prompt over the footer.
func (a *App) openPrompt() tea.Cmd {
	a.prompt = prompt.New(len(a.history.Lines))
	return nil
}

// promptKey feeds the open prompt. Enter parses and runs the line; an
// error stays under the prompt with the line kept, so it can be fixed.
func (a *App) promptKey(msg tea.KeyMsg) tea.Cmd {
	switch a.prompt.Update(msg, &a.c.Keys, a.history.Lines) {
	case prompt.Cancel:
		a.prompt = nil
	case prompt.Run:
		line := a.prompt.Value()
		// Calendar words (today, a date) are the day in the zone shown.
		cmds, err := directive.Parse(line, a.c.NowInZone())
		if err == nil {
			err = checkCommands(cmds, a.view)
		}
		if err != nil {
			a.prompt.SetError(err)
			return nil
		}
		p := a.prompt
		a.prompt = nil
		cmd, quit, err := a.runCommands(cmds)
		if err != nil {
			p.SetError(err)
			a.prompt = p
			return cmd
		}
		var save tea.Cmd
		if a.history.Add(line) {
			save = common.AppendHistory(a.history.Path, a.history.Lines[len(a.history.Lines)-1])
		}
		if quit {
			// The history line is written before the program ends.
			return tea.Sequence(tea.Batch(cmd, save), tea.Quit)
		}
		return tea.Batch(cmd, save)
	}
	return nil
}

// checkCommands refuses, before anything runs, a command the view it
// would reach does not have: the view is the current one until a view
// command changes it.
func checkCommands(cmds []directive.Directive, view int) error {
	for _, c := range cmds {
		if v, ok := viewOfCommand[c.Name]; ok {
			view = v
			continue
		}
		switch c.Name {
		case directive.Poor:
			if view == ViewCalls {
				continue
			}
			return fmt.Errorf("poor applies to the calls view, whose rows carry a quality verdict (start the line with calls)")
		case directive.Sip, directive.Trunk, directive.Failed:
			if view == ViewDirect || view == ViewCalls && c.Name == directive.Failed {
				continue
			}
			if c.Name == directive.Failed {
				return fmt.Errorf("failed applies to the calls and Direct Routing views: PSTN rows carry no outcome field (start the line with calls or direct)")
			}
			return fmt.Errorf("%s applies to the Direct Routing view (start the line with direct)", c.Name)
		}
	}
	return nil
}

// runCommands runs a parsed line in order: view commands switch at once,
// and each run of filter commands goes to the current view's target as one
// batch. utc, log, export and quit act after every filter was applied (in
// the order given), so an apply error leaves them undone; quit is reported
// rather than returned, for the caller to sequence after the history write.
func (a *App) runCommands(cmds []directive.Directive) (cmd tea.Cmd, quit bool, err error) {
	var out []tea.Cmd
	var after []func() tea.Cmd
	var batch []directive.Directive
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		c, err := a.applyToTarget(batch)
		batch = nil
		out = append(out, c)
		return err
	}
	for _, c := range cmds {
		switch c.Name {
		case directive.Calls, directive.Direct, directive.Pstn:
			if err := flush(); err != nil {
				return tea.Batch(out...), false, err
			}
			out = append(out, a.open(viewOfCommand[c.Name]))
		case directive.Open:
			// open stands alone on its line (model/directive): it lands, or
			// says what it takes, under the prompt.
			cmd, err := a.openAnything(c.Arg)
			if err != nil {
				return tea.Batch(out...), false, err
			}
			out = append(out, cmd)
		case directive.UTC:
			after = append(after, a.toggleUTC)
		case directive.Quit:
			quit = true
		case directive.Log:
			v := a.view
			after = append(after, func() tea.Cmd { return a.pushOn(v, requestlog.New(a.c)) })
		case directive.Export:
			if err := flush(); err != nil {
				return tea.Batch(out...), false, err
			}
			top := a.top()
			after = append(after, func() tea.Cmd { return exportScreen(top) })
		default:
			batch = append(batch, c)
		}
	}
	if err := flush(); err != nil {
		return tea.Batch(out...), false, err
	}
	for _, f := range after {
		out = append(out, f())
	}
	return tea.Batch(out...), quit, nil
}

// applyToTarget gives filter commands to the topmost screen of the view
// that takes them, closing the screens above it on success so the result
// is what shows.
func (a *App) applyToTarget(cmds []directive.Directive) (tea.Cmd, error) {
	st := a.stacks[a.view]
	for i := len(st) - 1; i >= 0; i-- {
		t, ok := st[i].(directiveTarget)
		if !ok {
			continue
		}
		cmd, err := t.ApplyDirectives(cmds)
		if err != nil {
			return nil, err
		}
		a.stacks[a.view] = st[:i+1]
		return cmd, nil
	}
	return nil, errors.New("nothing here takes filters")
}

// toggleUTC switches between UTC and local time, as the t key does.
func (a *App) toggleUTC() tea.Cmd {
	a.c.Prefs.UTC = !a.c.Prefs.UTC
	return a.broadcast(common.PrefsChangedMsg{})
}

// pushOn opens s on top of view v's stack.
func (a *App) pushOn(v int, s common.Screen) tea.Cmd {
	a.stacks[v] = append(a.stacks[v], s)
	return tea.Batch(s.Init(), a.sizeCmd(s))
}

// exportScreen runs s's export when it has something to write, as its
// export key would, or says why not.
func exportScreen(s common.Screen) tea.Cmd {
	e, ok := s.(exporter)
	switch {
	case !ok:
		return common.Flash("nothing to export on this screen", true)
	case !e.ExportReady():
		return common.Flash("nothing to export yet", true)
	}
	return e.Export()
}

// onHistory takes the history read at start and reports, once per run, a
// history file that cannot be read or written: commands still run.
func (a *App) onHistory(msg tea.Msg) tea.Cmd {
	var err error
	switch msg := msg.(type) {
	case common.HistoryLoadedMsg:
		a.history.Merge(msg.Lines)
		err = msg.Err
	case common.HistorySavedMsg:
		err = msg.Err
	}
	if err == nil || a.historyWarned {
		return nil
	}
	a.historyWarned = true
	return common.Flash("command history not kept: "+err.Error(), true)
}

// promptView is the prompt, drawn in the footer's place.
func (a *App) promptView() string {
	return a.prompt.View(a.width, &a.c.Styles, &a.c.Keys)
}
