package uitest

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Main runs a ui package's tests without colour, so goldens are plain
// text whatever terminal runs them. Call it from TestMain.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// T0 is the frozen "now" of the calls tests.
var T0 = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// Now is the frozen "now" of the Direct Routing and PSTN tests, and the
// fake Graph's default clock.
var Now = time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)

// DemoTenant is the demo tenant at Now. Tests share it and must not change it.
var DemoTenant = fakegraph.DemoTenant(Now)

// Common is a Common for screen tests: test keys, default styles, a
// frozen clock at now, UTC display, a record cache as the root makes one,
// no client (tests that fetch set one from FakeGraph or Serve).
func Common(now time.Time) *common.Common {
	return &common.Common{Keys: Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return now },
		Prefs: &common.Prefs{UTC: true}, Records: common.NewRecordCache(common.DefaultRecordCacheSize)}
}

// organizers cycles through the kinds of organizer a tenant has.
var organizers = []*model.Participant{
	{ID: "u1", Identity: &model.IdentitySet{User: &model.Identity{ID: "u1", DisplayName: "Adele Vance"}}},
	{ID: "+14255550100", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+14255550100"}}},
	{ID: "g1", Identity: &model.IdentitySet{Guest: &model.Identity{ID: "g1", DisplayName: "Guest Visitor"}}},
	{ID: "8:acs:1", Identity: &model.IdentitySet{AzureCommunicationServicesUser: &model.Identity{ID: "8:acs:1"}}},
	{ID: "u2", Identity: &model.IdentitySet{User: &model.Identity{ID: "u2", DisplayName: "Bartholomew Featherstone-Haugh"}}},
	{ID: "u3", Identity: &model.IdentitySet{User: &model.Identity{ID: "u3", DisplayName: "山田 太郎"}}},
}

// ID is the canonical GUID of record i.
func ID(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0x3f2a0000+i, i) }

// MakeRecords makes n records newest first, from record from on, one a
// minute back from T0-1h, as Graph's list would serve them.
func MakeRecords(from, n int) []model.CallRecord {
	out := make([]model.CallRecord, n)
	for k := range out {
		i := from + k
		start := T0.Add(-time.Hour - time.Duration(i)*time.Minute)
		r := &out[k]
		r.ID = ID(i)
		r.Type = []string{model.CallTypePeerToPeer, model.CallTypeGroupCall}[i%2]
		r.Modalities = [][]string{{"audio"}, {"audio", "video"}, {"audio", "screenSharing"}}[i%3]
		r.StartDateTime = model.NewTime(start)
		r.EndDateTime = model.NewTime(start.Add(time.Duration(i%4000) * time.Second))
		r.OrganizerV2 = organizers[i%len(organizers)]
	}
	return out
}
