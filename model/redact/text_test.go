package redact

import "testing"

// The SAS and API-key parameters are secrets only as whole names: "key"
// is not "monkey" or "keys", "se" is not "select" or "sex".
func TestSecretsRedactsSignatureKeyAndExpiryByWholeName(t *testing.T) {
	cases := map[string]string{
		"/blob?sv=2024&se=2026-01-01&sig=abc":         "/blob?sv=2024&se=REDACTED&sig=REDACTED",
		"/x?signature=s1&a=1":                         "/x?signature=REDACTED&a=1",
		"/x?KEY=k1":                                   "/x?KEY=REDACTED",
		"/x?a=1&key=k2;b=2":                           "/x?a=1&key=REDACTED;b=2",
		`see "https://h/x?Signature=s2"`:              `see "https://h/x?Signature=REDACTED"`,
		"/v1.0/users?$select=id&$skiptoken=abc":       "/v1.0/users?$select=id&$skiptoken=abc",
		"/x?select=id&monkey=1&keys=2&sex=f&seq=3":    "/x?select=id&monkey=1&keys=2&sex=f&seq=3",
		"/x?api-key=k3&x-signature=s3&userkey=u":      "/x?api-key=REDACTED&x-signature=s3&userkey=u",
		"/v1.0/communications/callRecords?$skip=1000": "/v1.0/communications/callRecords?$skip=1000",
	}
	for in, want := range cases {
		if got := Secrets(in); got != want {
			t.Errorf("Secrets(%q) = %q, want %q", in, got, want)
		}
	}
}
