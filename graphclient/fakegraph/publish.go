package fakegraph

import (
	"hash/fnv"
	"time"

	"github.com/callscope/callscope/model"
)

// Graph writes a call record after the call ends, and may write it again:
// "A first version of a call record is typically generated and a
// notification is sent within 15 minutes after a call ends. However, it
// can take up to 60 minutes." Later versions follow as late telemetry
// arrives (the call records FAQ, "Microsoft Graph call records API FAQ";
// graph-api.md §4.2, §4.3). Demo records follow that timeline against
// Options.Clock: absent from List and 404 on Get until their first version
// is written, then version 1, then their later version. Records a test adds
// whole (AddRecord, raw documents) are served as given once their call has
// ended, so a test's data means what it says.

// Bounds of the delay between a call's end and its record's first version.
const (
	firstVersionMin = 15 * time.Minute
	firstVersionMax = 60 * time.Minute
)

// idHash is a stable number drawn from a record id.
func idHash(id, salt string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(salt))
	_, _ = h.Write([]byte(id))
	return h.Sum32()
}

// firstVersionDelay is how long after its call ends the record with id is
// first written: 15 to 60 minutes, most of them (three in four) within
// the first 15 of that span, as "typically … within 15 minutes" suggests.
func firstVersionDelay(id string) time.Duration {
	n := idHash(id, "first")
	spread := firstVersionMax - firstVersionMin
	if n%4 != 0 {
		spread /= 3
	}
	return firstVersionMin + time.Duration(n/4%uint32(spread/time.Second+1))*time.Second
}

// secondVersionDelay is how long after its first version a record is
// written again, for records whose data ends at version 1: 5 to 30
// minutes, for about half of them.
func secondVersionDelay(id string) (time.Duration, bool) {
	n := idHash(id, "second")
	if n%2 == 0 {
		return 0, false
	}
	return 5*time.Minute + time.Duration(n/2%1501)*time.Second, true
}

// publishDemo sets a demo record's timeline: its first version 15-60
// minutes after the call ends, and its last version (the head) when its
// lastModifiedDateTime says, or a second one some minutes after the first.
func publishDemo(e *recordEntry) {
	h := &e.head
	e.published = h.EndDateTime.Add(firstVersionDelay(h.ID))
	switch {
	case h.Version > 1 && h.LastModifiedDateTime.After(e.published):
	default:
		h.Version, h.LastModifiedDateTime = 1, model.NewTime(e.published)
		if d, ok := secondVersionDelay(h.ID); ok {
			h.Version, h.LastModifiedDateTime = 2, model.NewTime(e.published.Add(d))
		}
	}
}

// asOf is the record's list-level fields as Graph would serve them at now:
// version 1, written at published, until the head's version is written.
func (e *recordEntry) asOf(now time.Time) *model.CallRecord {
	if e.published.IsZero() || !e.head.LastModifiedDateTime.After(now) {
		return &e.head
	}
	h := e.head
	h.Version, h.LastModifiedDateTime = 1, model.NewTime(e.published)
	return &h
}
