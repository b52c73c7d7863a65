package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
)

// viewByName maps --view to the explorer's view constants.
var viewByName = map[string]int{"calls": ui.ViewCalls, "direct": ui.ViewDirect, "pstn": ui.ViewPstn}

// explorerOptions are `callscope` with no command: the full-screen
// explorer, started on a view, a range and a participant.
type explorerOptions struct {
	base
	span
	person
	view    string
	utc     bool
	mouse   bool   // --mouse: the wheel scrolls, a click selects, a double click opens
	theme   string // --theme: auto, dark or light
	version bool   // --version: print the version instead
}

func (o *explorerOptions) flags(fs *flag.FlagSet) {
	o.base.flags(fs)
	o.span.flags(fs)
	o.person.flags(fs)
	o.offlineFlag(fs)
	fs.BoolVar(&o.utc, "utc", false, "show times in UTC")
	fs.StringVar(&o.view, "view", "calls", "open on view `NAME`: calls, direct or pstn")
	fs.BoolVar(&o.mouse, "mouse", false, "let the mouse scroll, select and open (the terminal's own text selection then needs shift)")
	fs.StringVar(&o.theme, "theme", "auto", "draw for a `THEME` background: auto (ask the terminal), dark or light")
	fs.BoolVar(&o.version, "version", false, "print the version and exit (as callscope version)")
}

func (o *explorerOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if o.version {
		return (&versionOptions{}).resolve(cmd, set, pos, now)
	}
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	o.applyDefaults()
	if err := o.noArguments(pos); err != nil {
		return err
	}
	var fileTheme common.Theme
	if o.conf.file != nil {
		fileTheme = o.conf.file.Theme
	}
	theme, err := explorerTheme(o.theme, o.set["theme"], fileTheme)
	if err != nil {
		return usagef(cmd, "%v", err)
	}
	o.theme = string(theme)
	if err := o.resolveConnection(); err != nil {
		return err
	}
	// --view goes through the ":" prompt's grammar ("view direct").
	c, err := directive.Value(directive.View, o.view, now)
	if err != nil {
		return usagef(cmd, "--view %v", err)
	}
	o.view = c.Name
	if err := o.person.resolve(cmd, now); err != nil {
		return err
	}
	o.span.utc = o.utc                      // "today" is the day in the zone the explorer shows
	return o.span.resolve(cmd, set, now, 0) // each view keeps its own default
}

// applyDefaults fills what the command line left unset from the config
// file's defaults:. They shape the explorer only: a scripted command's
// output depends on its command line alone, so a script runs the same for
// everyone.
func (o *explorerOptions) applyDefaults() {
	if o.conf.file == nil {
		return
	}
	d := o.conf.file.Defaults
	if d.View != "" && !o.set["view"] {
		o.view = d.View
	}
	if d.Range != "" && !o.set["from"] && !o.set["to"] {
		o.fromText = d.Range
	}
	if d.TimeZone != "" && !o.set["utc"] {
		o.utc = d.TimeZone == "utc"
	}
	if d.Mouse != "" && !o.set["mouse"] {
		o.mouse = d.Mouse == "true"
	}
}

// uiOptions turns flags into ui.Options, with keys as the default key
// bindings. --from/--to set both the calls filter and the logs' range,
// kept as typed so that r reads "-2h" again; zero bounds keep each view's
// default.
func (o *explorerOptions) uiOptions(keys ui.KeyMap, ev *ui.Events) ui.Options {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return ui.Options{
		Keys:      o.conf.keyMap(keys), // with config.yaml's keys
		Styles:    o.conf.styles(),     // with config.yaml's colors
		Now:       time.Now,
		UTC:       o.utc,
		View:      viewByName[o.view],
		Calls:     ui.CallFilter{From: o.from, To: o.to, Participant: o.participant, ParticipantName: o.name},
		LogFrom:   o.from,
		LogTo:     o.to,
		Range:     ui.Range{From: strings.TrimSpace(o.fromText), To: strings.TrimSpace(o.toText), Loc: o.span.zone()},
		Events:    ev,
		Copy:      ui.OSC52Copy,
		ExportDir: dir,
		// The ":" prompt's history, kept across runs.
		HistoryPath: ui.DefaultHistoryPath(),
		// --redact masks people where rows arrive.
		Redact: o.conf.redact,
		// A --participant name that fits several people: picked on screen.
		PickParticipant: o.pick,
		// The columns each list shows, saved back when c applies.
		Columns: o.conf.columnPrefs(o.fileColumns()),
	}
}

// run opens the full-screen explorer. The terminal is always given back:
// Bubble Tea restores it after a panic in Update, View or a command, the
// deferred recover covers our own code around the program, and when ctx
// ends (Main cancels it on SIGHUP, SIGTERM or SIGINT) the program is
// stopped and restores it too, whatever screen, prompt or overlay is up.
func (o *explorerOptions) run(ctx context.Context, e *env) (err error) {
	if o.version {
		return (&versionOptions{}).run(ctx, e)
	}
	in, inOK := e.stdin.(term.File)
	out, outOK := e.stdout.(term.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return usagef("", "the explorer needs a terminal; for scripts use a subcommand (calls, record, direct, pstn)")
	}
	ev := ui.NewEvents()
	c, st, closeAll, err := o.explorerData(ctx, ev, e.stderr)
	if err != nil {
		return err
	}
	defer closeAll()
	if err := ctx.Err(); err != nil { // a signal during sign-in: no screen to open
		return err
	}

	// Ask the terminal once, before the program owns stdin: lipgloss caches
	// the answer, so adaptive colours never query mid-session (a query then
	// would race Bubble Tea's input reader). NO_COLOR is honoured by termenv.
	dark := common.Theme(o.theme).Dark(lipgloss.HasDarkBackground) // asks only for auto
	lipgloss.SetHasDarkBackground(dark)
	_ = lipgloss.ColorProfile()

	opts := o.uiOptions(e.keys, ev)
	opts.Styles = o.conf.themedStyles(dark)
	opts.Client, opts.Store, opts.StoreProblem, opts.Offline = c, st.store, st.problem, o.offline
	// w's settings; the bell (opt-in) is one BEL byte to the terminal,
	// written whole between frames: an *os.File serialises its writes.
	opts.Watch = o.conf.watchOptions(func() { _, _ = out.Write([]byte{'\a'}) })
	return runProgram(ctx, ui.New(opts), in, out, e.stderr, o.mouse)
}

// explorerStore is the store the explorer keeps, or why it keeps none.
type explorerStore struct {
	store   *store.Store
	problem string // the store could not be opened: said on screen
}

// explorerData is what the explorer reads: with --offline the store alone
// and a client that sends nothing (no sign-in, no network); otherwise
// Graph, signed in, with the store when it opens. A store that does not
// open (damaged, foreign, read-only, busy) leaves the explorer on Graph
// alone, and the screen says why: stderr is hidden behind it.
func (o *explorerOptions) explorerData(ctx context.Context, ev *ui.Events, stderr io.Writer) (*graphclient.Client, explorerStore, func(), error) {
	if o.offline {
		if err := o.resolveOfflineParticipant(o.cmd); err != nil {
			return nil, explorerStore{}, func() {}, err
		}
		s, closeStore, err := o.openOffline(ctx)
		if err != nil {
			return nil, explorerStore{}, closeStore, err
		}
		return graphclient.NewOffline(), explorerStore{store: s}, closeStore, nil
	}
	c, stop, err := connect(&o.base, ev)
	if err != nil {
		return nil, explorerStore{}, func() {}, err
	}
	if err := o.lookup(ctx, c, o.conf.redact); err != nil { // a UPN or name: people.go
		stop()
		return nil, explorerStore{}, func() {}, err
	}
	var st explorerStore
	s, closeStore, err := o.openStore(ctx)
	switch {
	case errors.Is(err, errNoStore):
	case err != nil:
		st.problem = err.Error() + "; showing Graph only"
	default:
		st.store = s
		if werr := s.Writable(); werr != nil {
			st.problem = werr.Error() // a newer schema: read, never written
		}
	}
	return c, st, func() { closeStore(); stop() }, nil
}

// runProgram runs the explorer's program on the terminal in and out until
// it quits or ctx ends.
func runProgram(ctx context.Context, model tea.Model, in, out io.ReadWriter, stderr io.Writer, mouse bool) (err error) {
	var p *tea.Program
	defer func() {
		if r := recover(); r != nil {
			if p != nil {
				p.Kill()
				_ = p.ReleaseTerminal()
			}
			fmt.Fprintf(stderr, "callscope: internal error: %v\n", r)
			err = errors.New("the explorer stopped after an internal error")
		}
	}()
	// The alt screen is set here and nowhere else. Signals are Main's
	// (signals.go), not Bubble Tea's: its handler turns SIGTERM into a
	// normal quit (exit 0), SIGINT into an error (exit 1) and leaves SIGHUP
	// to kill the process with the alternate screen on. Here every signal
	// ends ctx, which stops the program; Run returns once the terminal is
	// restored.
	// 120 frames a second: a key shows within 8 ms of its frame tick, not 17
	// (the pty latency benchmark in ui/uitest/ptylatency measures it).
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx), tea.WithoutSignalHandler(), tea.WithFPS(120),
		tea.WithInput(in), tea.WithOutput(out)}
	if mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	p = tea.NewProgram(model, opts...)
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return errors.New("the explorer stopped after an internal error (details above)")
		}
		return fmt.Errorf("explorer: %w", err)
	}
	return nil
}

// fileColumns is the config file's columns: section, nil without a file.
func (o *explorerOptions) fileColumns() map[string][]string {
	if o.conf.file == nil {
		return nil
	}
	return o.conf.file.Columns
}
