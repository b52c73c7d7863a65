package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
)

// limitWaits is what the footer says about requests callscope holds back
// to stay under Graph's documented limits: per family, how many wait and
// until when the longest is expected to.
type limitWaits map[graphclient.Family]*limitWait

type limitWait struct {
	waiting int
	until   time.Time
}

// note records a wait starting or ending.
func (l *limitWaits) note(ev graphclient.LimitWaitEvent, now time.Time) {
	if *l == nil {
		*l = limitWaits{}
	}
	w := (*l)[ev.Family]
	if ev.Done {
		if w != nil {
			if w.waiting--; w.waiting <= 0 {
				delete(*l, ev.Family)
			}
		}
		return
	}
	if w == nil {
		w = &limitWait{}
		(*l)[ev.Family] = w
	}
	w.waiting++
	if until := now.Add(ev.Wait); until.After(w.until) {
		w.until = until
	}
}

// limitWaitGrace is how long past its expected end a wait is still said.
const limitWaitGrace = 5 * time.Second

// text is the footer's words: "waiting on Graph's rate limit (log
// functions) 3s", families in a fixed order; "" when nothing waits.
func (l limitWaits) text(now time.Time) string {
	fams := make([]graphclient.Family, 0, len(l))
	for f := range l {
		fams = append(fams, f)
	}
	slices.Sort(fams)
	var parts []string
	for _, f := range fams {
		if now.Sub(l[f].until) > limitWaitGrace {
			continue // its end was lost (events drop rather than block a request)
		}
		part := f.String()
		if left := l[f].until.Sub(now).Round(time.Second); left >= time.Second {
			part += " " + left.String()
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("waiting on Graph's rate limit (%s)", strings.Join(parts, ", "))
}
