package graphclient

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// clearSignIn unsets every variable sign-in reads.
func clearSignIn(t *testing.T) {
	for _, v := range []string{AccessTokenEnv, "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
		"AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "PROFILE_SECRET"} {
		t.Setenv(v, "")
	}
}

func TestProfileCredentialReadsTheSecretAtSignIn(t *testing.T) {
	clearSignIn(t)
	global, _ := CloudByName("global")
	p := &Profile{Name: "contoso", TenantID: "tenant-1", ClientID: "client-1", SecretEnv: "PROFILE_SECRET"}
	if _, err := NewProfileCredential(global, p); err == nil || !strings.Contains(err.Error(), "$PROFILE_SECRET, which is not set") {
		t.Fatalf("unset secret variable: %v", err)
	}
	if os.Getenv("AZURE_TENANT_ID") != "tenant-1" || os.Getenv("AZURE_CLIENT_ID") != "client-1" {
		t.Errorf("the profile's ids did not reach the environment")
	}
	t.Setenv("PROFILE_SECRET", "s3cr3t-from-env")
	cred, err := NewProfileCredential(global, p)
	if err != nil {
		t.Fatal(err)
	}
	if ps, ok := cred.(ProfileSignIn); !ok || ps.Profile != "contoso" {
		t.Errorf("credential %T, want the profile's client secret", cred)
	}
	t.Setenv(AccessTokenEnv, "tok")
	if cred, err := NewProfileCredential(global, p); err != nil || cred != StaticToken("tok") {
		t.Errorf("with %s set: %T %v", AccessTokenEnv, cred, err)
	}
	if cred, err := NewProfileCredential(global, nil); err != nil || cred != StaticToken("tok") {
		t.Errorf("no profile, %s set: %T %v", AccessTokenEnv, cred, err)
	}
}

// A certificate profile's own mistakes are said plainly, without the
// sign-in help meant for a failed token request.
func TestProfileCertificateErrors(t *testing.T) {
	clearSignIn(t)
	global, _ := CloudByName("global")
	_, err := NewProfileCredential(global, &Profile{Name: "p", Certificate: "/nowhere.pem"})
	if err == nil || err.Error() != "profile p: a certificate needs tenant_id and client_id" {
		t.Errorf("no ids: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "cert.pem")
	_, err = NewProfileCredential(global, &Profile{Name: "p", TenantID: "t", ClientID: "c", Certificate: missing})
	if !errors.Is(err, os.ErrNotExist) || strings.Contains(err.Error(), SignInHelp) {
		t.Errorf("missing file: %v", err)
	}
}

// failingCredential refuses every token.
type failingCredential struct{}

func (failingCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, errors.New("AADSTS7000215: invalid client secret")
}

func TestProfileSignInNamesTheProfileOnFailure(t *testing.T) {
	_, err := ProfileSignIn{failingCredential{}, "contoso"}.GetToken(context.Background(), policy.TokenRequestOptions{})
	if !errors.Is(err, ErrSignIn) || !strings.Contains(err.Error(), "(profile contoso)") || !strings.Contains(err.Error(), SignInHelp) {
		t.Errorf("error %v", err)
	}
}

func TestRandomTokenIsFreshHex(t *testing.T) {
	a, errA := RandomToken()
	b, errB := RandomToken()
	if errA != nil || errB != nil || len(a) != 64 || a == b || strings.Trim(a, "0123456789abcdef") != "" {
		t.Errorf("tokens %q %q (%v %v)", a, b, errA, errB)
	}
}
