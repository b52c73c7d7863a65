package sip

// CodeInfo explains one SIP final (or provisional) response code as it shows
// up in Direct Routing rows.
type CodeInfo struct {
	// Code is the SIP status code; 0 is Graph's "no SIP error" value.
	Code int
	// Phrase is the standard reason phrase ("Forbidden"). For a class-level
	// fallback it names the class instead ("Request Failure (4xx)").
	Phrase string
	// Meaning is what the code means in SIP generally.
	Meaning string
	// TeamsHint is what the code usually means in Direct Routing and where to
	// look next; "(inference)" marks our own reasoning.
	TeamsHint string
	// Sources are reference keys, resolvable with LookupSource (for example
	// "ms-dr-403" or "RFC 3261 §21.4.4"). Read-only.
	Sources []string
}

// maxCode bounds the SIP code space we index: 0 and 100..699.
const maxCode = 700

// codeIndex maps a code to its position in codeTable plus one; 0 means the
// code has no row. An array keeps LookupCode a bounds check and two loads.
var codeIndex = func() (idx [maxCode]uint8) {
	for i, c := range codeTable {
		if i >= 255 || c.Code < 0 || c.Code >= maxCode || idx[c.Code] != 0 {
			panic("sip: bad or duplicate code row")
		}
		idx[c.Code] = uint8(i + 1)
	}
	return idx
}()

// classInfo describes each response class for codes we have no row for.
// Index is the hundreds digit.
var classInfo = [7]CodeInfo{
	1: {
		Phrase:    "Provisional (1xx)",
		Meaning:   "Provisional response: the request is still being handled; never a final answer.",
		TeamsHint: "Should not be a final code on a call row; if it is, the call was torn down mid-setup (inference).",
		Sources:   []string{"RFC 3261 §21.1"},
	},
	2: {
		Phrase:    "Success (2xx)",
		Meaning:   "Success: the request was received, understood and accepted.",
		TeamsHint: "Treat as answered/accepted.",
		Sources:   []string{"RFC 3261 §21.2"},
	},
	3: {
		Phrase:    "Redirection (3xx)",
		Meaning:   "Redirection: the caller has to try somewhere else to complete the call.",
		TeamsHint: "Not expected as a final code on Direct Routing rows; look at how the SBC handles redirects (inference).",
		Sources:   []string{"RFC 3261 §21.3"},
	},
	4: {
		Phrase:    "Request Failure (4xx)",
		Meaning:   "Request failure: this server will not complete the request as sent; repeating it unchanged will not help, though another server might succeed.",
		TeamsHint: "By default any 4xx from the SBC ends an outbound call without failover; the subcode says whose side it is.",
		Sources:   []string{"RFC 3261 §21.4", "ms-failover"},
	},
	5: {
		Phrase:    "Server Failure (5xx)",
		Meaning:   "Server failure: the request may have been valid, but the server could not carry it out.",
		TeamsHint: "Check SBC health and capacity; outbound failover to another SBC only happens for the trunk's FailoverResponseCodes (408, 503, 504 by default).",
		Sources:   []string{"RFC 3261 §21.5", "ms-failover"},
	},
	6: {
		Phrase:    "Global Failure (6xx)",
		Meaning:   "Global failure: definitive information about the callee as a whole, not just the endpoint that answered.",
		TeamsHint: "Usually a callee or carrier decision; any 6xx from the SBC ends an outbound call.",
		Sources:   []string{"RFC 3261 §21.6", "ms-failover"},
	},
}

// LookupCode returns the documented row for a SIP code with ok=true. For a
// code without a row but inside a known class (100..699, e.g. 499) it returns
// the class-level description, with Code set to the code asked for, and
// ok=false. Anything else yields a CodeInfo with only Code set and ok=false.
// It does not allocate.
func LookupCode(code int) (CodeInfo, bool) {
	if code < 0 || code >= maxCode {
		return CodeInfo{Code: code}, false
	}
	if i := codeIndex[code]; i != 0 {
		return codeTable[i-1], true
	}
	if code < 100 {
		return CodeInfo{Code: code}, false
	}
	info := classInfo[code/100]
	info.Code = code
	return info, false
}
