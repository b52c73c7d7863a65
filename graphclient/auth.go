package graphclient

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// AccessTokenEnv names the variable holding a bearer token used as is.
const AccessTokenEnv = "CALLSCOPE_ACCESS_TOKEN"

// StaticToken is a credential that always returns the same bearer token:
// CALLSCOPE_ACCESS_TOKEN, or the demo tenant's token.
type StaticToken string

// GetToken implements azcore.TokenCredential.
func (t StaticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(t), ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// SignInHelp says what to set when no credential works.
const SignInHelp = `callscope could not sign in to Microsoft Graph. Either:
  - set CALLSCOPE_ACCESS_TOKEN to an app-only bearer token, or
  - register an app in Microsoft Entra ID, add the Microsoft Graph application
    permission CallRecords.Read.All, grant admin consent, and set
    AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET
    (or AZURE_CLIENT_CERTIFICATE_PATH), or sign in with the Azure CLI (az login).
Try the demo tenant with --demo.`

// NewCredential picks the credential for a cloud: CALLSCOPE_ACCESS_TOKEN if
// set, otherwise azidentity's DefaultAzureCredential (environment secret or
// certificate, workload identity, managed identity, Azure CLI).
func NewCredential(c Cloud) (azcore.TokenCredential, string, error) {
	if tok := os.Getenv(AccessTokenEnv); tok != "" {
		return StaticToken(tok), AccessTokenEnv, nil
	}
	cred, err := azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: policy.ClientOptions{Cloud: c.Auth},
		TenantID:      os.Getenv("AZURE_TENANT_ID"),
	})
	if err != nil {
		return nil, "", fmt.Errorf("%w\n\n%s", err, SignInHelp)
	}
	return signInErrors{cred}, "DefaultAzureCredential", nil
}

// signInErrors adds SignInHelp to a failed token request, so the first
// failing call tells the user what to set rather than azidentity's chain dump.
type signInErrors struct{ azcore.TokenCredential }

// ErrSignIn wraps every token acquisition failure.
var ErrSignIn = errors.New("sign-in failed")

func (s signInErrors) GetToken(ctx context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := s.TokenCredential.GetToken(ctx, o)
	if err != nil {
		return tok, fmt.Errorf("%w: %v\n\n%s", ErrSignIn, err, SignInHelp)
	}
	return tok, nil
}
