package quality

import "time"

// Reads is how many times s has read lines from its summary.
func Reads(s *Screen) int { return s.reads }

// SetRefreshEvery shortens the throttle's interval for a test and returns
// a function that restores it.
func SetRefreshEvery(d time.Duration) (restore func()) {
	old := refreshEvery
	refreshEvery = d
	return func() { refreshEvery = old }
}
