package common

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Shared formatting helpers for tables, detail panes and exports. They
// return plain text (no styles) so callers can measure and truncate it.

// StartLayout is how list rows show a start time: sortable, seconds kept,
// the zone left to the header (it names the zone every row is shown in).
const StartLayout = "2006-01-02 15:04:05"

// shortTimeLayout is for filters and messages, where seconds add noise.
const shortTimeLayout = "2006-01-02 15:04"

// FormatStart formats t in loc for a table cell; the zero time is "—".
func FormatStart(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format(StartLayout)
}

// FormatStartUnix is fmtStart for a time kept as Unix seconds in a compact row
// store; 0 means unknown.
func FormatStartUnix(sec int64, loc *time.Location) string {
	if sec == 0 {
		return "—"
	}
	// Hand-rolled startLayout: the list formats one per visible row per
	// keystroke, and Format's layout interpreter costs several times more.
	t := time.Unix(sec, 0).In(loc)
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		return t.Format(StartLayout)
	}
	var b [19]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4], b[7], b[10], b[13], b[16] = '-', '-', ' ', ':', ':'
	put2 := func(i, v int) { b[i], b[i+1] = byte('0'+v/10), byte('0'+v%10) }
	put2(5, int(mo))
	put2(8, d)
	put2(11, h)
	put2(14, mi)
	put2(17, s)
	return string(b[:])
}

// FormatShortTime formats t in loc without seconds, for filters and messages.
func FormatShortTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(shortTimeLayout)
}

// FormatDuration is a compact, fixed-ish width duration: "12s", "3m05s",
// "1h02m", "2d03h". Sub-second parts are dropped (rounded down), and
// negative durations (an end before the start, which Graph does send for
// records still being written) are "—".
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "—"
	}
	return FormatSeconds(int64(d / time.Second))
}

// FormatSeconds is FormatDuration for a whole number of seconds; negative is "—".
func FormatSeconds(s int64) string {
	if s < 0 {
		return "—"
	}
	var buf [24]byte
	b := buf[:0]
	switch {
	case s < 60:
		b = strconv.AppendInt(b, s, 10)
		b = append(b, 's')
	case s < 3600:
		b = strconv.AppendInt(b, s/60, 10)
		b = append(b, 'm')
		b = append2(b, s%60)
		b = append(b, 's')
	case s < 86400:
		b = strconv.AppendInt(b, s/3600, 10)
		b = append(b, 'h')
		b = append2(b, s%3600/60)
		b = append(b, 'm')
	default:
		b = strconv.AppendInt(b, s/86400, 10)
		b = append(b, 'd')
		b = append2(b, s%86400/3600)
		b = append(b, 'h')
	}
	return string(b)
}

// append2 appends v (0–99) as two digits.
func append2(b []byte, v int64) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// ShortID is the first 8 characters of an id and "…", enough to tell call
// records apart on screen; ids of 9 characters or fewer are kept whole.
func ShortID(id string) string {
	if utf8.RuneCountInString(id) <= 9 {
		return id
	}
	n := 0
	for i := range id {
		if n == 8 {
			return id[:i] + "…"
		}
		n++
	}
	return id
}

// formatPercent formats a fraction (0.125) as "12.5%"; whole percentages drop
// the decimal ("50%").
func formatPercent(f float64) string {
	p := f * 100
	if p == float64(int64(p)) {
		return strconv.FormatInt(int64(p), 10) + "%"
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}

// FormatCount formats n with thousands separators: 1234567 → "1,234,567".
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	out = append(out, s[:head]...)
	for i := head; i < len(s); i += 3 {
		out = append(out, ',')
		out = append(out, s[i:i+3]...)
	}
	return string(out)
}

// Plural picks "1 row" or "2 rows".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatCount(n) + " " + many
}

// Itoa formats a whole number.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

// OrDash is s, or "—" when Graph left the field empty.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
