package directive

import "strings"

// suggest is the command nearest to w, or "" when none is near enough to
// be worth offering: a unique command w starts, else the closest within an
// edit or two (a transposition counts once, so "fialed" is one from
// "failed"). Leading dashes and colons are ignored: "--failed" is failed.
func suggest(w string) string {
	w = strings.ToLower(strings.TrimLeft(w, "-:"))
	if w == "" {
		return ""
	}
	if isKnown(w) {
		return w
	}
	all := append(append([]string{}, Names...), View)
	var pre []string
	for _, n := range all {
		if strings.HasPrefix(n, w) {
			pre = append(pre, n)
		}
	}
	if len(pre) == 1 && len(w) >= 2 {
		return pre[0]
	}
	limit := 1
	if len(w) > 4 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, n := range all {
		if d := distance(w, n, limit+1); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions, by
// byte), or limit when it is at least limit: long inputs stop early.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
