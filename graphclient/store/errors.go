package store

import (
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotFound is returned when the store holds no such record.
var ErrNotFound = errors.New("not in the store")

// NotStoreError is a file that is not a callscope store: not SQLite at
// all, damaged, or another program's SQLite database. The file is left
// exactly as it was.
type NotStoreError struct {
	Path   string
	Reason string
}

// Error says what is wrong and what to do.
func (e *NotStoreError) Error() string {
	return fmt.Sprintf("%s is not a callscope store (%s); it was left untouched: move it aside or choose another file with --store", e.Path, e.Reason)
}

// SchemaError is a store written by a newer callscope, whose schema this
// one does not know: it may be read, never written, so that nothing the
// newer version stored is lost.
type SchemaError struct {
	Path  string
	Found int // the store's schema version
	Known int // the newest version this callscope knows
}

// Error says what is wrong and what to do.
func (e *SchemaError) Error() string {
	return fmt.Sprintf("store %s has schema version %d, newer than this callscope knows (%d): it is opened read-only; update callscope to write to it", e.Path, e.Found, e.Known)
}

// ReadOnlyError is a store whose file or folder may not be written.
type ReadOnlyError struct {
	Path string
	Err  error
}

// Error says what is wrong and what to do.
func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("store %s is read-only: %v (fix its permissions, or choose another file with --store)", e.Path, e.Err)
}

// Unwrap is the underlying error.
func (e *ReadOnlyError) Unwrap() error { return e.Err }

// BusyError is another process (or Store) holding the write lock for
// longer than the busy timeout.
type BusyError struct {
	Path   string
	Waited time.Duration
	Err    error
}

// Error says what is wrong and what to do.
func (e *BusyError) Error() string {
	return fmt.Sprintf("store %s is busy: another callscope has been writing to it for over %s; try again when it is done", e.Path, e.Waited)
}

// Unwrap is the underlying error.
func (e *BusyError) Unwrap() error { return e.Err }

// DiskFullError is a write refused for want of space. The batch is rolled
// back; earlier batches are intact.
type DiskFullError struct {
	Path string
	Err  error
}

// Error says what is wrong and what to do.
func (e *DiskFullError) Error() string {
	return fmt.Sprintf("store %s: the disk is full; this batch was not stored, earlier ones are intact", e.Path)
}

// Unwrap is the underlying error.
func (e *DiskFullError) Unwrap() error { return e.Err }

// classify turns SQLite's result codes into the typed errors above, and
// wraps anything else with op for context.
func (s *Store) classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary code; extended codes add bits above
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &BusyError{Path: s.path, Waited: s.busyTimeout, Err: err}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			return &ReadOnlyError{Path: s.path, Err: err}
		case sqlite3.SQLITE_FULL:
			return &DiskFullError{Path: s.path, Err: err}
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return &NotStoreError{Path: s.path, Reason: "the database is damaged: " + err.Error()}
		}
	}
	return fmt.Errorf("store %s: %s: %w", s.path, op, err)
}
