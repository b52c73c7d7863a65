// Package uitest holds what the tests of every ui package share: a key
// map built in Go, a Common for screen tests, the frozen clocks and record
// builders, one way to build a client over the fake Graph, one golden
// helper, and one way to settle commands or wait for a view.
//
// Only tests import it. It imports ui/common and nothing else of ui, so
// the tests of ui/table, ui/rowstore and the screen packages can use it.
package uitest
