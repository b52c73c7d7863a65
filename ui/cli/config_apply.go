package cli

import (
	"time"

	"github.com/callscope/callscope/ui"
)

// confOptions are the flags and settings of logging, redaction and the
// config file, kept in base.conf.
type confOptions struct {
	logFile  string // --log-file: Graph requests as JSON lines
	redact   bool   // --redact: mask names, UPNs and numbers
	profile  string // --profile NAME
	noConfig bool   // --no-config

	path    string      // the config file looked for ("" when unknown)
	file    *fileConfig // nil with --no-config or no file
	loadErr error       // info only: a bad file is reported, not fatal
	prof    *profile    // the profile in use, nil when none
}

// loadConfig reads the config file unless --no-config, picks the profile
// and fills the connection settings the command line left unset: flags
// win over the file. For info a bad file is kept to report; for every
// other command it ends the run (exit 2).
func (b *base) loadConfig(now time.Time) error {
	c := &b.conf
	if c.noConfig {
		if c.profile != "" {
			return usagef(b.cmd, "--profile needs the config file; drop --no-config")
		}
		return nil
	}
	path, err := configPath()
	if err != nil {
		if c.profile != "" {
			return usagef(b.cmd, "--profile: no config directory: %v", err)
		}
		return nil // no home directory: nothing to read
	}
	c.path = path
	c.file, err = loadConfigFile(path, now)
	if err != nil {
		if b.cmd == "info" {
			c.loadErr, c.file = err, nil
			return nil
		}
		return err
	}
	return b.applyProfile()
}

// applyProfile picks --profile or default_profile and fills unset flags
// from it. The file's defaults: shape the explorer only (explorer.go).
func (b *base) applyProfile() error {
	c := &b.conf
	f := c.file
	if f == nil {
		if c.profile != "" {
			return usagef(b.cmd, "--profile %q: no config file at %s", c.profile, c.path)
		}
		return nil
	}
	name := f.DefaultProfile
	if c.profile != "" {
		name = c.profile
		if f.Profiles[name] == nil {
			return usagef(b.cmd, "--profile %q: no such profile in %s (profiles: %s)", name, c.path, profileNames(f))
		}
	}
	if p := f.Profiles[name]; p != nil && !b.demo {
		c.prof = p
		if p.Cloud != "" && !b.set["cloud"] {
			b.cloud = p.Cloud
		}
		if p.GraphURL != "" && !b.set["graph-url"] {
			b.graphURL = p.GraphURL
		}
	}
	return nil
}

// keyMap is keys with the file's overrides; the help shows the
// overridden keys.
func (c *confOptions) keyMap(keys ui.KeyMap) ui.KeyMap {
	if c.file == nil || len(c.file.Keys) == 0 {
		return keys
	}
	// The names were checked when the file was read.
	if over, err := applyKeyOverrides(keys, c.file.Keys); err == nil {
		return over
	}
	return keys
}

// styles is the default palette with the file's colours.
func (c *confOptions) styles() ui.Styles {
	p := ui.DefaultPalette()
	if c.file != nil {
		for name, spec := range c.file.Colors {
			_ = p.SetColor(name, spec.Light, spec.Dark) // checked when the file was read
		}
	}
	return ui.DefaultStylesWith(p)
}
