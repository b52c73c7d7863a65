package redact

import (
	"testing"

	"github.com/callscope/callscope/model"
)

// BenchmarkDirectRoutingRow is --redact's cost per Direct Routing row; a
// month's triage load is a few hundred thousand of them.
func BenchmarkDirectRoutingRow(b *testing.B) {
	src := model.DirectRoutingRow{UserDisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com",
		CallerNumber: "+4520123456", CalleeNumber: "+4570707070"}
	b.ReportAllocs()
	for b.Loop() {
		r := src
		DirectRoutingRow(&r)
	}
}

// BenchmarkCallRecord masks a record with participants and two sessions.
func BenchmarkCallRecord(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		r := fullRecord()
		b.StartTimer()
		CallRecord(&r)
	}
}
