package quality_test

import (
	"testing"

	"github.com/callscope/callscope/ui/uitest"
)

// TestMain renders without colour, so goldens are plain text.
func TestMain(m *testing.M) { uitest.Main(m) }
