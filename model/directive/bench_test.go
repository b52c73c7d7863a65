package directive

import (
	"testing"
	"time"
)

// BenchmarkParse reads a typical line, and completes a word of it.
func BenchmarkParse(b *testing.B) {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	line := `direct -24h failed sip 403 user "Anette Thom" trunk sbc1.contoso.com`
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := Parse(line, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("complete", func(b *testing.B) {
		for b.Loop() {
			Complete(line, 20)
		}
	})
}
