package columns

import (
	"testing"

	"github.com/callscope/callscope/ui/uitest"
)

// TestMain renders without colour, so views compare as plain text.
func TestMain(m *testing.M) { uitest.Main(m) }
