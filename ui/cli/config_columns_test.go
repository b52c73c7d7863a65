package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/lipgloss"
	"go.yaml.in/yaml/v3"
)

// columnsConfig is a file a user wrote by hand: comments everywhere, a
// four-space indent, blank lines and a columns: section already choosing
// for calls.
const columnsConfig = `# callscope, support desk
default_profile: contoso   # the tenant we support

profiles:
    contoso:
        tenant_id: 72f988bf-0000-0000-0000-2d7cd011db47
        client_id: 0b1c2d3e-0000-0000-0000-5f6a7b8c9d0e
        env: CONTOSO_CALLSCOPE_SECRET
defaults:
    view: direct
    range: -2h
keys:
    quit: [q, ctrl+q]
colors:
    danger: {light: "#B00020", dark: "#FF6B6B"}
theme: light

# what each list shows
columns:
    calls: [start, organizer, result]   # triage first
store: false
`

// parseSection reads the file's key with read, as the config parser does.
func parseSection[T any](t *testing.T, b []byte, key string, read func(*cfgParser, *yaml.Node) (T, error)) (T, error) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, b)
	}
	n := mappingValue(doc.Content[0], key)
	if n == nil {
		t.Fatalf("no %s: in\n%s", key, b)
	}
	return read(&cfgParser{path: "config.yaml"}, n)
}

// settingsBut is the file's settings as plain values, without key.
func settingsBut(t *testing.T, b []byte, key string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, key)
	return m
}

func TestSaveColumnsKeepsTheRestOfTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "callscope", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(columnsConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := saveColumns(path, common.ColumnsDirect, []string{"start", "result", "sip", "trunk"}); err != nil {
		t.Fatal(err)
	}
	if err := saveColumns(path, common.ColumnsCalls, []string{"start", "result", "quality"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	// The two lines changed in place; every other byte is the user's.
	wantText := strings.Replace(columnsConfig, "    calls: [start, organizer, result]   # triage first\n",
		"    direct: [start, result, sip, trunk]\n    calls: [start, result, quality]   # triage first\n", 1)
	if got != wantText {
		t.Errorf("saved:\n%s\nwant:\n%s", got, wantText)
	}
	for _, comment := range []string{"# callscope, support desk", "# the tenant we support", "# what each list shows", "# triage first"} {
		if !strings.Contains(got, comment) {
			t.Errorf("comment %q lost:\n%s", comment, got)
		}
	}
	if !strings.Contains(got, "\n    contoso:\n        tenant_id:") {
		t.Errorf("the file's four-space indent changed:\n%s", got)
	}
	if !reflect.DeepEqual(settingsBut(t, b, "columns"), settingsBut(t, []byte(columnsConfig), "columns")) {
		t.Fatalf("settings other than columns changed:\n%s", got)
	}
	cols, err := parseSection(t, b, "columns", (*cfgParser).columnsSection)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{common.ColumnsCalls: {"start", "result", "quality"}, common.ColumnsDirect: {"start", "result", "sip", "trunk"}}
	if !reflect.DeepEqual(cols, want) {
		t.Fatalf("columns read back %v, want %v", cols, want)
	}
	theme, err := parseSection(t, b, "theme", (*cfgParser).themeSetting)
	if err != nil || theme != common.ThemeLight {
		t.Fatalf("theme read back %q, %v", theme, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v: the file names a tenant and is kept private", fi.Mode().Perm(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".config-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestSaveColumnsCreatesAMissingFileAndFollowsALink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "config.yaml")
	if err := saveColumns(path, common.ColumnsPstn, []string{"start", "charge"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if string(b) != "columns:\n  pstn: [start, charge]\n" {
		t.Fatalf("a new file:\n%q", b)
	}

	real := filepath.Join(dir, "dotfiles", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("store: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := saveColumns(link, common.ColumnsCalls, []string{"start"}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v", err)
	}
	b, _ = os.ReadFile(real)
	if string(b) != "store: false\ncolumns:\n  calls: [start]\n" {
		t.Fatalf("the link's target:\n%q", b)
	}
}

func TestSaveColumnsLeavesAFileItCannotEditAlone(t *testing.T) {
	for name, body := range map[string]string{
		"not YAML":          "profiles: [\n",
		"not a mapping":     "- a list\n",
		"columns not a map": "columns: [start]\n",
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		err := saveColumns(path, common.ColumnsCalls, []string{"start"})
		if err == nil || !strings.Contains(err.Error(), "left as it is") || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != body {
			t.Errorf("%s: the file changed to %q", name, b)
		}
	}
}

func TestColumnsSectionRefusesWhatIsNotAColumn(t *testing.T) {
	for body, want := range map[string]string{
		"columns:\n  people: [name]\n":                "columns.people: unknown setting (settings here: calls, direct, pstn)",
		"columns:\n  pstn: [start, sip]\n":            `columns.pstn: unknown column "sip" (columns: start, user, caller-callee`,
		"columns:\n  calls: start\n":                  "columns.calls: want a list of columns",
		"columns:\n  calls: []\n":                     "columns.calls: want at least one column",
		"columns:\n  calls: [start]\n  calls: [id]\n": "columns.calls: given twice",
	} {
		_, err := parseSection(t, []byte(body), "columns", (*cfgParser).columnsSection)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
	cols, err := parseSection(t, []byte("columns:\n  direct: [Start, \"Caller → Callee\", SIP]\n"), "columns", (*cfgParser).columnsSection)
	if err != nil || !slices.Equal(cols[common.ColumnsDirect], []string{"start", "caller-callee", "sip"}) {
		t.Fatalf("titles as written on screen are taken too: %v, %v", cols, err)
	}
	if _, err := parseSection(t, []byte("theme: sepia\n"), "theme", (*cfgParser).themeSetting); err == nil ||
		!strings.Contains(err.Error(), `theme: unknown theme "sepia" (themes: auto, dark, light)`) {
		t.Fatalf("theme: %v", err)
	}
}

func TestExplorerThemeFlagWinsOverTheFile(t *testing.T) {
	for _, c := range []struct {
		flag  string
		set   bool
		file  common.Theme
		want  common.Theme
		error string
	}{
		{"", false, "", common.ThemeAuto, ""},
		{"", false, common.ThemeLight, common.ThemeLight, ""},
		{"dark", true, common.ThemeLight, common.ThemeDark, ""},
		{"auto", true, common.ThemeLight, common.ThemeAuto, ""},
		{"neon", true, "", "", `--theme: unknown theme "neon"`},
	} {
		got, err := explorerTheme(c.flag, c.set, c.file)
		if got != c.want || (c.error == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.error)) {
			t.Errorf("flag %q set %v file %q: %q, %v", c.flag, c.set, c.file, got, err)
		}
	}
}

func TestThemedStylesDrawTheChosenThemeWithTheFilesColours(t *testing.T) {
	c := &confOptions{file: &fileConfig{Colors: map[string]colorSpec{"danger": {Light: "#111111", Dark: "#EEEEEE"}}}}
	light, dark := c.themedStyles(false), c.themedStyles(true)
	if light.Danger.GetForeground() != lipgloss.Color("#111111") || dark.Danger.GetForeground() != lipgloss.Color("#EEEEEE") {
		t.Fatalf("danger: light %v, dark %v", light.Danger.GetForeground(), dark.Danger.GetForeground())
	}
	if light.Accent.GetForeground() != common.ThemePalette(false).Accent || dark.SelectedRow.GetBackground() != common.ThemePalette(true).Selection {
		t.Fatal("the colours the file leaves alone are the theme's")
	}
	none := (&confOptions{}).themedStyles(false)
	if none.OK.GetForeground() != common.ThemePalette(false).OK {
		t.Fatal("without a file: the theme's palette")
	}
}

func TestColumnPrefsSaveOnlyWithAConfigFile(t *testing.T) {
	chosen := map[string][]string{common.ColumnsCalls: {"start"}}
	off := (&confOptions{noConfig: true, path: "/x/config.yaml"}).columnPrefs(chosen)
	if off.Save != nil || !slices.Equal(off.Chosen[common.ColumnsCalls], []string{"start"}) {
		t.Fatal("--no-config: a choice lasts the run, nothing is saved")
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	on := (&confOptions{path: path}).columnPrefs(chosen)
	chosen[common.ColumnsCalls][0] = "changed"
	if on.Chosen[common.ColumnsCalls][0] != "start" {
		t.Fatal("prefs keep their own copy of the file's choice")
	}
	where, err := on.Save(common.ColumnsDirect, []string{"start", "sip"})
	if err != nil || where != path {
		t.Fatalf("save: %q, %v", where, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "columns:\n  direct: [start, sip]\n" {
		t.Fatalf("saved %q", b)
	}
}

// TestSetColumnsShapes covers each shape a columns: section can have: the
// common ones are edited in the text, the rest written again from the
// node tree, and every one reads back with its other settings unchanged.
func TestSetColumnsShapes(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"no section, no final newline", "store: false", "store: false\ncolumns:\n  calls: [start, id]\n"},
		{"an empty section", "columns:\n\nstore: false\n", "columns:\n  calls: [start, id]\n\nstore: false\n"},
		{"another kind only", "columns:\n  # mine\n  pstn: [start]\n", "columns:\n  calls: [start, id]\n  # mine\n  pstn: [start]\n"},
		{"a one-line list", "columns:\n  calls: [ Start,  Type ]  # hm\n\n", "columns:\n  calls: [start, id]  # hm\n\n"},
		// Rewritten whole: a block list, a flow mapping, a list in quotes.
		{"a block list", "# top\ncolumns:\n  calls:\n    - start\n    - type\n", "# top\ncolumns:\n  calls: [start, id]\n"},
		{"a flow mapping", "columns: {calls: [start], pstn: [start]}\n", "columns: {calls: [start, id], pstn: [start]}\n"},
		{"quoted names", "columns:\n  calls: [\"Start\", \"Caller → Callee\"]\n", "columns:\n  calls: [start, id]\n"},
	} {
		got, err := setColumns([]byte(c.in), common.ColumnsCalls, []string{"start", "id"})
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %v\n got %q\nwant %q", c.name, err, got, c.want)
		}
	}
}
