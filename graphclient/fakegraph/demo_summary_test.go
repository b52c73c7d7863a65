package fakegraph

import (
	"testing"

	"github.com/callscope/callscope/model"
	cqd "github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/quality/summary"
)

// TestDemoSummaryFindsPatterns: the quality summary over the whole demo
// tenant puts the two scripted patterns on top: for audio, the hot
// subnet's Wi-Fi (hotSubnet) leads the subnet × connection lines; for
// video, the bad Teams build (badVideoVersion) leads the client versions.
// Both lines have enough streams not to be flagged as a small sample, and
// stand well above the overall poor rate of their media.
func TestDemoSummaryFindsPatterns(t *testing.T) {
	s := summary.New(summary.Options{From: testNow.AddDate(0, 0, -31), To: testNow})
	walkDemo(t, func(rec model.CallRecord) { s.Add(&rec) })

	for _, c := range []struct {
		dim  summary.Dimension
		kind cqd.Kind
		want string
	}{
		{summary.SubnetConnection, cqd.Audio, hotSubnet + " · wifi"},
		{summary.ClientVersion, cqd.Video, badVideoVersion},
	} {
		lines := s.LinesFor(c.dim, c.kind)
		overall := s.LinesFor(summary.Overall, c.kind)
		if len(lines) == 0 || len(overall) != 1 {
			t.Fatalf("%s %s: %d lines, %d overall lines", c.kind, c.dim, len(lines), len(overall))
		}
		top, all := lines[0], overall[0]
		t.Logf("%s by %s: top %q poor %d of %d (%.1f %%), overall %.1f %% of %d; %d calls, %d with poor %s",
			c.kind, c.dim, top.Value, top.Poor, top.Classified(), 100*top.PoorRate(), 100*all.PoorRate(), all.Classified(),
			top.Calls, top.PoorCalls, c.kind)
		if top.Value != c.want {
			t.Errorf("%s by %s: top line %q, want %q; next %q", c.kind, c.dim, top.Value, c.want, lines[1].Value)
		}
		if top.LowSample() || top.PoorRate() < 3*all.PoorRate() || len(top.PoorCallIDs) == 0 {
			t.Errorf("%s by %s: %q poor %.3f of %d classified against %.3f overall, %d poor calls listed: not a pattern",
				c.kind, c.dim, top.Value, top.PoorRate(), top.Classified(), all.PoorRate(), len(top.PoorCallIDs))
		}
		if sum := sumInts(top.PoorByHour); sum != top.Poor {
			t.Errorf("%s by %s: the series counts %d poor streams, the line %d", c.kind, c.dim, sum, top.Poor)
		}
	}
}

func sumInts(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
