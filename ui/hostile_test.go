package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/requestlog"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// hostileTenant holds a record, a record whose Get fails, Direct Routing
// and PSTN rows and users, every string hostile (hostile_helpers_test.go)
// but what the fake keys and filters on.
func hostileTenant(recID, failID string) (*fakegraph.Tenant, *hostileFiller) {
	f := newHostileFiller()
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(hostileRecord(f, recID, uitest.Now.Add(-time.Hour)))
	tenant.AddRecord(hostileRecord(f, failID, uitest.Now.Add(-2*time.Hour)))
	tenant.AddDirectRoutingRows(hostileDirectRouting(f, uitest.Now.Add(-time.Hour), recID),
		hostileDirectRouting(f, uitest.Now.Add(-2*time.Hour), ""))
	tenant.AddPstnRows(hostilePstn(f, uitest.Now.Add(-time.Hour)), hostilePstn(f, uitest.Now.Add(-3*time.Hour)))
	for _, u := range hostileUsers(f) {
		tenant.AddUser(u)
	}
	return tenant, f
}

// The property of issue 10: Graph's text, however hostile, never drives the
// terminal. Every string field of every model type that reaches the screen
// (found by reflection, so a field added later is covered) carries escape
// sequences, C1 and bidi controls, invalid UTF-8 and 100 KB runs; the
// records go through the fake over HTTP and the real client, and every view
// of the explorer is drawn. No frame, and no file the explorer exports, may
// hold anything a terminal would act on.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	recID, failID := hostileUUID(1), hostileUUID(2)
	tenant, filler := hostileTenant(recID, failID)
	for _, typ := range stringOwners(reflect.TypeFor[model.CallRecord](), reflect.TypeFor[model.DirectRoutingRow](),
		reflect.TypeFor[model.PstnRow](), reflect.TypeFor[fakegraph.User]()) {
		if filler.types[typ] == 0 {
			t.Errorf("the filler set no string of %s", typ)
		}
	}
	events := common.NewEvents()
	client := hostileClient(t, tenant, failID, events)
	exports := t.TempDir()
	a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true,
		Now: func() time.Time { return uitest.Now }, Events: events, Copy: func(string) error { return nil },
		ExportDir: exports})
	r := newHostileRun(t, a)
	r.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	r.drain(a.Init())
	fc := &frameCheck{t: t}
	frame := func(what string, want ...string) {
		t.Helper()
		fc.check(what, a.View(), want...)
	}

	// Calls: the list, whose second page fails with a hostile Graph error.
	frame("calls list", hostileMark, "Graph 403")
	r.send(uitest.KeyRune('e'))

	// The record: summary, each session's detail, the raw JSON page by page.
	r.send(uitest.KeyEnter)
	frame("record summary", "Organizer", hostileMark)
	for i := range 2 {
		frame("record session detail "+common.Itoa(int64(i)), hostileMark)
		r.send(uitest.KeyDown)
	}
	r.send(uitest.KeyHome)
	walkRaw(t, r, fc, "record raw JSON")
	r.send(uitest.KeyRune('e'))

	// Each session: every segment and stream line with its detail.
	for i := range 2 {
		r.send(uitest.KeyEnter)
		frame("session "+common.Itoa(int64(i+1)), "Segment", hostileMark)
		for line := range 24 {
			r.send(uitest.KeyDown)
			frame("session "+common.Itoa(int64(i+1))+" line "+common.Itoa(int64(line+1)), hostileMark)
		}
		r.send(uitest.KeyHome)
		walkRaw(t, r, fc, "segment raw JSON")
		r.send(uitest.KeyRune('e'))
		r.send(uitest.KeyEsc)
		r.send(uitest.KeyDown)
	}
	r.send(uitest.KeyEsc)

	// The record whose Get fails with a hostile Graph error.
	r.send(uitest.KeyDown, uitest.KeyEnter)
	frame("record error", "Could not load call record "+failID, "Graph 403", "pwned")
	r.send(uitest.KeyEsc)

	// Direct Routing and PSTN: list, detail, raw JSON, triage summary.
	for _, view := range []rune{'2', '3'} {
		name := map[rune]string{'2': "Direct Routing", '3': "PSTN"}[view]
		r.send(uitest.KeyRune(view))
		if view == '2' {
			frame(name+" list", hostileMark, "refused a nextLink") // hostileGraph's link off the root
		} else {
			frame(name+" list", hostileMark)
		}
		r.send(uitest.KeyRune('e'))
		for row := range 2 {
			r.send(uitest.KeyEnter)
			frame(name+" detail", hostileMark)
			for range 8 {
				r.send(uitest.KeyPageDown)
				frame(name + " detail scrolled")
			}
			walkRaw(t, r, fc, name+" row raw JSON")
			if view == '2' {
				// o opens the record the row correlates with: the hostile
				// record, or (second row) a hostile id Graph does not know.
				r.send(uitest.KeyRune('o'))
				frame(name+" row's call record "+common.Itoa(int64(row)), "Call ")
				r.send(uitest.KeyEsc)
			}
			r.send(uitest.KeyEsc, uitest.KeyDown)
		}
		r.send(uitest.KeyRune('a'))
		frame(name+" triage summary", hostileMark)
		for item := range 12 {
			r.send(uitest.KeyDown)
			frame(name + " triage summary item " + common.Itoa(int64(item)))
		}
		r.send(uitest.KeyEnter)
		frame(name + " triage group")
		r.send(uitest.KeyEsc, uitest.KeyEsc)
	}

	// People: a name that fits several users opens the pick list.
	r.send(uitest.KeyRune('1'), uitest.KeyRune(':'))
	for _, k := range uitest.TypeText("user Hostile") {
		r.send(k)
	}
	r.send(uitest.KeyEnter)
	frame("people pick list", "Hostile")
	r.send(uitest.KeyEsc)

	// Text pasted into the prompt never crossed the decode boundary: the
	// prompt line and the answer (nobody has that name) show it safely.
	r.send(uitest.KeyRune(':'))
	for _, k := range uitest.TypeText("user ") {
		r.send(k)
	}
	r.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Nobody" + hostileShort), Paste: true})
	frame("prompt with pasted text", "Nobody")
	r.send(uitest.KeyEnter)
	frame("person not found") // the flash is cut off the footer at this width
	r.send(uitest.KeyEsc)

	// The request log and each entry's detail.
	r.send(uitest.KeyRune('L'), uitest.KeyHome)
	frame("request log", "403")
	for i := range a.top().(*requestlog.Screen).Len() {
		r.send(uitest.KeyEnter)
		frame("request log entry " + common.Itoa(int64(i+1)))
		r.send(uitest.KeyEsc, uitest.KeyDown)
	}

	files, _ := filepath.Glob(filepath.Join(exports, "*"))
	if len(files) < 4 {
		t.Errorf("exports written: %v", files)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fc.check("export "+filepath.Base(name), strings.ReplaceAll(string(b), "\r\n", "\n"))
	}
	t.Logf("checked %d frames and files", len(fc.views))
}

// stringOwners names every struct type reachable from roots that holds a
// string itself (a field, a slice or a map of them): the types the filler
// must have reached.
func stringOwners(roots ...reflect.Type) []string {
	seen := map[reflect.Type]bool{}
	var names []string
	var walk func(t reflect.Type) bool // reports whether t is or holds strings directly
	walk = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.String:
			return true
		case reflect.Pointer:
			walk(t.Elem())
		case reflect.Slice, reflect.Array:
			return t.Elem().Kind() != reflect.Uint8 && walk(t.Elem())
		case reflect.Map:
			return t.Key().Kind() == reflect.String || walk(t.Elem())
		case reflect.Struct:
			if seen[t] {
				return false
			}
			seen[t] = true
			owns := false
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && walk(f.Type) {
					owns = true
				}
			}
			if owns {
				names = append(names, t.Name())
			}
		}
		return false
	}
	for _, r := range roots {
		walk(r)
	}
	return names
}

// walkRaw opens the raw JSON view (v) of the screen on top, checks every
// page of it and closes it again.
func walkRaw(t *testing.T, r *hostileRun, fc *frameCheck, what string) {
	t.Helper()
	r.send(uitest.KeyRune('v'))
	prev := ""
	for page := 0; page < 5000; page++ {
		v := r.a.View()
		if v == prev {
			break
		}
		fc.check(what+" page "+common.Itoa(int64(page+1)), v, "JSON")
		prev = v
		r.send(uitest.KeyPageDown)
	}
	r.send(uitest.KeyRune('v'))
}

// A value that never crossed the decode boundary (built in the program)
// is still drawn safely as raw JSON: what encoding/json leaves raw (C1,
// DEL, bidi runes, bytes that are not UTF-8 in a json.RawMessage) is
// escaped before it reaches the view.
func TestRawJSONOfAnUncleanedValueIsSafe(t *testing.T) {
	var rec model.CallRecord
	newHostileFiller().fill(&rec)
	r := table.NewRawView(uitest.Keys(), "record", &rec, 120, 40)
	if i, desc := terminalHazard(r.Text()); i >= 0 {
		t.Fatalf("raw JSON: %s at byte %d: %q", desc, i, r.Text()[max(i-40, 0):min(i+40, len(r.Text()))])
	}
	var back model.CallRecord
	if err := json.Unmarshal([]byte(r.Text()), &back); err != nil || !strings.Contains(back.JoinWebURL, hostileMark) {
		t.Fatalf("raw JSON does not read back (%v): join URL %q", err, back.JoinWebURL)
	}
}
