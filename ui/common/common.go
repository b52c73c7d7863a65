package common

import (
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Common is the dependency bag every screen shares (soft-serve's
// common.Common): client, keys, styles, clock and preferences.
type Common struct {
	Client *graphclient.Client
	Keys   KeyMap
	Styles Styles
	// Now is the injected clock: Views never call time.Now.
	Now func() time.Time
	// Prefs is shared and changed only by the root, inside Update.
	Prefs *Prefs
	// Copy puts text on the clipboard (OSC 52); tests substitute it.
	Copy func(string) error
	// ExportDir is where e writes CSV and JSON files.
	ExportDir string
	// Records keeps call records already opened, so going back and forth
	// does not spend Graph's per-record request budget again.
	Records *RecordCache
	// Events is the client's observer: throttle notices and the request
	// log (L). nil in tests that need neither.
	Events *Events
	// Redact masks names, UPNs and phone numbers where rows arrive
	// (redact.go), for screenshots and exports that go into tickets.
	Redact bool
	// Store keeps what the explorer fetches and serves it back first
	// (graphclient/store); nil when the run keeps nothing on disk or the
	// store could not be opened (StoreProblem then says why).
	Store        *store.Store
	StoreProblem string
	// Offline reads only Store and sends nothing: Client is then
	// graphclient.NewOffline's, which refuses every request.
	Offline bool
}

// Prefs are display preferences the root owns.
type Prefs struct {
	UTC bool
	// Local is the "local" zone; nil means time.Local. Tests set it rather
	// than time.Local, which other goroutines read.
	Local *time.Location
}

func (p *Prefs) local() *time.Location {
	if p != nil && p.Local != nil {
		return p.Local
	}
	return time.Local
}

// Loc is the zone times are shown in.
func (c *Common) Loc() *time.Location {
	if c.Prefs != nil && c.Prefs.UTC {
		return time.UTC
	}
	return c.Prefs.local()
}

// ZoneName names the zone for the header.
func (c *Common) ZoneName() string {
	if c.Prefs != nil && c.Prefs.UTC {
		return "UTC"
	}
	name, _ := c.Now().In(c.Prefs.local()).Zone()
	return "local " + name
}

// Screen is one page of the explorer. Children return their own value so
// the root only routes.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	// Title is the breadcrumb segment: "Calls", "Call 3f2a…", "Session 2".
	Title() string
	help.KeyMap
	// Capturing reports that a text input owns the keyboard.
	Capturing() bool
	// Status feeds the footer and header.
	Status() Status
}

// Status is what a screen reports to the frame.
type Status struct {
	// Loaded rows, and whether Graph has more.
	Loaded int
	More   bool
	// Loading: a request is in flight (the footer shows a spinner).
	Loading bool
	// What is loading, for the footer ("call records", "record 3f2a…").
	Activity string
	// Err is the last error, shown with its Graph code and request-id until dismissed.
	Err error
	// Filter is the active filter in words, for the header.
	Filter string
	// Note is any other short text (sort order, "failures only").
	Note string
	// Source says where the rows shown came from, for the header: "Graph",
	// "store, refreshed 14:02", "offline · store of 1 Nov – 6 Dec"
	// (source.go); "" lets the frame say what the run reads.
	Source string
}

// Clickable is a screen that takes mouse clicks (--mouse): line is the
// line of the screen's body clicked, 0 first; double is a second click on
// the same line soon after the first, which opens what the first selected.
type Clickable interface {
	Click(line int, double bool) tea.Cmd
}
