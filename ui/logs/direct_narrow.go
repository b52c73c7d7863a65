package logs

import "github.com/callscope/callscope/ui/rowstore"

// narrower is a report whose cells have a shorter form for a column too
// narrow for the whole text, one that keeps what tells rows apart where
// cutting on the right would not.
type narrower interface {
	// narrow is row i's column col in a column width wide, when the
	// column is too narrow for its longest cell; false for the usual cell.
	narrow(i int32, col, width int) (string, bool)
}

// narrow gives the trunk less the domain every loaded trunk shares, in
// every row once one trunk does not fit: cut on the right, all of them
// read "sbc…".
func (r *directRouting) narrow(i int32, col, width int) (string, bool) {
	if col != rowstore.DRColTrunk || r.TrunkWidest() <= width {
		return "", false
	}
	return r.TrunkShort(i), true
}
