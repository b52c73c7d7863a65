package sip

import "testing"

type benchRow struct {
	ok       bool
	sip, sub int
	phrase   string
}

// benchRows mixes documented pairs, inferred subcodes and unknown values.
func benchRows() []benchRow {
	var rows []benchRow
	for _, s := range subcodeTable {
		for _, c := range s.SIPCodes {
			rows = append(rows, benchRow{c == 0, c, s.Subcode, ""})
		}
	}
	return append(rows,
		benchRow{false, 499, 560499, ""}, benchRow{false, 488, 531999, ""}, benchRow{false, 480, 540480, ""},
		benchRow{false, 504, 569123, ""}, benchRow{false, 403, 10999, ""}, benchRow{false, 701, 42, ""},
		benchRow{true, 200, 0, ""}, benchRow{false, 302, 520000, ""},
		benchRow{false, 504, 569002, "Unable to deliver INVITE: TLS decryption failed; HRESULT=590615"},
		benchRow{false, 504, 549002, "Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected"},
		benchRow{false, 504, 569008, "Remote certificate expired"})
}

var sinkOutcome Outcome
var sinkEnded EndedBy
var sinkSide Side
var sinkCode int
var sinkResponder Responder
var sinkKind EndKind

func lookupAll(rows []benchRow) {
	for _, r := range rows {
		c, _ := LookupCode(r.sip)
		s := LookupSubcode(r.sub)
		sinkCode += c.Code + len(s.SIPCodes)
		sinkSide = s.Side
		sinkEnded = WhoEnded(r.sip, r.sub)
		sinkOutcome = Classify(r.ok, r.sip, r.sub)
		sinkResponder = FinalResponseFrom(r.sip, r.sub)
		sinkKind = KindOfEnd(r.sip, r.sub)
		sinkCode += PhraseVariant(r.sip, r.sub, r.phrase)
	}
}

// TestHotPathsDoNotAllocate enforces the zero-allocation promise of
// LookupCode, LookupSubcode, WhoEnded, Classify, FinalResponseFrom,
// KindOfEnd and PhraseVariant.
func TestHotPathsDoNotAllocate(t *testing.T) {
	rows := benchRows()
	if n := testing.AllocsPerRun(100, func() { lookupAll(rows) }); n != 0 {
		t.Errorf("hot paths allocate: %v allocs per pass", n)
	}
}

// BenchmarkClassifyAndLookup measures one row's worth of hot-path work
// (LookupCode, LookupSubcode, WhoEnded, Classify).
func BenchmarkClassifyAndLookup(b *testing.B) {
	rows := benchRows()
	var tally Tally
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := rows[i%len(rows)]
		i++
		c, _ := LookupCode(r.sip)
		s := LookupSubcode(r.sub)
		sinkCode += c.Code + len(s.SIPCodes)
		sinkSide = s.Side
		sinkEnded = WhoEnded(r.sip, r.sub)
		tally.Add(Classify(r.ok, r.sip, r.sub))
	}
	sinkCode += tally.Attempts
}
