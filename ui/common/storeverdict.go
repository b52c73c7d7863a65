package common

import (
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
)

// StoreVerdict is the verdict the store keeps beside an expanded record:
// the words `calls --quality` prints (result, quality, qualityReason), so
// that a script reading the store and one asking Graph print the same.
// Every writer of records computes it here, on the record as Graph sent
// it (before any masking).
func StoreVerdict(rec *model.CallRecord) store.Verdict {
	res, q := quality.CallResult(rec), quality.CallQuality(rec)
	return store.Verdict{Result: res.Text(), Quality: q.Label(), QualityReason: q.Reason()}
}
