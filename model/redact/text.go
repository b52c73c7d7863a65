package redact

import (
	"regexp"
	"strings"
)

// SecretParams are the query parameter names whose values are credentials
// (OAuth codes and tokens, client secrets, API keys, SAS signatures and
// expiry), compared without case and only as whole names: "key" is not
// "monkey", "se" is not "select", and Graph's own paging parameter
// $skiptoken is not "token".
var SecretParams = []string{
	"access_token", "id_token", "refresh_token", "token", "code", "client_secret",
	"client_assertion", "secret", "password", "signature", "sig", "se",
	"key", "api-key", "api_key", "apikey",
}

// secretParam matches name=value where name is a SecretParams entry that
// starts a query parameter (or stands after a space or quote in free
// text, such as an error message quoting a URL).
var secretParam = regexp.MustCompile(`(?i)(^|[?&;\s"'(])(` + alternation(SecretParams) + `)=([^&;\s"'#)]*)`)

func alternation(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = regexp.QuoteMeta(n)
	}
	return strings.Join(q, "|")
}

// Secrets replaces the value of every secret-named query parameter in a
// request URI, URL or message with "REDACTED". Graph requests never carry
// credentials in the query (the token travels in a header); this is the
// belt to that pair of braces, applied to everything a request log keeps.
func Secrets(s string) string {
	if !strings.Contains(s, "=") {
		return s
	}
	return secretParam.ReplaceAllString(s, "${1}${2}=REDACTED")
}

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+'#$!^~\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
	phoneRe = regexp.MustCompile(`\+[0-9][0-9*]{4,14}`)
	// nameArgRe finds the text a filter or search compares a name with:
	// startswith(displayName,'Ane'), displayName eq 'Anette Thomsen',
	// "displayName:Ane".
	nameArgRe = regexp.MustCompile(`(?i)((?:displayName|givenName|surname|userDisplayName)\s*(?:,|\beq\b|:)\s*['"]?)([^'"&)]*)`)
)

// Text masks the personal data that free text such as a decoded request
// path can carry: addresses, "+"-prefixed phone numbers and the names a
// filter or search compares with.
func Text(s string) string {
	s = emailRe.ReplaceAllStringFunc(s, UPN)
	s = phoneRe.ReplaceAllStringFunc(s, Phone)
	return nameArgRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := nameArgRe.FindStringSubmatch(m)
		return sub[1] + Name(sub[2])
	})
}
