package table

import (
	"testing"

	"github.com/callscope/callscope/ui/uitest"
)

// TestMain renders without colour, so goldens are plain text whatever
// terminal runs them.
func TestMain(m *testing.M) { uitest.Main(m) }
