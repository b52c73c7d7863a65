package cli

import (
	"errors"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient"
)

// clearSignInEnv unsets every variable info and sign-in read.
func clearSignInEnv(t *testing.T) {
	for _, v := range []string{graphclient.AccessTokenEnv, "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
		"AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE",
		"IDENTITY_ENDPOINT", "MSI_ENDPOINT", "CONTOSO_CALLSCOPE_SECRET"} {
		t.Setenv(v, "")
	}
}

// infoLine finds "  label   value" in info's output.
func infoLine(out, label string) string {
	m := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(label) + ` +(.*)$`).FindStringSubmatch(out)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestInfoShowsTheEffectiveSettings(t *testing.T) {
	clearSignInEnv(t)
	path := writeConfig(t, goodConfig)
	t.Setenv("CONTOSO_CALLSCOPE_SECRET", "contoso-INFO-SECRET")
	r := runCLI(t, "info")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := map[string]string{
		"config":                   path + " (loaded)",
		"profile":                  "contoso (default_profile)",
		"cloud":                    "usgov",
		"graph URL":                "https://graph.microsoft.us/v1.0",
		"view":                     "direct",
		"range":                    "from -6h",
		"time zone":                "utc",
		"key overrides":            "3",
		"colour overrides":         "2",
		"credential":               "client secret from $CONTOSO_CALLSCOPE_SECRET (profile contoso)",
		"AZURE_TENANT_ID":          "72f988bf-0000-0000-0000-2d7cd011db47 (profile contoso)",
		"CONTOSO_CALLSCOPE_SECRET": "set",
		"AZURE_CLIENT_SECRET":      "not set",
	}
	for label, v := range want {
		if got := infoLine(r.stdout, label); got != v {
			t.Errorf("%s: %q, want %q\n%s", label, got, v, r.stdout)
		}
	}
	if !strings.HasPrefix(r.stdout, versionLine(debug.ReadBuildInfo())+"\n") {
		t.Errorf("no version line:\n%s", r.stdout)
	}

	// Flags change what it reports, as they change a run.
	r = runCLI(t, "info", "--profile", "fabrikam", "--cloud", "china")
	if infoLine(r.stdout, "profile") != "fabrikam" || infoLine(r.stdout, "cloud") != "china" ||
		infoLine(r.stdout, "graph URL") != "http://127.0.0.1:9/v1.0" || !strings.HasPrefix(infoLine(r.stdout, "credential"), "Azure CLI (profile fabrikam)") {
		t.Errorf("--profile fabrikam --cloud china:\n%s", r.stdout)
	}
	r = runCLI(t, "info", "--no-config")
	if infoLine(r.stdout, "config") != "not read (--no-config)" || infoLine(r.stdout, "view") != "calls" {
		t.Errorf("--no-config:\n%s", r.stdout)
	}
}

func TestInfoReportsAMalformedFileAndStillPrints(t *testing.T) {
	clearSignInEnv(t)
	path := writeConfig(t, "keys:\n  quit: q\n")
	r := runCLI(t, "info")
	if r.code != exitUsage {
		t.Errorf("exit %d, want 2", r.code)
	}
	if !strings.Contains(infoLine(r.stdout, "config"), path+" (not usable") || infoLine(r.stdout, "cloud") != "global" {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "config.yaml:2: keys.quit: want a list of keys") {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestInfoNeverShowsASecret(t *testing.T) {
	clearSignInEnv(t)
	const tok, sec, pw = "tok-INFO-9a8b7c", "sec-INFO-1f2e3d", "pw-INFO-4c5d6e"
	t.Setenv(graphclient.AccessTokenEnv, tok)
	t.Setenv("AZURE_CLIENT_SECRET", sec)
	t.Setenv("AZURE_CLIENT_CERTIFICATE_PASSWORD", pw)
	r := runCLI(t, "info")
	for _, s := range []string{tok, sec, pw} {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("info shows %q:\n%s", s, r.stdout)
		}
	}
	if infoLine(r.stdout, "AZURE_CLIENT_SECRET") != "set" || infoLine(r.stdout, graphclient.AccessTokenEnv) != "set" {
		t.Errorf("info must say the secrets are set:\n%s", r.stdout)
	}
	if got := infoLine(r.stdout, "credential"); got != "bearer token from CALLSCOPE_ACCESS_TOKEN" {
		t.Errorf("credential %q", got)
	}
}

func TestInfoCredentialKind(t *testing.T) {
	az := func(string) (string, error) { return "/usr/bin/az", nil }
	noAz := func(string) (string, error) { return "", errors.New("not found") }
	ids := map[string]string{"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c"}
	with := func(extra map[string]string) func(string) string {
		return func(k string) string {
			if v, ok := extra[k]; ok {
				return v
			}
			return ids[k]
		}
	}
	cases := []struct {
		name string
		o    base
		env  func(string) string
		look func(string) (string, error)
		want string
	}{
		{"demo", base{demo: true}, with(nil), az, "demo tenant token"},
		{"token", base{}, with(map[string]string{graphclient.AccessTokenEnv: "x"}), az, "bearer token from CALLSCOPE_ACCESS_TOKEN"},
		{"secret", base{}, with(map[string]string{"AZURE_CLIENT_SECRET": "x"}), az, "environment client secret"},
		{"secret without ids", base{}, func(k string) string {
			return map[string]string{"AZURE_CLIENT_SECRET": "x"}[k]
		}, noAz, "managed identity if this machine has one (probed at sign-in); otherwise none"},
		{"certificate", base{}, with(map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": "/c.pem"}), az, "environment certificate (/c.pem)"},
		{"workload", base{}, with(map[string]string{"AZURE_FEDERATED_TOKEN_FILE": "/f"}), az, "workload identity"},
		{"managed", base{}, with(map[string]string{"IDENTITY_ENDPOINT": "http://x"}), az, "managed identity"},
		{"cli", base{}, with(nil), az, "managed identity if this machine has one (probed at sign-in), else Azure CLI"},
		{"profile certificate", base{conf: confOptions{prof: &profile{Profile: graphclient.Profile{Name: "p", Certificate: "/p.pem"}}}}, with(nil), az, "certificate /p.pem (profile p)"},
		{"profile env unset", base{conf: confOptions{prof: &profile{Profile: graphclient.Profile{Name: "p", SecretEnv: "P_SECRET"}}}}, with(nil), az, "client secret from $P_SECRET (profile p): $P_SECRET is not set"},
	}
	for _, tc := range cases {
		e := infoEnv{getenv: tc.env, lookPath: tc.look}
		if got := e.credentialKind(&tc.o); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// info is pasted into bug reports: a password in --graph-url (or a
// profile's graph_url) must not be in it.
func TestInfoHidesAPasswordInTheGraphURL(t *testing.T) {
	r := runCLI(t, "info", "--no-config", "--graph-url", "https://alice:hunter2@graph.example.com/v1.0")
	if strings.Contains(r.stdout+r.stderr, "hunter2") {
		t.Fatalf("info printed the password:\n%s%s", r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "graph.example.com/v1.0") {
		t.Errorf("info no longer shows the host:\n%s", r.stdout)
	}
}
