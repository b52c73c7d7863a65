package cli

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui"
	"go.yaml.in/yaml/v3"
)

// The sections of config.yaml below the top level; config.go reads
// the file and the top level.

// envName is what a variable name looks like; a pasted secret does not.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (p *cfgParser) profiles(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "profiles")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		pr := &profile{Profile: graphclient.Profile{Name: kv[0].Value}}
		field := "profiles." + pr.Name
		fields, err := p.pairs(kv[1], field)
		if err != nil {
			return err
		}
		var sources []string
		for _, f := range fields {
			k, v := f[0], f[1]
			name := join(field, k.Value)
			var s string
			if k.Value != "azure-cli" && k.Value != "azure_cli" {
				if s, err = p.str(v, name); err != nil {
					return err
				}
			}
			switch k.Value {
			case "tenant_id":
				pr.TenantID = s
			case "client_id":
				pr.ClientID = s
			case "cloud":
				if _, err := graphclient.CloudByName(s); err != nil {
					return p.errf(v, name, "%v", err)
				}
				pr.Cloud = s
			case "graph_url":
				if _, err := graphclient.New(graphclient.Options{ServiceRoot: s}); err != nil {
					return p.errf(v, name, "%v", err)
				}
				pr.GraphURL = s
			case "env":
				// The value is not quoted back: it may be a pasted secret.
				if !envName.MatchString(s) {
					return p.errf(v, name, "want the NAME of the environment variable that holds the client secret (letters, digits and _), never the secret itself")
				}
				pr.SecretEnv, sources = s, append(sources, "env")
			case "certificate":
				pr.Certificate, sources = s, append(sources, "certificate")
			case "azure-cli", "azure_cli":
				var on bool
				if err := deref(v).Decode(&on); err != nil || deref(v).Kind != yaml.ScalarNode {
					return p.errf(v, name, "want true or false")
				}
				pr.AzureCLI = on
				if on {
					sources = append(sources, "azure-cli")
				}
			default:
				return p.unknown(k, field, "tenant_id", "client_id", "cloud", "graph_url", "env", "certificate", "azure-cli")
			}
		}
		if len(sources) > 1 {
			return p.errf(kv[0], field, "give one of env, certificate or azure-cli, not %s", strings.Join(sources, " and "))
		}
		cfg.Profiles[pr.Name] = pr
	}
	return nil
}

func (p *cfgParser) defaults(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "defaults")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		name := "defaults." + k.Value
		s, err := p.str(v, name)
		if err != nil {
			return err
		}
		switch k.Value {
		case "view":
			if _, ok := viewByName[s]; !ok {
				return p.errf(v, name, "%q: use calls, direct or pstn", s)
			}
			cfg.Defaults.View = s
		case "range":
			if _, err := model.ParseWhen(s, p.now); err != nil {
				return p.errf(v, name, "%v", err)
			}
			cfg.Defaults.Range = s
		case "time_zone":
			if s = strings.ToLower(s); s != "utc" && s != "local" {
				return p.errf(v, name, "use utc or local")
			}
			cfg.Defaults.TimeZone = s
		case "mouse":
			if s = strings.ToLower(s); s != "true" && s != "false" {
				return p.errf(v, name, "use true or false")
			}
			cfg.Defaults.Mouse = s
		default:
			return p.unknown(k, "defaults", "view", "range", "time_zone", "mouse")
		}
	}
	return nil
}

func (p *cfgParser) keys(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "keys")
	if err != nil {
		return err
	}
	known := keyBindingNames()
	for _, kv := range pairs {
		k, v := kv[0], deref(kv[1])
		name := "keys." + k.Value
		if !slices.Contains(known, k.Value) {
			return p.errf(k, name, "unknown binding (bindings: %s)", strings.Join(known, ", "))
		}
		if v.Kind != yaml.SequenceNode {
			return p.errf(v, name, "want a list of keys, e.g. [q, ctrl+q]")
		}
		if len(v.Content) == 0 {
			return p.errf(v, name, "want at least one key")
		}
		var keys []string
		for _, e := range v.Content {
			e = deref(e)
			if e.Kind != yaml.ScalarNode || strings.TrimSpace(e.Value) == "" {
				return p.errf(e, name, "want each key as a name such as q, ctrl+q, f5 or enter")
			}
			keys = append(keys, strings.TrimSpace(e.Value))
		}
		cfg.Keys[k.Value] = keys
	}
	return nil
}

func (p *cfgParser) colors(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "colors")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		k, v := kv[0], deref(kv[1])
		name := "colors." + k.Value
		var c colorSpec
		if v.Kind == yaml.MappingNode {
			fields, err := p.pairs(v, name)
			if err != nil {
				return err
			}
			for _, f := range fields {
				s, err := p.str(f[1], join(name, f[0].Value))
				if err != nil {
					return err
				}
				switch f[0].Value {
				case "light":
					c.Light = s
				case "dark":
					c.Dark = s
				default:
					return p.unknown(f[0], name, "light", "dark")
				}
			}
			if c.Light == "" || c.Dark == "" {
				return p.errf(v, name, "give both light and dark, or one colour for both")
			}
		} else if c.Light, err = p.str(v, name); err != nil {
			return err
		}
		var pal ui.Palette // checks the name and both colours
		if err := pal.SetColor(k.Value, c.Light, c.Dark); err != nil {
			at := v
			if !slices.Contains(ui.PaletteNames, strings.ToLower(k.Value)) {
				at = k
			}
			return p.errf(at, name, "%v", err)
		}
		cfg.Colors[strings.ToLower(k.Value)] = c
	}
	return nil
}

// configWatch is the watch: section; zero values are unset (ui's
// defaults: 60 s, no bell, 30 % of at least 10 calls).
type configWatch struct {
	Interval  time.Duration
	Bell      bool
	AlertRate float64 // 0–1
	AlertMin  int
}

func (p *cfgParser) watch(cfg *fileConfig, n *yaml.Node) error {
	pairs, err := p.pairs(n, "watch")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		name := "watch." + k.Value
		s, err := p.str(v, name)
		if err != nil {
			return err
		}
		switch k.Value {
		case "interval":
			d, err := time.ParseDuration(s)
			if err != nil {
				return p.errf(v, name, "want a duration such as 60s or 2m")
			}
			if d < ui.MinWatchInterval {
				return p.errf(v, name, "%s is too often: at least %s, so that a watch left running spares Graph's rate limits", d, ui.MinWatchInterval)
			}
			cfg.Watch.Interval = d
		case "bell":
			if s = strings.ToLower(s); s != "true" && s != "false" {
				return p.errf(v, name, "use true or false")
			}
			cfg.Watch.Bell = s == "true"
		case "alert_failed":
			pct, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
			if err != nil || pct <= 0 || pct >= 100 {
				return p.errf(v, name, "want a share of failed calls between 0 and 100, such as 30%%")
			}
			cfg.Watch.AlertRate = pct / 100
		case "alert_min_calls":
			m, err := strconv.Atoi(s)
			if err != nil || m < 1 {
				return p.errf(v, name, "want a whole number of calls, at least 1")
			}
			cfg.Watch.AlertMin = m
		default:
			return p.unknown(k, "watch", "interval", "bell", "alert_failed", "alert_min_calls")
		}
	}
	return nil
}

// watchOptions are the explorer's w settings from the file; bell rings
// the terminal's bell, used only when the file asks for it.
func (c *confOptions) watchOptions(bell func()) ui.WatchOptions {
	var o ui.WatchOptions
	if c.file == nil {
		return o
	}
	w := c.file.Watch
	o.Interval = w.Interval
	if w.AlertRate != 0 || w.AlertMin != 0 {
		o.Alert = ui.DefaultTrunkAlertRule
		if w.AlertRate != 0 {
			o.Alert.Rate = w.AlertRate
		}
		if w.AlertMin != 0 {
			o.Alert.MinCalls = w.AlertMin
		}
	}
	if w.Bell {
		o.Bell = bell
	}
	return o
}
