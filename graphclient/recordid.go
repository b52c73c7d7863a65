package graphclient

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrBadRecordID refuses, before anything is sent, a call record id that
// cannot be a key in a Graph path. Callers on a command line treat it as a
// usage error.
var ErrBadRecordID = errors.New("not a call record id")

// MaxRecordIDLength is the longest id accepted, in characters. Graph's are
// GUIDs (36); the margin is for ids of other shapes, not for a paste of a
// whole page.
const MaxRecordIDLength = 200

// CheckRecordID refuses an id that could only be a mistake or an attack on
// the request path: empty, over MaxRecordIDLength characters, not UTF-8, or
// holding a space, a control or invisible formatting character, "/", "\",
// "?", "#" or "..". The error matches ErrBadRecordID.
func CheckRecordID(id string) error {
	why := ""
	switch {
	case id == "":
		return fmt.Errorf("%w: the id is empty", ErrBadRecordID)
	case !utf8.ValidString(id):
		why = "is not valid UTF-8"
	case utf8.RuneCountInString(id) > MaxRecordIDLength:
		why = fmt.Sprintf("is longer than %d characters", MaxRecordIDLength)
	case strings.ContainsFunc(id, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }):
		why = "contains a control character"
	case strings.ContainsFunc(id, unicode.IsSpace):
		why = "contains a space"
	case strings.ContainsAny(id, `/\?#`):
		why = fmt.Sprintf("contains %q", id[strings.IndexAny(id, `/\?#`)])
	case id == "." || strings.Contains(id, ".."):
		why = `contains ".."`
	default:
		return nil
	}
	return fmt.Errorf("%w: %s %s; Graph's call record ids are GUIDs", ErrBadRecordID, quoteShort(id), why)
}

// quoteShort quotes at most 40 characters of s, every control and
// invisible character escaped, so the error itself is safe to print.
func quoteShort(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40])) + "…"
	}
	return strconv.Quote(s)
}
