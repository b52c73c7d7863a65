package cli

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// TestNoSecretReachesOutputOrTheLogFile runs every scripted command, info
// and a failing sign-in against a fake that wants a recognisable token,
// with a client secret and a profile secret in the environment, and greps
// stdout, stderr and the --log-file for all of them.
func TestNoSecretReachesOutputOrTheLogFile(t *testing.T) {
	const (
		token     = "tok-NEVER-SHOW-7d1e5b2c9a"
		wrong     = "tok-WRONG-NEVER-SHOW-44aa"
		secret    = "azsec-NEVER-SHOW-0b9f3e"
		profSec   = "profsec-NEVER-SHOW-6c2d"
		certPass  = "certpw-NEVER-SHOW-81f0"
		logPrefix = "requests"
	)
	clearSignInEnv(t)
	writeConfig(t, goodConfig)
	t.Setenv(graphclient.AccessTokenEnv, token)
	t.Setenv("AZURE_CLIENT_SECRET", secret)
	t.Setenv("CONTOSO_CALLSCOPE_SECRET", profSec)
	t.Setenv("AZURE_CLIENT_CERTIFICATE_PASSWORD", certPass)

	now := time.Now()
	tenant := testTenant(70, 30, now)
	tenant.AddRecord(testRecord(200, now))
	srv := fakegraph.New(tenant, fakegraph.Options{Token: token, Faults: fakegraph.Faults{ThrottleEvery: 4, RetryAfter: "0.01"}})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	root := hs.URL + "/v1.0"
	log := filepath.Join(t.TempDir(), logPrefix+".jsonl")

	var out strings.Builder
	runs := [][]string{
		{"calls", "--output", "jsonl"}, {"calls", "--output", "csv", "--redact"}, {"record", recordID(3)},
		{"record", "00000000-0000-4000-8000-999999999999"}, // 404: an error with a request-id
		{"direct", "--output", "json"}, {"direct", "--summary"}, {"pstn", "--output", "csv"}, {"pstn", "--summary", "--output", "json"},
		{"info"}, {"info", "--graph-url", root},
	}
	for _, args := range runs {
		r := runCLI(t, append(args, "--graph-url", root, "--log-file", log)...)
		if args[0] == "info" {
			r = runCLI(t, args...)
		}
		out.WriteString(r.stdout + r.stderr)
	}
	// A token the service refuses: the 401 is reported, the token is not.
	t.Setenv(graphclient.AccessTokenEnv, wrong)
	r := runCLI(t, "calls", "--graph-url", root, "--log-file", log)
	if r.code != exitFail || !strings.Contains(r.stderr, "401") {
		t.Errorf("wrong token: exit %d stderr %q, want a 401", r.code, r.stderr)
	}
	out.WriteString(r.stdout + r.stderr)

	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"status":429`) || !strings.Contains(string(b), `"status":401`) || !strings.Contains(string(b), `"status":404`) {
		t.Errorf("the log file lacks the throttled, refused or missing requests:\n%s", b)
	}
	everything := map[string]string{"output": out.String(), "log file": string(b)}
	for where, text := range everything {
		for _, s := range []string{token, wrong, secret, profSec, certPass} {
			if strings.Contains(text, s) || strings.Contains(text, s[:12]) {
				t.Errorf("%s holds %q", where, s)
			}
		}
	}
}
