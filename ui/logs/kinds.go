package logs

import (
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/rowstore"
)

// The two reports: each is its store, what it says of itself (about) and
// its Graph source (both in facts.go); the methods that differ live in
// direct*.go and pstn*.go.

// directRouting is the report of getDirectRoutingCalls: one row per call
// attempt through a Direct Routing SBC, with its SIP outcome and trunk.
type directRouting struct {
	*rowstore.DRStore
	about
	source[model.DirectRoutingRow]
}

// pstn is the report of getPstnCalls: one row per call through Microsoft
// Calling Plans or Operator Connect, with its charge and destination. Its
// rows have no outcome and name no call record.
type pstn struct {
	*rowstore.PstnStore
	about
	source[model.PstnRow]
}

// newDirectRouting is an empty Direct Routing report.
func newDirectRouting() *directRouting {
	st := rowstore.NewDRStore()
	return &directRouting{st, drAbout, drSource.on(st.Add)}
}

// newPstn is an empty PSTN report.
func newPstn() *pstn {
	st := rowstore.NewPstnStore()
	return &pstn{st, pstnAbout, pstnSource.on(st.Add)}
}

func (*directRouting) empty() report { return newDirectRouting() }
func (*pstn) empty() report          { return newPstn() }
