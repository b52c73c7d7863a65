package common

import "time"

// The header says where the rows on screen came from (issue 14): straight
// from Graph, from the local store refreshed from Graph at a time, or from
// the store alone when offline. Screens fill Status.Source with these.

// SourceGraph is rows fetched from Graph with no store kept.
const SourceGraph = "Graph"

// SourceStore is rows served from the local store before Graph answered.
const SourceStore = "store"

// StoreRefreshed is rows kept in the store and refreshed from Graph at t,
// in the zone times are shown in: "store, refreshed 14:02".
func (c *Common) StoreRefreshed(t time.Time) string {
	return "store, refreshed " + t.In(c.Loc()).Format("15:04")
}

// OfflineSource is rows read from the store alone, which holds data from
// oldest to newest: "offline · store of 2026-11-01 – 2026-12-06"; with
// nothing stored, "offline · store empty".
func (c *Common) OfflineSource(oldest, newest time.Time) string {
	if oldest.IsZero() || newest.IsZero() {
		return "offline · store empty"
	}
	const day = "2006-01-02"
	return "offline · store of " + oldest.In(c.Loc()).Format(day) + " – " + newest.In(c.Loc()).Format(day)
}

// DefaultSource is what the run reads, for a screen that says nothing of
// its own: offline, Graph with the store, or Graph alone.
func (c *Common) DefaultSource() string {
	switch {
	case c.Offline:
		return "offline"
	case c.Store != nil:
		return SourceStore + " + " + SourceGraph
	case c.StoreProblem != "":
		return SourceGraph + " (no store)"
	}
	return SourceGraph
}
