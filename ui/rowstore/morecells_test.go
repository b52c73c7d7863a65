package rowstore

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// at is a fixed time plus d, as Graph sends it.
func at(d time.Duration) model.Time {
	return model.NewTime(time.Date(2026, 12, 6, 14, 2, 0, 0, time.UTC).Add(d))
}

// Every Direct Routing field the default columns leave out draws in its
// own column, from the stored row; a field Graph did not send is "—".
func TestDRMoreCells(t *testing.T) {
	s := NewDRStore()
	s.Add(&model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-000000000001", CorrelationID: "c0de0000-0000-4000-8000-000000000002",
		UserID: "u-1", UserPrincipalName: "anette@contoso.com", UserDisplayName: "Anette Berg",
		StartDateTime: at(0), InviteDateTime: at(time.Second), FailureDateTime: at(4 * time.Second), EndDateTime: at(5 * time.Second),
		CallerNumber: "+4930123", CalleeNumber: "+4940456", FinalSIPCode: 487, FinalSIPCodePhrase: "Request Terminated",
		MediaPathLocation: "EU", SignalingLocation: "EU", MediaBypassEnabled: true})
	// Times a month apart do not fit the row's deltas: they live wide.
	s.Add(&model.DirectRoutingRow{ID: "odd-id", CorrelationID: "odd-corr", StartDateTime: at(0),
		InviteDateTime: at(30 * 24 * time.Hour), EndDateTime: at(31 * 24 * time.Hour)})
	s.Add(&model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-000000000003", Unreported: model.LogMediaBypassEnabled})
	berlin := time.FixedZone("CET", 3600) // cells show times in the session's zone
	want := []map[int]string{{
		DRColInvite: "2026-12-06 15:02:01", DRColFailure: "2026-12-06 15:02:04", DRColEnd: "2026-12-06 15:02:05",
		DRColPhrase: "Request Terminated", DRColMediaPath: "EU", DRColBypass: "yes", DRColCaller: "+4930123", DRColCallee: "+4940456",
		DRColDisplayName: "Anette Berg", DRColUPN: "anette@contoso.com", DRColUserID: "u-1",
		DRColCorrelation: "c0de0000-0000-4000-8000-000000000002", DRColID: "3f2a0000-0000-4000-8000-000000000001",
	}, {
		DRColInvite: "2027-01-05 15:02:00", DRColFailure: "—", DRColEnd: "2027-01-06 15:02:00", DRColBypass: "no",
		DRColCorrelation: "odd-corr", DRColID: "odd-id", DRColPhrase: "—", DRColUPN: "—",
	}, {
		DRColInvite: "—", DRColFailure: "—", DRColEnd: "—", DRColPhrase: "—", DRColMediaPath: "—", DRColBypass: "—",
		DRColCaller: "—", DRColCallee: "—", DRColDisplayName: "—", DRColUPN: "—", DRColUserID: "—", DRColCorrelation: "—",
	}}
	for i, cells := range want {
		for col, w := range cells {
			if got := s.Cell(int32(i), col, berlin, "FAILED"); got != w {
				t.Errorf("row %d column %d = %q, want %q", i, col, got, w)
			}
		}
	}
	if len(want[0]) != DRColID-DRColInvite+1 {
		t.Fatalf("the test covers %d of the %d more columns", len(want[0]), DRColID-DRColInvite+1)
	}
	// The default columns keep their cells.
	if got := s.Cell(0, DRColSIP, berlin, "FAILED"); got != "487 Request Terminated" {
		t.Errorf("SIP = %q", got)
	}
}

func TestPstnMoreCells(t *testing.T) {
	s := NewPstnStore()
	charge := 0.5
	s.Add(&model.PstnRow{ID: "3f2a0000-0000-4000-8000-000000000001", CallID: "1c0d0000-0000-4000-8000-000000000009",
		UserID: "u-1", UserPrincipalName: "anette@contoso.com", UserDisplayName: "Anette Berg",
		StartDateTime: at(0), EndDateTime: at(90 * time.Second), ConnectionCharge: &charge, Currency: "EUR",
		CallerNumber: "+4930123", CalleeNumber: "+4940456", DestinationContext: "International", ConferenceID: "conf-7",
		InventoryType: "Subscriber", Operator: "Contoso Telecom", CallDurationSource: "microsoft",
		TenantCountryCode: "DE", UsageCountryCode: "AT"})
	s.Add(&model.PstnRow{ID: "3f2a0000-0000-4000-8000-000000000002"})
	want := []map[int]string{{
		PstnColEnd: "2026-12-06 14:03:30", PstnColConnectionCharge: "0.50 EUR", PstnColCurrency: "EUR",
		PstnColDestContext: "International", PstnColConference: "conf-7", PstnColInventory: "Subscriber",
		PstnColOperator: "Contoso Telecom", PstnColDurationSource: "microsoft", PstnColTenantCountry: "DE",
		PstnColUsageCountry: "AT", PstnColCaller: "+4930123", PstnColCallee: "+4940456", PstnColDisplayName: "Anette Berg",
		PstnColUPN: "anette@contoso.com", PstnColUserID: "u-1", PstnColCallID: "1c0d0000-0000-4000-8000-000000000009",
		PstnColID: "3f2a0000-0000-4000-8000-000000000001",
	}, {
		PstnColEnd: "—", PstnColConnectionCharge: "—", PstnColCurrency: "—", PstnColDestContext: "—", PstnColConference: "—",
		PstnColInventory: "—", PstnColOperator: "—", PstnColDurationSource: "—", PstnColTenantCountry: "—",
		PstnColUsageCountry: "—", PstnColCaller: "—", PstnColCallee: "—", PstnColDisplayName: "—", PstnColUPN: "—",
		PstnColUserID: "—", PstnColCallID: "—", PstnColID: "3f2a0000-0000-4000-8000-000000000002",
	}}
	for i, cells := range want {
		for col, w := range cells {
			if got := s.Cell(int32(i), col, time.UTC); got != w {
				t.Errorf("row %d column %d = %q, want %q", i, col, got, w)
			}
		}
	}
	if len(want[0]) != PstnColID-PstnColEnd+1 {
		t.Fatalf("the test covers %d of the %d more columns", len(want[0]), PstnColID-PstnColEnd+1)
	}
}
