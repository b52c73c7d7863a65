package quality_test

import (
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/uitest"
)

// The seeded tenant: six calls of one audio media, two streams each.
// Calls 0-2: the caller on Wi-Fi (10.41.17.0), the callee wired
// (10.20.0.0); the caller's stream is poor (jitter 45 ms), the callee's
// good. Calls 3-4: both wired, both streams good. Call 5: both wired, one
// good stream and one without metrics (unclassified).
//
// By hand: 11 streams classified, 3 poor (27.3%), 1 unclassified;
// connection type wifi 6 streams, 3 poor (50.0%), 3 calls all poor;
// wired 11 classified, 3 poor (27.3%), 6 calls, 3 poor.
func seededRecords() []model.CallRecord {
	recs := uitest.MakeRecords(0, 6)
	wifi := &model.NetworkInfo{ConnectionType: "wifi", Subnet: "10.41.17.0", WifiBand: "frequency50GHz"}
	wired := &model.NetworkInfo{ConnectionType: "wired", Subnet: "10.20.0.0"}
	for i := range recs {
		r := &recs[i]
		first, second := stream("callerToCallee", 10), stream("calleeToCaller", 10)
		caller := wired
		switch {
		case i < 3:
			caller = wifi
			first = stream("callerToCallee", 45)
		case i == 5:
			second = model.MediaStream{StreamDirection: "calleeToCaller"}
		}
		r.Sessions = []model.Session{{Segments: []model.Segment{{StartDateTime: r.StartDateTime, Media: []model.Media{{
			Label: "main-audio", CallerNetwork: caller, CalleeNetwork: wired,
			Streams: []model.MediaStream{first, second}}}}}}}
	}
	return recs
}

// stream is an audio stream with enough packets to be classified and the
// given average jitter: 45 ms is poor, 10 ms good.
func stream(direction string, jitterMS int) model.MediaStream {
	packets, j := int64(5120), model.Duration(time.Duration(jitterMS)*time.Millisecond)
	return model.MediaStream{StreamDirection: direction, PacketUtilization: &packets, AverageJitter: &j}
}

// seededTenant serves seededRecords.
func seededTenant() *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	for _, r := range seededRecords() {
		t.AddRecord(r)
	}
	return t
}
