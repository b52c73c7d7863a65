package common

import (
	"errors"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// PadRight pads s with spaces to w terminal cells, for a label before its
// value; a label as wide or wider gets one space.
func PadRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s + " "
}

// YesNo is yes when b holds, else no: a flag in words.
func YesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// HelpAs is b described as desc where a screen offers it: esc as "pause
// quality", r as "resume quality". The keys stay b's.
func HelpAs(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// HelpIf returns a copy of b, disabled unless on, so help stays honest.
func HelpIf(b key.Binding, on bool) key.Binding {
	b.SetEnabled(on && b.Enabled())
	return b
}

// AsGraphError is the Graph error in err's chain, if there is one.
func AsGraphError(err error) (*graphclient.Error, bool) {
	ge := new(graphclient.Error)
	if !errors.As(err, &ge) {
		return nil, false
	}
	return ge, true
}
