package model

// IsGUID reports whether s is a GUID in its 8-4-4-4-12 hex form, either
// case: a call record id, an Entra object id, a Direct Routing
// correlationId.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !IsHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

// IsHexDigit reports whether c is 0-9, a-f or A-F.
func IsHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
