package fakegraph

import (
	"cmp"
	"iter"
	"slices"
)

// String names the order, for test names and messages.
func (o ListOrder) String() string {
	switch o {
	case NewestFirst:
		return "NewestFirst"
	case OldestFirst:
		return "OldestFirst"
	}
	return "DefaultOrder"
}

// inOrder walks the snapshot (newest first, then by id) in the order the
// token's list pages in.
func inOrder(all []*recordEntry, oldest bool) iter.Seq2[int, *recordEntry] {
	if oldest {
		return slices.Backward(all)
	}
	return slices.All(all)
}

// afterCursor orders like the list: by start time, newest or oldest first
// as the token says, then by id in the same direction.
func afterCursor(e *recordEntry, st pageToken) bool {
	n := e.head.StartDateTime.UnixNano()
	if st.Oldest {
		if n != st.LastNano {
			return n > st.LastNano
		}
		return cmp.Compare(e.head.ID, st.LastID) < 0
	}
	if n != st.LastNano {
		return n < st.LastNano
	}
	return cmp.Compare(e.head.ID, st.LastID) > 0
}
