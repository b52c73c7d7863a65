package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/callscope/callscope/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
)

// viewByName maps --view to the explorer's view constants.
var viewByName = map[string]int{"calls": ui.ViewCalls, "direct": ui.ViewDirect, "pstn": ui.ViewPstn}

// explorerOptions turns flags into ui.Options. --from/--to set both the
// calls filter and the logs' range; zero bounds keep each view's default.
func explorerOptions(o *options, ev *ui.Events) ui.Options {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return ui.Options{
		Keys:      o.keyMap(), // with config.yaml's keys: cli_config_apply.go
		Styles:    o.styles(), // with config.yaml's colors
		Now:       time.Now,
		UTC:       o.utc,
		View:      viewByName[o.view],
		Calls:     ui.CallFilter{From: o.from, To: o.to, Participant: o.participant, ParticipantName: o.participantName},
		LogFrom:   o.from,
		LogTo:     o.to,
		Events:    ev,
		Copy:      ui.OSC52Copy,
		ExportDir: dir,
		// The ":" prompt's history, kept across runs.
		HistoryPath: ui.DefaultHistoryPath(),
		// --redact masks people where rows arrive.
		Redact: o.conf.redact,
		// A --participant name that fits several people: picked on screen.
		PickParticipant: o.participantPick,
	}
}

// runExplorer opens the full-screen explorer. The terminal is always given
// back: Bubble Tea restores it after a panic in Update, View or a command,
// the deferred recover covers our own code around the program, and when
// ctx ends (run cancels it on SIGHUP, SIGTERM or SIGINT) the program is
// stopped and restores it too, whatever screen, prompt or overlay is up.
func runExplorer(ctx context.Context, o *options, stderr io.Writer) (err error) {
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		return usagef("", "the explorer needs a terminal; for scripts use a subcommand (calls, record, direct, pstn)")
	}
	ev := ui.NewEvents()
	c, stop, err := connect(o, ev)
	if err != nil {
		return err
	}
	defer stop()
	if err := resolveStartParticipant(ctx, c, o); err != nil { // a UPN or name: cli_people.go
		return err
	}
	if err := ctx.Err(); err != nil { // a signal during sign-in: no screen to open
		return err
	}

	// Ask the terminal once, before the program owns stdin: lipgloss caches
	// the answer, so adaptive colours never query mid-session (a query then
	// would race Bubble Tea's input reader). NO_COLOR is honoured by termenv.
	lipgloss.SetHasDarkBackground(lipgloss.HasDarkBackground())
	_ = lipgloss.ColorProfile()

	opts := explorerOptions(o, ev)
	opts.Client = c
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
	// The alt screen is set here and nowhere else. Signals are run's
	// (main.go), not Bubble Tea's: its handler turns SIGTERM into a normal
	// quit (exit 0), SIGINT into an error (exit 1) and leaves SIGHUP to kill
	// the process with the alternate screen on. Here every signal ends ctx,
	// which stops the program; Run returns once the terminal is restored.
	p = tea.NewProgram(ui.New(opts), tea.WithAltScreen(), tea.WithContext(ctx), tea.WithoutSignalHandler())
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return errors.New("the explorer stopped after an internal error (details above)")
		}
		return fmt.Errorf("explorer: %w", err)
	}
	return nil
}
