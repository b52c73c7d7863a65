// Package store keeps what callscope fetches from Microsoft Graph on disk,
// so that it outlives the process and Graph's own retention: "Call
// records are retained for 30 days after the call ends" (Microsoft
// Graph's call records FAQ, quoted in graph-api.md §4.2), and a tenant
// throttles a script that asks for every record again (issue 14).
//
// What is stored, each written once:
//   - list rows of call records (Graph's bytes as sent, when the caller has
//     them, and the header columns: id, version, lastModifiedDateTime,
//     start, end, type, organizer text);
//   - expanded records with all their sessions, as Graph sent them
//     (model.CallRecord.Raw), with the columns the views and summaries
//     query: the header and the caller's result and quality verdict;
//   - Direct Routing and PSTN log rows (Graph's bytes, and start, id, SIP
//     code and subcode, trunk, user, numbers, duration);
//   - which time ranges of each kind are complete, so that a sync killed
//     at any moment resumes with no gap and no duplicate.
//
// A record is replaced only when its version or lastModifiedDateTime is
// newer: records keep changing for a while after the call ends, and an
// older copy arriving late must not undo a newer one.
//
// Where: one SQLite file per tenant or profile under
// $XDG_DATA_HOME/callscope/ (else ~/.local/share/callscope/), the folder
// 0700 and the file 0600, since call records name people and numbers. The
// database is modernc.org/sqlite, pure Go, so `go install` still needs
// nothing but Go. WAL journaling and a busy timeout let the explorer read
// while a `callscope sync` writes the same file; each batch is one
// transaction, so a process killed mid-batch loses that batch only.
//
// Faults get typed errors with a clear message, and none of them touches
// what is already stored: a file that is not SQLite or not ours
// (NotStoreError), a store from a newer callscope (SchemaError: reads
// work, writes are refused), a read-only folder or file (ReadOnlyError),
// another writer holding the file past the busy timeout (BusyError), a
// full disk (DiskFullError).
package store
