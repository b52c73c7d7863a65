package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"go.yaml.in/yaml/v3"
)

// The configuration file, $XDG_CONFIG_HOME/callscope/config.yaml (else the
// OS's user config directory):
//
//	default_profile: contoso
//	profiles:
//	  contoso:
//	    tenant_id: 72f988bf-0000-0000-0000-2d7cd011db47
//	    client_id: 0b1c2d3e-0000-0000-0000-5f6a7b8c9d0e
//	    cloud: global                 # global, usgov, usgovdod, china
//	    graph_url: https://graph.microsoft.com/v1.0
//	    env: CONTOSO_CLIENT_SECRET    # or certificate: /path/cert.pem, or azure-cli: true
//	defaults:
//	  view: direct                    # calls, direct, pstn
//	  range: -24h
//	  time_zone: utc                  # utc, local
//	  mouse: true                     # the wheel scrolls, a click selects
//	keys:
//	  quit: [q, ctrl+q]
//	colors:
//	  accent: "#5A3FC0"
//	  danger: {light: "#B00020", dark: "#FF6B6B"}
//	  subtle: 244
//	store: false                    # keep nothing on disk; or a file: /path/callscope.db
//	watch:                          # w reloads a list's relative range
//	  interval: 60s                 # at least 30s
//	  bell: false                   # ring once per new trunk alert
//	  alert_failed: 30%             # flag a trunk past this share of failed calls (last 15 min)
//	  alert_min_calls: 10           # over at least this many calls
//
// Every key is checked: a misspelt one is an error rather than a setting
// silently ignored. A secret is never in the file, only where to find it.

// fileConfig is a parsed config file.
type fileConfig struct {
	DefaultProfile string
	defaultLine    int // line of default_profile, for its error
	Profiles       map[string]*profile
	Defaults       configDefaults
	// Keys maps a binding name (keyBindingNames) to its keys.
	Keys map[string][]string
	// Colors maps a palette name (ui.PaletteNames) to a colour.
	Colors map[string]colorSpec
	// Store is the store: setting (store.go).
	Store configStore
	// Watch is the watch: section (config_sections.go).
	Watch configWatch
	// Columns maps a list kind (calls, direct, pstn) to the columns it
	// shows; Theme is theme: (config_columns.go).
	Columns map[string][]string
	Theme   common.Theme
}

// profile is one tenant to sign in to: how (graphclient.Profile), and the
// cloud and service root that go with it.
type profile struct {
	graphclient.Profile
	Cloud, GraphURL string
}

// configDefaults are the explorer's starting view, range and time zone.
type configDefaults struct {
	View, Range, TimeZone string
	Mouse                 string // "true" or "false"; "" unset
}

// colorSpec is one colour override: light and dark terminals ("" dark: same).
type colorSpec struct{ Light, Dark string }

// configError is a config file that cannot be used. It points at the line
// and field, and says how to start without the file.
type configError struct {
	path  string
	line  int
	field string
	msg   string
}

func (e *configError) Error() string {
	var b strings.Builder
	b.WriteString(model.DisplaySafe(e.path)) // from $XDG_CONFIG_HOME or a flag
	if e.line > 0 {
		b.WriteString(":" + strconv.Itoa(e.line))
	}
	b.WriteString(": ")
	if e.field != "" {
		b.WriteString(e.field + ": ")
	}
	b.WriteString(e.msg)
	b.WriteString("\n(fix the file, or start without it: --no-config)")
	return b.String()
}

// isConfigError reports a config file error and returns it.
func isConfigError(err error) (*configError, bool) {
	var ce *configError
	ok := errors.As(err, &ce)
	return ce, ok
}

// configPath is where the file is looked for: $XDG_CONFIG_HOME (absolute
// only, as the XDG spec asks) or os.UserConfigDir, then callscope/config.yaml.
func configPath() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "callscope", "config.yaml"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "callscope", "config.yaml"), nil
}

// loadConfigFile reads and checks the file at path; a missing file is no
// configuration (nil, nil).
func loadConfigFile(path string, now time.Time) (*fileConfig, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &configError{path: path, msg: err.Error()}
	}
	return parseConfig(path, b, now)
}

// yamlLine finds the line yaml.v3 puts in a syntax error.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseConfig parses the file's bytes; path names it in errors.
func parseConfig(path string, b []byte, now time.Time) (*fileConfig, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		return nil, &configError{path: path, line: line, msg: "not valid YAML: " + model.DisplaySafe(strings.TrimPrefix(msg, "yaml: "))}
	}
	displaySafeNodes(&doc, map[*yaml.Node]bool{})
	cfg := &fileConfig{Profiles: map[string]*profile{}, Keys: map[string][]string{}, Colors: map[string]colorSpec{}}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file
	}
	p := &cfgParser{path: path, now: now}
	if err := p.top(cfg, doc.Content[0]); err != nil {
		return nil, err
	}
	return cfg, nil
}

// displaySafeNodes makes every key and value of the document display-safe
// (model.DisplaySafe) as it is read, so no later use has to remember: the
// file's text reaches the terminal in info, in errors and in the
// explorer's help, and YAML's "\e", "\x9b" and "\u202e" escapes write
// what no terminal should be sent. seen stops at aliases already walked.
func displaySafeNodes(n *yaml.Node, seen map[*yaml.Node]bool) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	n.Value = model.DisplaySafe(n.Value)
	for _, c := range n.Content {
		displaySafeNodes(c, seen)
	}
	displaySafeNodes(n.Alias, seen)
}

// cfgParser walks the YAML nodes, so every error knows its line and field.
type cfgParser struct {
	path string
	now  time.Time
}

func (p *cfgParser) errf(n *yaml.Node, field, format string, args ...any) error {
	return &configError{path: p.path, line: n.Line, field: field, msg: fmt.Sprintf(format, args...)}
}

// secretKey matches key names that would hold a secret's value.
var secretKey = regexp.MustCompile(`^(secret|password|passphrase|token|access_token|api_key|.*_secret|.*_password|.*_token)$`)

// pairs returns a mapping's key and value nodes, refusing anything else,
// duplicate keys and keys named like a secret.
func (p *cfgParser) pairs(n *yaml.Node, field string) ([][2]*yaml.Node, error) {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil // "profiles:" with nothing under it
	}
	if n.Kind != yaml.MappingNode {
		return nil, p.errf(n, field, "want a mapping of names to values")
	}
	seen := map[string]bool{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		name := join(field, k.Value)
		if k.Kind != yaml.ScalarNode {
			return nil, p.errf(k, field, "want plain names as keys")
		}
		if secretKey.MatchString(strings.ReplaceAll(strings.ToLower(k.Value), "-", "_")) {
			return nil, p.errf(k, name, "secrets never go in the config file; name where the secret is instead "+
				"(env: VARIABLE_NAME, certificate: /path/to/cert.pem, or azure-cli: true)")
		}
		if seen[k.Value] {
			return nil, p.errf(k, name, "given twice")
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

// str reads a scalar (a number or word is taken as its text).
func (p *cfgParser) str(n *yaml.Node, field string) (string, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", p.errf(n, field, "want a single value")
	}
	return strings.TrimSpace(n.Value), nil
}

// unknown words an unknown key with the keys that are allowed.
func (p *cfgParser) unknown(k *yaml.Node, field string, allowed ...string) error {
	return p.errf(k, join(field, k.Value), "unknown setting (settings here: %s)", strings.Join(allowed, ", "))
}

// top reads the document's top-level mapping.
func (p *cfgParser) top(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "")
	if err != nil {
		return err
	}
	var def *yaml.Node
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "default_profile":
			if cfg.DefaultProfile, err = p.str(v, k.Value); err != nil {
				return err
			}
			def, cfg.defaultLine = v, v.Line
		case "profiles":
			err = p.profiles(cfg, v)
		case "defaults":
			err = p.defaults(cfg, v)
		case "keys":
			err = p.keys(cfg, v)
		case "colors", "colours":
			err = p.colors(cfg, v)
		case "store":
			err = p.store(cfg, v)
		case "watch":
			err = p.watch(cfg, v)
		case "columns":
			cfg.Columns, err = p.columnsSection(v)
		case "theme":
			cfg.Theme, err = p.themeSetting(v)
		default:
			err = p.unknown(k, "", "default_profile", "profiles", "defaults", "keys", "colors", "store", "watch", "columns", "theme")
		}
		if err != nil {
			return err
		}
	}
	if def != nil && cfg.Profiles[cfg.DefaultProfile] == nil {
		return p.errf(def, "default_profile", "no profile named %q (profiles: %s)", cfg.DefaultProfile, profileNames(cfg))
	}
	return nil
}

// profileNames lists the profiles for messages.
func profileNames(cfg *fileConfig) string {
	if len(cfg.Profiles) == 0 {
		return "none"
	}
	names := make([]string, 0, len(cfg.Profiles))
	for n := range cfg.Profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
