package ui

import (
	"testing"

	"github.com/callscope/callscope/ui/uitest"
)

// TestMain makes every ui test render without colour, so goldens are
// plain text whatever terminal runs them.
func TestMain(m *testing.M) { uitest.Main(m) }
