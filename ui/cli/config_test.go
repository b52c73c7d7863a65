package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// TestMain points XDG_CONFIG_HOME at an empty directory, so no test of
// this package reads the config file of whoever runs it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "callscope-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	// No test may write to the user's real data folder (the local store).
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeConfig makes body the config file for this test and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "callscope", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodConfig = `# a support engineer's file
default_profile: contoso
profiles:
  contoso:
    tenant_id: 72f988bf-0000-0000-0000-2d7cd011db47
    client_id: 0b1c2d3e-0000-0000-0000-5f6a7b8c9d0e
    cloud: usgov
    env: CONTOSO_CALLSCOPE_SECRET
  fabrikam:
    tenant_id: fabrikam.onmicrosoft.com
    client_id: 99999999-0000-0000-0000-000000000000
    graph_url: http://127.0.0.1:9/v1.0
    azure-cli: true
defaults:
  view: direct
  range: -6h
  time_zone: utc
keys:
  quit: [ctrl+q]
  help: [f1, "?"]
  request_log: [ctrl+l]
colors:
  accent: "#FF0000"
  danger: {light: "#800000", dark: 203}
`

var cfgNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

func TestConfigFillsWhatTheCommandLineLeavesUnset(t *testing.T) {
	writeConfig(t, goodConfig)
	o := parseAs[*explorerOptions](t, nil, cfgNow)
	if o.view != "direct" || !o.utc || !o.from.Equal(cfgNow.Add(-6*time.Hour)) || o.cloudCfg.Name != "usgov" {
		t.Errorf("explorer from the file: view %q utc %v from %v cloud %q", o.view, o.utc, o.from, o.cloudCfg.Name)
	}
	if o.conf.prof == nil || o.conf.prof.Name != "contoso" {
		t.Fatalf("default_profile not picked: %+v", o.conf.prof)
	}

	o = parseAs[*explorerOptions](t, []string{"--view", "pstn", "--utc=false", "--from", "-2h", "--cloud", "global", "--profile", "fabrikam"}, cfgNow)
	if o.view != "pstn" || o.utc || !o.from.Equal(cfgNow.Add(-2*time.Hour)) || o.cloudCfg.Name != "global" {
		t.Errorf("flags must win: view %q utc %v from %v cloud %q", o.view, o.utc, o.from, o.cloudCfg.Name)
	}
	if o.conf.prof.Name != "fabrikam" || o.graphURL != "http://127.0.0.1:9/v1.0" {
		t.Errorf("--profile fabrikam: profile %q graph URL %q", o.conf.prof.Name, o.graphURL)
	}

	// Scripted commands take the profile, never the explorer's defaults.
	calls := parseAs[*callsOptions](t, []string{"calls"}, cfgNow)
	if !calls.from.IsZero() || calls.cloudCfg.Name != "usgov" {
		t.Errorf("calls: from %v (want none), cloud %q (want the profile's)", calls.from, calls.cloudCfg.Name)
	}

	_, parsed, err := parse([]string{"--no-config"}, cfgNow)
	o, _ = parsed.(*explorerOptions)
	if err != nil || o == nil || o.view != "calls" || o.utc || o.conf.file != nil {
		t.Errorf("--no-config: options %+v err %v", o, err)
	}
}

func TestMalformedConfigSaysWhereAndExitsTwo(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"keys not a list", "keys:\n  quit: q\n", "config.yaml:2: keys.quit: want a list of keys"},
		{"unknown binding", "keys:\n  qiut: [q]\n", "config.yaml:2: keys.qiut: unknown binding (bindings: up, down"},
		{"empty key list", "keys:\n  quit: []\n", "config.yaml:2: keys.quit: want at least one key"},
		{"unknown top level", "view: calls\n", "config.yaml:1: view: unknown setting (settings here: default_profile, profiles"},
		{"secret in a profile", "profiles:\n  p:\n    client_secret: hunter2-value\n", "config.yaml:3: profiles.p.client_secret: secrets never go in the config file"},
		{"password anywhere", "defaults:\n  password: x\n", "config.yaml:2: defaults.password: secrets never go in the config file"},
		{"secret pasted as env", "profiles:\n  p:\n    env: 8Q~abc.def-hunter2\n", "config.yaml:3: profiles.p.env: want the NAME of the environment variable"},
		{"two secret sources", "profiles:\n  p:\n    env: X\n    azure-cli: true\n", "config.yaml:2: profiles.p: give one of env, certificate or azure-cli, not env and azure-cli"},
		{"bad cloud", "profiles:\n  p:\n    cloud: mars\n", `config.yaml:3: profiles.p.cloud: unknown cloud "mars"`},
		{"bad graph url", "profiles:\n  p:\n    graph_url: http://example.com/v1.0\n", "config.yaml:3: profiles.p.graph_url: graph URL"},
		{"unknown profile field", "profiles:\n  p:\n    tenant: x\n", "config.yaml:3: profiles.p.tenant: unknown setting"},
		{"missing default profile", "default_profile: nope\nprofiles:\n  p:\n    tenant_id: x\n", `config.yaml:1: default_profile: no profile named "nope" (profiles: p)`},
		{"bad view", "defaults:\n  view: sms\n", `config.yaml:2: defaults.view: "sms": use calls, direct or pstn`},
		{"bad range", "defaults:\n  range: last tuesday\n", "config.yaml:2: defaults.range:"},
		{"bad zone", "defaults:\n  time_zone: cet\n", "config.yaml:2: defaults.time_zone: use utc or local"},
		{"bad mouse", "defaults:\n  mouse: sometimes\n", "config.yaml:2: defaults.mouse: use true or false"},
		{"bad colour", "colors:\n  accent: \"#12345\"\n", "config.yaml:2: colors.accent: colour \"#12345\": want #RGB or #RRGGBB"},
		{"unknown colour", "colors:\n  purple: 5\n", `config.yaml:2: colors.purple: unknown colour "purple"`},
		{"half a pair", "colors:\n  ok: {light: \"#000\"}\n", "config.yaml:2: colors.ok: give both light and dark"},
		{"duplicate key", "keys:\n  quit: [q]\n  quit: [x]\n", "config.yaml:3: keys.quit: given twice"},
		{"not yaml", "keys:\n  quit: [q\n", "config.yaml:"},
		{"a list at the top", "- a\n- b\n", "config.yaml:1: want a mapping"},
	}
	f := startFake(t, testTenant(1, 0, time.Now()), fakegraph.Faults{}, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			writeConfig(t, tc.body)
			f.srv.ResetRequests()
			r := runCLI(t, "calls", "--graph-url", f.root)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "--no-config") {
				t.Errorf("stderr %q\nwant it to say %q and suggest --no-config", r.stderr, tc.want)
			}
			for _, secret := range []string{"hunter2"} {
				if strings.Contains(r.stderr, secret) {
					t.Errorf("the error quotes a secret value: %q", r.stderr)
				}
			}
			if n := len(f.srv.Requests()); n != 0 {
				t.Errorf("%d requests sent with a bad config file", n)
			}
			// The user can still start with the defaults.
			if r := runCLI(t, "calls", "--graph-url", f.root, "--no-config"); r.code != exitOK {
				t.Errorf("--no-config: exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

func TestProfileFlagErrors(t *testing.T) {
	writeConfig(t, goodConfig)
	cases := map[string][]string{
		`--profile "nope": no such profile`:        {"calls", "--profile", "nope"},
		"--profile needs the config file":          {"calls", "--profile", "contoso", "--no-config"},
		`no config file at`:                        {"calls", "--profile", "contoso", "--graph-url", "http://127.0.0.1:9/v1.0"},
		"unknown flag --profile-name":              {"calls", "--profile-name", "x"},
		"(profiles: contoso, fabrikam)":            {"--profile", "nope"},
		`--profile "nope": no such profile in`:     {"direct", "--profile", "nope"},
		"--profile needs the config file; drop --": {"info", "--profile", "x", "--no-config"},
	}
	for want, args := range cases {
		if want == "no config file at" {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		} else {
			writeConfig(t, goodConfig)
		}
		r := runCLI(t, args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, want) {
			t.Errorf("%v: exit %d stderr %q, want 2 and %q", args, r.code, r.stderr, want)
		}
	}
}

func TestKeyOverridesReachBindingsAndHelp(t *testing.T) {
	writeConfig(t, goodConfig)
	o := parseAs[*explorerOptions](t, nil, cfgNow)
	km := o.conf.keyMap(testKeys())
	ctrlQ := tea.KeyMsg{Type: tea.KeyCtrlQ}
	if !key.Matches(ctrlQ, km.Quit) || key.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}, km.Quit) {
		t.Errorf("quit keys %v, want only ctrl+q", km.Quit.Keys())
	}
	if h := km.Help.Help(); h.Key != "f1/?" || h.Desc != "help" {
		t.Errorf("help binding's help %+v, want f1/? and the old description", h)
	}

	// The explorer's help overlay lists the new keys.
	opts := o.uiOptions(testKeys(), nil)
	app := ui.New(opts)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	app.Update(tea.KeyMsg{Type: tea.KeyF1})
	view := app.View()
	for _, want := range []string{`ctrl\+q +quit`, `ctrl\+l +request log`, `f1/\? +help`} {
		if !regexp.MustCompile(want).MatchString(view) {
			t.Errorf("help overlay lacks %q:\n%s", want, view)
		}
	}
	if regexp.MustCompile(`[^+]q +quit`).MatchString(view) {
		t.Errorf("help still offers q:\n%s", view)
	}
}

func TestKeyBindingNamesCoverTheKeyMap(t *testing.T) {
	names := keyBindingNames()
	for _, want := range []string{"up", "page_up", "copy_id", "raw_json", "toggle_utc", "force_quit", "open_record", "request_log", "next_field"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("no binding %q in %v", want, names)
		}
	}
	km := testKeys()
	for _, n := range names {
		over, err := applyKeyOverrides(km, map[string][]string{n: {"f12"}})
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		b, _ := bindingField(reflect.ValueOf(&over).Elem(), n)
		if got := b.Keys(); len(got) != 1 || got[0] != "f12" || b.Help().Key != "f12" {
			t.Errorf("overriding %s: keys %v help %q", n, got, b.Help().Key)
		}
	}
	if _, err := applyKeyOverrides(km, map[string][]string{"nope": {"x"}}); err == nil {
		t.Error("an unknown binding must be an error")
	}
	for in, want := range map[string]string{"CopyID": "copy_id", "RawJSON": "raw_json", "PageUp": "page_up", "ToggleUTC": "toggle_utc", "Up": "up"} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColourOverridesReachTheStyles(t *testing.T) {
	writeConfig(t, goodConfig)
	o := parseAs[*explorerOptions](t, nil, cfgNow)
	st := o.conf.styles()
	if got := st.Accent.GetForeground(); got != (lipgloss.AdaptiveColor{Light: "#FF0000", Dark: "#FF0000"}) {
		t.Errorf("accent %v", got)
	}
	if got := st.Danger.GetForeground(); got != (lipgloss.AdaptiveColor{Light: "#800000", Dark: "203"}) {
		t.Errorf("danger %v", got)
	}
	if got, want := st.OK.GetForeground(), ui.DefaultStyles().OK.GetForeground(); got != want {
		t.Errorf("ok %v, want the default %v", got, want)
	}
}

func TestProfileSecretIsReadAtSignIn(t *testing.T) {
	writeConfig(t, goodConfig)
	t.Setenv(graphclient.AccessTokenEnv, "")
	t.Setenv("AZURE_TENANT_ID", "")
	t.Setenv("AZURE_CLIENT_ID", "")
	t.Setenv("CONTOSO_CALLSCOPE_SECRET", "")
	o := parseAs[*callsOptions](t, []string{"calls"}, cfgNow)
	if _, err := newCredential(&o.base); err == nil || !strings.Contains(err.Error(), "$CONTOSO_CALLSCOPE_SECRET, which is not set") {
		t.Fatalf("unset secret variable: %v", err)
	}
	if os.Getenv("AZURE_TENANT_ID") != "72f988bf-0000-0000-0000-2d7cd011db47" || os.Getenv("AZURE_CLIENT_ID") != "0b1c2d3e-0000-0000-0000-5f6a7b8c9d0e" {
		t.Errorf("the profile's ids did not reach the environment")
	}
	t.Setenv("CONTOSO_CALLSCOPE_SECRET", "s3cr3t-from-env")
	cred, err := newCredential(&o.base)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cred.(graphclient.ProfileSignIn); !ok {
		t.Errorf("credential %T, want the profile's client secret", cred)
	}
	// A bearer token still wins.
	t.Setenv(graphclient.AccessTokenEnv, "tok")
	if cred, err := newCredential(&o.base); err != nil || cred != graphclient.StaticToken("tok") {
		t.Errorf("with %s set: %T %v", graphclient.AccessTokenEnv, cred, err)
	}
}

// Every value is display-safe as it is read: YAML's "\e", "\x9b" and
// "\u202e" escapes, and an alias to one, reach no later use raw.
func TestConfigValuesAreDisplaySafeWhenRead(t *testing.T) {
	cfg, err := parseConfig("config.yaml", []byte("default_profile: &p \"evil\\e]0;x\\a\"\n"+
		"profiles:\n  *p :\n    tenant_id: \"t\\x9b31m\\u202e\"\n"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Profiles[cfg.DefaultProfile]
	if p == nil {
		t.Fatalf("default profile %q not among %v", cfg.DefaultProfile, profileNames(cfg))
	}
	for _, v := range []string{cfg.DefaultProfile, p.Name, p.TenantID} {
		if v != model.DisplaySafe(v) || strings.ContainsAny(v, "\x1b\x07\u009b\u202e") {
			t.Errorf("value %q is not display-safe", v)
		}
	}
}
