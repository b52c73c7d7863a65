package graphclient

import "time"

// windowSlack lengthens every window by a twentieth: the limiter sees a
// request start, Graph sees it arrive, and a request that waited on a new
// connection arrives later than the next window's first one. Measured on
// the fake: a burst on fresh connections arrived 8 ms late in a 1 s
// window, letting 36 requests into one second for a limit of 20; the
// slack absorbs that and costs a twentieth of the sustained rate.
const windowSlack = 20

// slidingWindow counts request starts over the last base.Per. Unlike a
// token bucket it allows a full window's worth at once and, sustained,
// exactly base.Requests per base.Per, yet no span of base.Per (however
// Graph aligns its own) ever sees more: a token bucket that never passes a
// limit must trade its burst against its sustained rate.
type slidingWindow struct {
	base   Window
	starts []time.Time // ascending; only those within base.Per of the last check
}

// allowed is how many starts a window of base.Per may hold at share.
func (w *slidingWindow) allowed(share float64) int {
	return max(int(float64(w.base.Requests)*share), 1)
}

// prune drops starts a window ending now no longer holds.
func (w *slidingWindow) prune(now time.Time) {
	cut := 0
	for cut < len(w.starts) && !w.starts[cut].After(now.Add(-w.span())) {
		cut++
	}
	if cut > 0 {
		w.starts = append(w.starts[:0], w.starts[cut:]...)
	}
}

// delay is how long until one more start fits.
func (w *slidingWindow) delay(now time.Time, share float64) time.Duration {
	w.prune(now)
	n := w.allowed(share)
	if len(w.starts) < n {
		return 0
	}
	return max(w.starts[len(w.starts)-n].Add(w.span()).Sub(now), 0)
}

// span is the window as the limiter keeps it: base.Per and the slack.
func (w *slidingWindow) span() time.Duration { return w.base.Per + w.base.Per/windowSlack }

// room is how many starts fit now.
func (w *slidingWindow) room(now time.Time, share float64) int {
	w.prune(now)
	return max(w.allowed(share)-len(w.starts), 0)
}
