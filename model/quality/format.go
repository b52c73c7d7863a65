package quality

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// durationMetric measures a duration in milliseconds against limit (poor
// when strictly above it, if rule is set).
func durationMetric(name, property string, d *model.Duration, limit time.Duration, rule bool) Metric {
	m := Metric{Name: name, Property: property}
	if rule {
		m.Limit = "> " + model.Duration(limit).Millis()
	}
	if d == nil {
		return m
	}
	m.Value = d.Millis()
	m.Poor = rule && d.D() > limit
	m.Short = m.Value
	switch ms := math.Round(float64(d.D()) / float64(time.Millisecond)); {
	case d.D() >= time.Second:
		m.Short = TrimFloat(d.D().Seconds(), 1) + " s"
	case !m.Poor || time.Duration(ms)*time.Millisecond > limit:
		m.Short = strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
	}
	if m.Poor && strings.Replace(m.Value, ".0 ", " ", 1) == m.Limit[2:] {
		// Rounding would print the limit itself; show every digit instead.
		m.Value = exactFloat(float64(d.D())/float64(time.Millisecond)) + " ms"
		m.Short = m.Value
	}
	return m
}

// percentMetric shows a fraction as a percentage (0.1 → "10 %"), poor when
// strictly above limit if rule is set.
func percentMetric(name, property string, v *float64, limit float64, rule bool) Metric {
	m := Metric{Name: name, Property: property}
	if rule {
		m.Limit = "> " + FormatPercent(limit)
	}
	if v == nil {
		return m
	}
	m.Value = FormatPercent(*v)
	m.Short = TrimFloat(*v*100, 1) + " %"
	m.Poor = rule && *v > limit
	if m.Poor && m.Short == FormatPercent(limit) {
		m.Short = m.Value
	}
	if m.Poor && m.Value == FormatPercent(limit) {
		// Rounding would print the limit itself; show every digit instead.
		m.Value = exactFloat(*v*100) + " %"
		m.Short = m.Value
	}
	return m
}

// ratioMetric shows a plain number: a degradation, a concealed ratio.
func ratioMetric(name, property string, v *float64) Metric {
	m := Metric{Name: name, Property: property}
	if v != nil {
		m.Value = FormatDecimal(*v)
		m.Short = m.Value
	}
	return m
}

// exactFloat writes every digit a float needs, for a value that rounding
// would put onto its limit.
func exactFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func strconvItoa(n int64) string { return strconv.FormatInt(n, 10) }

// FormatPercent shows a fraction as a percentage with at most two decimals:
// 0.01381693 → "1.38 %", 0.1 → "10 %".
func FormatPercent(f float64) string {
	return TrimFloat(f*100, 2) + " %"
}

// FormatDecimal shows a plain number with at most two decimals, keeping one
// so that 1 reads "1.0".
func FormatDecimal(f float64) string {
	s := TrimFloat(f, 2)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// TrimFloat formats f with at most prec decimals, trailing zeros dropped.
// Values too small for prec decimals keep two significant digits, so a
// tiny but real value never reads as zero.
func TrimFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if f != 0 && strings.Trim(s, "-0.") == "" {
		return strconv.FormatFloat(f, 'g', 2, 64)
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
