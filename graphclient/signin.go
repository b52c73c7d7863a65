package graphclient

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Profile is how a config file's profile signs in: the tenant, the app,
// and where the app's secret is, never the secret itself.
type Profile struct {
	Name               string
	TenantID, ClientID string
	// Where the client secret or certificate comes from; at most one.
	SecretEnv   string // the environment variable holding the client secret
	Certificate string // a PEM or PKCS#12 file with the private key
	AzureCLI    bool   // sign in with the Azure CLI's login
}

// NewProfileCredential signs in to cloud c as profile p says, or, with no
// profile (nil) or one that names no secret, as NewCredential decides from
// the environment. The profile's tenant and client ids go to
// AZURE_TENANT_ID and AZURE_CLIENT_ID, where every azidentity credential
// looks. A secret named by SecretEnv is read from its variable here, at
// sign-in, and handed to azidentity; it is never stored elsewhere nor
// printed. CALLSCOPE_ACCESS_TOKEN still wins over everything, as documented.
func NewProfileCredential(c Cloud, p *Profile) (azcore.TokenCredential, error) {
	if p != nil {
		if p.TenantID != "" {
			os.Setenv("AZURE_TENANT_ID", p.TenantID)
		}
		if p.ClientID != "" {
			os.Setenv("AZURE_CLIENT_ID", p.ClientID)
		}
	}
	if p == nil || os.Getenv(AccessTokenEnv) != "" || (p.SecretEnv == "" && p.Certificate == "" && !p.AzureCLI) {
		cred, _, err := NewCredential(c)
		return cred, err
	}
	tenant, client := os.Getenv("AZURE_TENANT_ID"), os.Getenv("AZURE_CLIENT_ID")
	co := azcore.ClientOptions{Cloud: c.Auth}
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
		return nil, fmt.Errorf("profile %s: %w\n\n%s", p.Name, err, SignInHelp)
	}
	return ProfileSignIn{cred, p.Name}, nil
}

// ProfileSignIn is a profile's credential: it adds the profile's name and
// SignInHelp to a failed token request, as NewCredential's credentials do.
type ProfileSignIn struct {
	azcore.TokenCredential
	Profile string
}

// GetToken implements azcore.TokenCredential.
func (s ProfileSignIn) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := s.TokenCredential.GetToken(ctx, opts)
	if err != nil {
		return tok, fmt.Errorf("%w (profile %s): %v\n\n%s", ErrSignIn, s.Profile, err, SignInHelp)
	}
	return tok, nil
}

// RandomToken is 32 random bytes, hex: a bearer token made for one run of
// the demo tenant, which accepts only it and is known to nobody else.
func RandomToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}
