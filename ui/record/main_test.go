package record

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// TestMain renders without colour, so views compare as plain text. The
// record tests' clock is uitest.T0, two hours after uitest.GroupCall.
func TestMain(m *testing.M) { uitest.Main(m) }

// recFakeGraph serves tenant over real HTTP and returns a client for it and the
// server, whose Requests count what the screen asked for.
func recFakeGraph(t *testing.T, tenant *fakegraph.Tenant, opts fakegraph.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return uitest.T0 }
	}
	return uitest.FakeGraph(t, tenant, opts, uitest.Retries)
}

// recordCommon is uitest.Common with a small record cache, a client and a recording
// clipboard.
func recordCommon(client *graphclient.Client) (*common.Common, *[]string) {
	c := uitest.Common(uitest.T0)
	c.Client = client
	c.Records = common.NewRecordCache(4)
	var copied []string
	c.Copy = func(s string) error { copied = append(copied, s); return nil }
	return c, &copied
}
