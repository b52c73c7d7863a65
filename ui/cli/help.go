package cli

import (
	"context"
	"flag"
	"fmt"
	"time"
)

// helpOptions are `callscope help [COMMAND]`: the command list, or one
// command's synopsis and flags. Help reads its topic itself, so that
// "callscope help --demo" is still help.
type helpOptions struct{ topic string }

func (o *helpOptions) takeArgs(args []string) { o.topic, _ = splitCommand(args) }

func (o *helpOptions) flags(*flag.FlagSet) {}

func (o *helpOptions) resolve(string, map[string]bool, []string, time.Time) error { return nil }

func (o *helpOptions) run(_ context.Context, e *env) error {
	if o.topic == "" {
		fmt.Fprint(e.stdout, helpText())
		return nil
	}
	if c, ok := lookup(o.topic); ok {
		printCommandHelp(e.stdout, c)
		return nil
	}
	return usagef("help", "no help for %q (commands: %s)", o.topic, commandNames())
}
