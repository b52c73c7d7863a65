package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui"
)

// confOptions are the flags and settings of logging, redaction and the
// config file, kept in options.conf.
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

// registerConfFlags adds the logging, redaction and config flags.
func registerConfFlags(fs *flag.FlagSet, cmd string, o *options) {
	c := &o.conf
	fs.StringVar(&c.profile, "profile", "", "sign in with this profile of the config file")
	fs.BoolVar(&c.noConfig, "no-config", false, "ignore the config file")
	if cmd == "info" {
		return
	}
	fs.StringVar(&c.logFile, "log-file", "", "append every Graph request to this file as JSON lines")
	fs.BoolVar(&c.redact, "redact", false, "mask names, UPNs and phone numbers (on screen, in exports and output)")
}

// infoFlagSet is `callscope info`'s flags: those that change what it reports.
func infoFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("callscope info", flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	fs.BoolVar(&o.demo, "demo", false, "report as for the built-in demo tenant")
	fs.StringVar(&o.graphURL, "graph-url", "", "Graph service root, e.g. https://graph.microsoft.com/v1.0")
	fs.StringVar(&o.cloud, "cloud", "global", "national cloud: global, usgov, usgovdod or china")
	registerConfFlags(fs, "info", o)
	return fs
}

// loadConfig reads the config file unless --no-config, picks the profile
// and fills every setting the command line left unset: flags win over the
// file. For info a bad file is kept to report; for every other command
// it ends the run (exit 2).
func (o *options) loadConfig(now time.Time) error {
	c := &o.conf
	if c.noConfig {
		if c.profile != "" {
			return usagef(o.cmd, "--profile needs the config file; drop --no-config")
		}
		return nil
	}
	path, err := configPath()
	if err != nil {
		if c.profile != "" {
			return usagef(o.cmd, "--profile: no config directory: %v", err)
		}
		return nil // no home directory: nothing to read
	}
	c.path = path
	c.file, err = loadConfigFile(path, now)
	if err != nil {
		if o.cmd == "info" {
			c.loadErr, c.file = err, nil
			return nil
		}
		return err
	}
	return o.applyConfig()
}

// applyConfig fills unset flags from the profile and the defaults.
func (o *options) applyConfig() error {
	c := &o.conf
	f := c.file
	if f == nil {
		if c.profile != "" {
			return usagef(o.cmd, "--profile %q: no config file at %s", c.profile, c.path)
		}
		return nil
	}
	name := f.DefaultProfile
	if c.profile != "" {
		name = c.profile
		if f.Profiles[name] == nil {
			return usagef(o.cmd, "--profile %q: no such profile in %s (profiles: %s)", name, c.path, profileNames(f))
		}
	}
	if p := f.Profiles[name]; p != nil && !o.demo {
		c.prof = p
		if p.Cloud != "" && !o.set["cloud"] {
			o.cloud = p.Cloud
		}
		if p.GraphURL != "" && !o.set["graph-url"] {
			o.graphURL = p.GraphURL
		}
	}
	// Defaults shape the explorer only: a scripted command's output
	// depends on its command line alone, so a script runs the same for
	// everyone.
	if o.cmd == "" {
		d := f.Defaults
		if d.View != "" && !o.set["view"] {
			o.view = d.View
		}
		if d.Range != "" && !o.set["from"] && !o.set["to"] {
			o.fromStr = d.Range
		}
		if d.TimeZone != "" && !o.set["utc"] {
			o.utc = d.TimeZone == "utc"
		}
	}
	return nil
}

// keyMap is the default keys with the file's overrides; the help shows
// the overridden keys.
func (o *options) keyMap() ui.KeyMap {
	km := defaultKeyMap()
	if o.conf.file == nil || len(o.conf.file.Keys) == 0 {
		return km
	}
	// The names were checked when the file was read.
	if over, err := applyKeyOverrides(km, o.conf.file.Keys); err == nil {
		return over
	}
	return km
}

// styles is the default palette with the file's colours.
func (o *options) styles() ui.Styles {
	p := ui.DefaultPalette()
	if o.conf.file != nil {
		for name, c := range o.conf.file.Colors {
			_ = p.SetColor(name, c.Light, c.Dark) // checked when the file was read
		}
	}
	return ui.DefaultStylesWith(p)
}

// newCredential signs in as the profile says, or as graphclient.NewCredential
// decides from the environment. The profile's tenant and client ids go to
// AZURE_TENANT_ID and AZURE_CLIENT_ID, where every azidentity credential
// looks. A secret named by env: is read from its variable here, at sign-in,
// and handed to azidentity; it is never stored elsewhere nor printed.
// CALLSCOPE_ACCESS_TOKEN still wins over everything, as documented.
func newCredential(o *options) (azcore.TokenCredential, error) {
	p := o.conf.prof
	if p != nil {
		if p.TenantID != "" {
			os.Setenv("AZURE_TENANT_ID", p.TenantID)
		}
		if p.ClientID != "" {
			os.Setenv("AZURE_CLIENT_ID", p.ClientID)
		}
	}
	if p == nil || os.Getenv(graphclient.AccessTokenEnv) != "" || (p.SecretEnv == "" && p.Certificate == "" && !p.AzureCLI) {
		cred, _, err := graphclient.NewCredential(o.cloudCfg)
		return cred, err
	}
	tenant, client := os.Getenv("AZURE_TENANT_ID"), os.Getenv("AZURE_CLIENT_ID")
	co := azcore.ClientOptions{Cloud: o.cloudCfg.Auth}
	var cred azcore.TokenCredential
	var err error
	switch {
	case p.SecretEnv != "":
		secret := os.Getenv(p.SecretEnv)
		if secret == "" {
			return nil, fmt.Errorf("profile %s: the client secret comes from $%s, which is not set", p.Name, p.SecretEnv)
		}
		if tenant == "" || client == "" {
			return nil, fmt.Errorf("profile %s: a client secret needs tenant_id and client_id", p.Name)
		}
		cred, err = azidentity.NewClientSecretCredential(tenant, client, secret, &azidentity.ClientSecretCredentialOptions{ClientOptions: co})
	case p.Certificate != "":
		if tenant == "" || client == "" {
			return nil, fmt.Errorf("profile %s: a certificate needs tenant_id and client_id", p.Name)
		}
		data, rerr := os.ReadFile(p.Certificate)
		if rerr != nil {
			return nil, fmt.Errorf("profile %s: certificate: %w", p.Name, rerr)
		}
		var pw []byte
		if v := os.Getenv("AZURE_CLIENT_CERTIFICATE_PASSWORD"); v != "" {
			pw = []byte(v)
		}
		certs, key, perr := azidentity.ParseCertificates(data, pw)
		if perr != nil {
			return nil, fmt.Errorf("profile %s: certificate %s: %w", p.Name, p.Certificate, perr)
		}
		cred, err = azidentity.NewClientCertificateCredential(tenant, client, certs, key, &azidentity.ClientCertificateCredentialOptions{ClientOptions: co})
	default:
		cred, err = azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: tenant})
	}
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w\n\n%s", p.Name, err, graphclient.SignInHelp)
	}
	return profileSignIn{cred, p.Name}, nil
}

// profileSignIn adds the profile and the sign-in help to a failed token
// request, as graphclient does for its own credentials.
type profileSignIn struct {
	azcore.TokenCredential
	name string
}

// GetToken implements azcore.TokenCredential.
func (s profileSignIn) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := s.TokenCredential.GetToken(ctx, opts)
	if err != nil {
		return tok, fmt.Errorf("%w (profile %s): %v\n\n%s", graphclient.ErrSignIn, s.name, err, graphclient.SignInHelp)
	}
	return tok, nil
}
