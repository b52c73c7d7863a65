package fakegraph

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// walkDemo calls visit for every session of every demo record.
func walkDemo(t *testing.T, visit func(rec model.CallRecord)) {
	t.Helper()
	ten := demo()
	for _, h := range ten.Records() {
		full, ok := ten.Record(h.ID)
		if !ok {
			t.Fatalf("record %s listed but not found", h.ID)
		}
		visit(full)
	}
}

// countryOf names the country of an E.164 number by its prefix, for the
// countries the demo dials.
func countryOf(number string) (iso, name string) {
	for _, c := range []struct{ prefix, iso, name string }{
		{"+1", "US", "United States"}, {"+44", "GB", "United Kingdom"}, {"+49", "DE", "Germany"},
		{"+33", "FR", "France"}, {"+61", "AU", "Australia"}, {"+81", "JP", "Japan"}, {"+65", "SG", "Singapore"},
	} {
		if strings.HasPrefix(number, c.prefix) {
			return c.iso, c.name
		}
	}
	return "", ""
}

// TestDemoPstnDestinationMatchesNumbers: destinationName is the callee
// number's country; an outbound call is Domestic exactly when the callee
// is in the user's own country (usageCountryCode); inbound rows leave the
// context null, as the documented example does.
func TestDemoPstnDestinationMatchesNumbers(t *testing.T) {
	domesticAbroad, international := 0, 0
	for _, r := range demo().PstnRows() {
		iso, name := countryOf(r.CalleeNumber)
		if name == "" || r.DestinationName != name {
			t.Fatalf("row %s: callee %s but destinationName %q", r.ID, r.CalleeNumber, r.DestinationName)
		}
		if strings.HasSuffix(r.CallType, "_in") {
			if r.DestinationContext != "" {
				t.Fatalf("inbound row %s has destinationContext %q", r.ID, r.DestinationContext)
			}
			continue
		}
		want := "International"
		if iso == r.UsageCountryCode {
			want = "Domestic"
			domesticAbroad += b2i(iso != "US")
		} else {
			international++
		}
		if r.DestinationContext != want {
			t.Fatalf("row %s: %s from %s to %s is %q, want %q", r.ID, r.CallType, r.UsageCountryCode, r.CalleeNumber, r.DestinationContext, want)
		}
	}
	if domesticAbroad == 0 || international == 0 {
		t.Errorf("%d domestic calls outside the US, %d international calls", domesticAbroad, international)
	}
}

// TestDemoNoTrunkWhenSBCNeverReached: Microsoft refuses these outbound calls
// before choosing a trunk ("SIP response code 403", "SIP response code
// 500"), so their rows name no SBC and set up no media path.
func TestDemoNoTrunkWhenSBCNeverReached(t *testing.T) {
	never := map[int32]bool{510559: true, 510560: true, 510562: true, 510563: true, 510546: true, 510544: true}
	seen := map[int32]int{}
	for _, r := range demo().DirectRoutingRows() {
		if !never[r.CallEndSubReason] {
			if r.TrunkFullyQualifiedDomainName == "" {
				t.Fatalf("row %s (%d) reached an SBC but names none", r.ID, r.CallEndSubReason)
			}
			continue
		}
		seen[r.CallEndSubReason]++
		if r.TrunkFullyQualifiedDomainName != "" || r.MediaPathLocation != "" || r.MediaBypassEnabled {
			t.Fatalf("row %s (%d, never reached the SBC) has trunk %q, media path %q, bypass %v",
				r.ID, r.CallEndSubReason, r.TrunkFullyQualifiedDomainName, r.MediaPathLocation, r.MediaBypassEnabled)
		}
	}
	if seen[510559] == 0 {
		t.Error("no 510559 row to show")
	}
}

// TestDemoDevicesMatchPlatform: a phone is never wired and names no Intel or
// Windows driver; a Mac has no Realtek device and Apple silicon; Windows no
// MacBook device and no Apple CPU.
func TestDemoDevicesMatchPlatform(t *testing.T) {
	mobileWifi := 0
	check := func(rec string, e *model.Endpoint, n *model.NetworkInfo, d *model.DeviceInfo) {
		if !isClientEndpoint(e) {
			return
		}
		plat := e.UserAgent.Platform
		drivers := ""
		if n != nil {
			drivers = n.WifiVendorDriver + n.WifiVendorDriverVersion + n.WifiMicrosoftDriver + n.WifiMicrosoftDriverVersion
		}
		names := ""
		if d != nil {
			drivers += d.CaptureDeviceDriver + d.RenderDeviceDriver
			names = d.CaptureDeviceName + d.RenderDeviceName
		}
		switch plat {
		case "iOS", "android":
			if n != nil && n.ConnectionType == "wired" || strings.Contains(drivers, "Intel") || strings.Contains(drivers, "Microsoft") ||
				strings.Contains(names, "Realtek") || strings.Contains(names, "MacBook") || e.CPUName != "" {
				t.Fatalf("record %s: %s endpoint with %+v / drivers %q / devices %q / cpu %q", rec, plat, n, drivers, names, e.CPUName)
			}
			mobileWifi += b2i(n != nil && n.ConnectionType == "wifi")
		case "macOS":
			if strings.Contains(drivers, "Microsoft") || strings.Contains(names, "Realtek") || e.CPUName != "" && !strings.HasPrefix(e.CPUName, "Apple") {
				t.Fatalf("record %s: Mac with drivers %q, devices %q, cpu %q", rec, drivers, names, e.CPUName)
			}
		case "windows":
			if strings.Contains(names, "MacBook") || strings.HasPrefix(e.CPUName, "Apple") {
				t.Fatalf("record %s: Windows with devices %q, cpu %q", rec, names, e.CPUName)
			}
		}
	}
	walkDemo(t, func(rec model.CallRecord) {
		for _, s := range rec.Sessions {
			for _, seg := range s.Segments {
				for _, m := range seg.Media {
					check(rec.ID, seg.Caller, m.CallerNetwork, m.CallerDevice)
					check(rec.ID, seg.Callee, m.CalleeNetwork, m.CalleeDevice)
				}
			}
		}
	})
	if mobileWifi == 0 {
		t.Error("no phone on Wi-Fi to check")
	}
}

func isClientEndpoint(e *model.Endpoint) bool {
	return e != nil && e.UserAgent != nil && e.ODataType == model.ParticipantEndpointType
}

// TestDemoRecordLengthMatchesFailures: a record whose sessions all failed is
// short, a long record has a session that did not fail, and a one-session
// call ends when its session does.
func TestDemoRecordLengthMatchesFailures(t *testing.T) {
	var shortFailed, longWithFailure int
	walkDemo(t, func(rec model.CallRecord) {
		length := rec.EndDateTime.Sub(rec.StartDateTime.Time)
		allFailed, allSetup := len(rec.Sessions) > 0, len(rec.Sessions) > 0
		anyFailed := false
		for _, s := range rec.Sessions {
			failed := s.FailureInfo != nil
			anyFailed = anyFailed || failed
			allFailed = allFailed && failed
			allSetup = allSetup && failed && s.FailureInfo.Stage == model.FailureStageCallSetup
		}
		switch {
		case allSetup && length > 3*time.Minute, allFailed && length > 5*time.Minute:
			t.Fatalf("record %s lasts %s but every session failed", rec.ID, length)
		case length > 5*time.Minute && allFailed:
			t.Fatalf("long record %s has no session that did not fail", rec.ID)
		}
		if rec.Type == model.CallTypePeerToPeer && len(rec.Sessions) == 1 && !rec.Sessions[0].EndDateTime.Equal(rec.EndDateTime.Time) {
			t.Fatalf("record %s ends %s, its only session %s", rec.ID, rec.EndDateTime, rec.Sessions[0].EndDateTime)
		}
		shortFailed += b2i(allFailed)
		longWithFailure += b2i(anyFailed && !allFailed && length > 5*time.Minute)
	})
	if shortFailed == 0 || longWithFailure == 0 {
		t.Errorf("%d failed calls, %d long calls with one failed session", shortFailed, longWithFailure)
	}
}

// TestDemoCorrelationIDsResolve: in the last week every row of a call that
// reached Teams (a user's call, or a resource account's answered call) and
// has ended names its record, which starts with it and holds its user and
// its far-end number; a quarter of the whole log resolves, and the rest
// keep the documented 404.
func TestDemoCorrelationIDsResolve(t *testing.T) {
	ten := demo()
	base := testNow.Truncate(time.Hour)
	byID := map[string]model.CallRecord{}
	for _, h := range ten.Records() {
		byID[h.ID] = h
	}
	rows := ten.DirectRoutingRows()
	linked := 0
	for _, r := range rows {
		end := r.EndDateTime.Time
		if !r.SuccessfulCall {
			end = r.FailureDateTime.Time
		}
		recent := !r.StartDateTime.Before(base.Add(-7*24*time.Hour)) && end.Before(base.Add(-demoNewest))
		reachedTeams := (r.UserID != "" || r.SuccessfulCall) && r.CallEndSubReason != 511404
		h, ok := byID[r.CorrelationID]
		if !ok {
			if recent && reachedTeams {
				t.Fatalf("row %s (%s %d, %s) has no record", r.ID, r.CallType, r.CallEndSubReason, r.StartDateTime)
			}
			continue
		}
		linked++
		// A forwarding or transfer leg starts when the user hands the call on.
		if h.Type == model.CallTypePeerToPeer && !strings.Contains(r.CallType, "User") && r.StartDateTime.Sub(h.StartDateTime.Time).Abs() > time.Minute {
			t.Fatalf("row %s starts %s, its record %s", r.ID, r.StartDateTime, h.StartDateTime)
		}
		if r.StartDateTime.Before(h.StartDateTime.Time) || r.StartDateTime.After(h.EndDateTime.Time) {
			t.Fatalf("row %s starts %s outside record %s (%s..%s)", r.ID, r.StartDateTime, h.ID, h.StartDateTime, h.EndDateTime)
		}
		far := r.CalleeNumber
		if strings.HasPrefix(r.CallType, "ByotIn") {
			far = r.CallerNumber
		}
		full, _ := ten.Record(h.ID)
		if !hasPhone(full, strings.TrimSuffix(far, "***")) || r.UserID != "" && !demoRecordHas(ten, h.ID, r.UserID) {
			t.Fatalf("record %s lacks row %s's number %s or user %s", h.ID, r.ID, far, r.UserID)
		}
	}
	if linked < len(rows)/4 || len(rows)-linked < len(rows)/4 {
		t.Errorf("%d of %d correlationIds resolve; want at least a quarter, and a quarter that do not", linked, len(rows))
	}
}

func hasPhone(rec model.CallRecord, prefix string) bool {
	for _, p := range rec.ParticipantsV2 {
		if p.Identity != nil && p.Identity.Phone != nil && strings.HasPrefix(p.ID, prefix) && len(p.ID) == len(prefix)+3 {
			return true
		}
	}
	return false
}
