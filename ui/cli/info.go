package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui"
)

// infoOptions are `callscope info`: where callscope keeps its files, the
// settings in effect and how it would sign in, without signing in. Its
// flags are those that change what it reports.
type infoOptions struct{ base }

func (o *infoOptions) flags(fs *flag.FlagSet) {
	o.connectionFlags(fs, "report as for the built-in demo tenant")
	o.configFlags(fs)
}

func (o *infoOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if err := o.noArguments(pos); err != nil {
		return err
	}
	return o.resolveConnection()
}

// run prints what a support engineer pastes into a bug report. Secrets
// are never shown, only whether they are set. A malformed config file is
// reported with the rest, then ends the run with its error (exit 2).
func (o *infoOptions) run(_ context.Context, e *env) error {
	w := e.stdout
	machine := infoEnv{getenv: os.Getenv, lookPath: exec.LookPath}
	var b strings.Builder
	b.WriteString(versionLine(debug.ReadBuildInfo()) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	c := &o.conf

	fmt.Fprintln(tw, "\nPaths")
	fmt.Fprintf(tw, "  config\t%s\n", configStatus(c))
	state := "unknown (no home directory)"
	if h := ui.DefaultHistoryPath(); h != "" {
		state = filepath.Dir(h) + " (command history)"
	}
	fmt.Fprintf(tw, "  state\t%s\n", state)
	fmt.Fprintf(tw, "  log file\tnone unless --log-file PATH is given (Graph requests as JSON lines)\n")
	fmt.Fprintf(tw, "  store\t%s\n", storeStatus(&o.base))

	fmt.Fprintln(tw, "\nSettings")
	prof := "none"
	if c.prof != nil {
		prof = c.prof.Name
		if c.profile == "" {
			prof += " (default_profile)"
		}
	}
	fmt.Fprintf(tw, "  profile\t%s\n", prof)
	root := graphclient.HideUserInfo(o.graphURL)
	if root == "" {
		root = o.cloudCfg.ServiceRoot
	}
	if o.demo {
		root = "the demo tenant on a loopback port"
	}
	fmt.Fprintf(tw, "  cloud\t%s\n", o.cloudCfg.Name)
	fmt.Fprintf(tw, "  graph URL\t%s\n", root)
	view, rng, tz := "calls", "calls: no range; direct, pstn: the last 24 h", "local"
	keys, colors := 0, 0
	if f := c.file; f != nil {
		if f.Defaults.View != "" {
			view = f.Defaults.View
		}
		if f.Defaults.Range != "" {
			rng = "from " + f.Defaults.Range
		}
		if f.Defaults.TimeZone != "" {
			tz = f.Defaults.TimeZone
		}
		keys, colors = len(f.Keys), len(f.Colors)
	}
	fmt.Fprintf(tw, "  view\t%s\n", view)
	fmt.Fprintf(tw, "  range\t%s\n", rng)
	fmt.Fprintf(tw, "  time zone\t%s\n", tz)
	fmt.Fprintf(tw, "  key overrides\t%d\n", keys)
	fmt.Fprintf(tw, "  colour overrides\t%d\n", colors)

	fmt.Fprintln(tw, "\nSign-in")
	fmt.Fprintf(tw, "  credential\t%s\n", machine.credentialKind(&o.base))
	for _, v := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID"} {
		fmt.Fprintf(tw, "  %s\t%s\n", v, machine.idValue(v, c.prof))
	}
	secrets := []string{graphclient.AccessTokenEnv, "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
		"AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE"}
	if c.prof != nil && c.prof.SecretEnv != "" {
		secrets = append(secrets, c.prof.SecretEnv)
	}
	for _, v := range secrets {
		fmt.Fprintf(tw, "  %s\t%s\n", v, machine.setOrNot(v))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeOutput(w, displaySafeLines(b.String())); err != nil {
		return err
	}
	return c.loadErr
}

// displaySafeLines is s with each line made display-safe: info echoes the
// environment (AZURE_TENANT_ID, the certificate path), flags and the
// config path, none of which crossed a boundary on the way in.
func displaySafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = model.DisplaySafe(l)
	}
	return strings.Join(lines, "\n")
}

// configStatus says which file is read and how that went.
func configStatus(c *confOptions) string {
	switch {
	case c.noConfig:
		return "not read (--no-config)"
	case c.path == "":
		return "none (no config directory)"
	case c.loadErr != nil:
		return c.path + " (not usable: see the error below)"
	case c.file == nil:
		return c.path + " (not found; defaults in use)"
	}
	return c.path + " (loaded)"
}

// infoEnv is what info reads of the machine, replaceable in tests.
type infoEnv struct {
	getenv   func(string) string
	lookPath func(string) (string, error)
}

// setOrNot reports a secret's presence, never its value.
func (e infoEnv) setOrNot(name string) string {
	if e.getenv(name) != "" {
		return "set"
	}
	return "not set"
}

// idValue shows a tenant or client id (not secrets) and where it comes from.
func (e infoEnv) idValue(name string, p *profile) string {
	if p != nil {
		v := p.TenantID
		if name == "AZURE_CLIENT_ID" {
			v = p.ClientID
		}
		if v != "" {
			return v + " (profile " + p.Name + ")"
		}
	}
	if v := e.getenv(name); v != "" {
		return v + " (environment)"
	}
	return "not set"
}

// credentialKind names the credential a run would use, deciding as
// graphclient.NewProfileCredential and azidentity's DefaultAzureCredential do, from the
// environment alone: no token is requested.
func (e infoEnv) credentialKind(o *base) string {
	p := o.conf.prof
	tenant, client := e.getenv("AZURE_TENANT_ID"), e.getenv("AZURE_CLIENT_ID")
	if p != nil {
		tenant, client = firstSet(p.TenantID, tenant), firstSet(p.ClientID, client)
	}
	switch {
	case o.demo:
		return "demo tenant token (made for the run; no sign-in)"
	case e.getenv(graphclient.AccessTokenEnv) != "":
		return "bearer token from " + graphclient.AccessTokenEnv
	case p != nil && p.SecretEnv != "":
		s := "client secret from $" + p.SecretEnv + " (profile " + p.Name + ")"
		if e.getenv(p.SecretEnv) == "" {
			s += ": $" + p.SecretEnv + " is not set, sign-in will fail"
		}
		return s
	case p != nil && p.Certificate != "":
		return "certificate " + p.Certificate + " (profile " + p.Name + ")"
	case p != nil && p.AzureCLI:
		return "Azure CLI (profile " + p.Name + ")"
	case tenant != "" && client != "" && e.getenv("AZURE_CLIENT_SECRET") != "":
		return "environment client secret (AZURE_CLIENT_SECRET)"
	case tenant != "" && client != "" && e.getenv("AZURE_CLIENT_CERTIFICATE_PATH") != "":
		return "environment certificate (" + e.getenv("AZURE_CLIENT_CERTIFICATE_PATH") + ")"
	case tenant != "" && client != "" && e.getenv("AZURE_FEDERATED_TOKEN_FILE") != "":
		return "workload identity (AZURE_FEDERATED_TOKEN_FILE)"
	case e.getenv("IDENTITY_ENDPOINT") != "" || e.getenv("MSI_ENDPOINT") != "":
		return "managed identity"
	}
	if _, err := e.lookPath("az"); err == nil {
		return "managed identity if this machine has one (probed at sign-in), else Azure CLI (az login)"
	}
	return "managed identity if this machine has one (probed at sign-in); otherwise none: " +
		"set " + graphclient.AccessTokenEnv + " or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (callscope help)"
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// storeStatus is where the run's local store is, or why there is none. It
// opens nothing; the demo's store is named, not made.
func storeStatus(b *base) string {
	if b.demo && !b.store.off && b.store.path == "" {
		return "a temporary store of the demo's own, removed after each run"
	}
	path, _, err := b.storePath()
	switch {
	case errors.Is(err, errNoStore):
		return "none (--no-store or store: false in the config file)"
	case err != nil:
		return "unknown: " + model.DisplaySafe(err.Error())
	}
	return path
}
