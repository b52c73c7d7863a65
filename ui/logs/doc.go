// Package logs is the call log family of the explorer: the list of
// Direct Routing or PSTN call rows (views 2 and 3), the detail of one row,
// and the triage summary of a range, which open each other.
//
// What differs between the two reports lives behind one interface, report
// (report.go), with two implementations, directRouting and pstn; the
// screens hold no branch on which one they show. The range form, the sort
// picker and the filter are components whose Update returns a result, as
// table.Form does. Update starts no I/O: pages and the summary's windowed
// load are commands.
package logs
