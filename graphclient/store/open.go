package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultBusyTimeout is how long a write waits for another writer (the
// explorer and a running sync share one file) before BusyError.
const DefaultBusyTimeout = 5 * time.Second

// Options tune Open.
type Options struct {
	// BusyTimeout is how long to wait for another writer's lock; zero
	// means DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// Store is one callscope store file. Its methods are safe for concurrent
// use; writes from several Stores or processes take turns.
type Store struct {
	db          *sql.DB
	path        string
	busyTimeout time.Duration
	// newer is set when the file's schema is newer than this callscope's:
	// every write then returns it.
	newer *SchemaError
}

// sqliteMagic opens every SQLite 3 database file (the "Database File
// Format" page of sqlite.org, §1.3.1).
var sqliteMagic = []byte("SQLite format 3\x00")

// DefaultDir is where stores live: $XDG_DATA_HOME/callscope when that is
// an absolute path (as the XDG Base Directory spec asks), else
// ~/.local/share/callscope.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "callscope"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the store folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "callscope"), nil
}

// DefaultPath is the store file of a tenant or profile in DefaultDir.
// Characters that do not belong in a file name become '_'; an empty
// profile is "default".
func DefaultPath(profile string) (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, fileName(profile)+".db"), nil
}

// fileName keeps letters, digits, '-', '_' and '.', so that a profile
// name cannot climb out of the store folder or hide a file.
func fileName(profile string) string {
	var b strings.Builder
	for _, r := range profile {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if name == "" {
		return "default"
	}
	return name
}

// OpenDefault opens (creating if need be) the store of a tenant or
// profile in DefaultDir.
func OpenDefault(ctx context.Context, profile string, opts Options) (*Store, error) {
	path, err := DefaultPath(profile)
	if err != nil {
		return nil, err
	}
	return Open(ctx, path, opts)
}

// Open opens the store at path, creating it (and its folder, 0700) when
// it does not exist, and brings its schema up to date. A file that is not
// a callscope store, or a folder or file that may not be written, is an
// error and is left as it was. A store from a newer callscope opens for
// reading: its writes return *SchemaError.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &Store{path: abs, busyTimeout: opts.BusyTimeout}
	if s.busyTimeout <= 0 {
		s.busyTimeout = DefaultBusyTimeout
	}
	if err := prepareFile(abs); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs, s.busyTimeout))
	if err != nil {
		return nil, fmt.Errorf("store %s: open: %w", abs, err)
	}
	// Each connection may hold a 16 MB page cache; a few cover the
	// explorer's readers and one writer.
	db.SetMaxOpenConns(4)
	s.db = db
	if err := s.setUp(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the driver's name for path: a URI, so that '?' or '#' in a
// folder name stays part of the path, with the settings every connection
// needs (WAL is a property of the file, set once by migrate).
// synchronous=NORMAL is safe in WAL mode against a killed process (only a
// power loss may drop the last commits); a 16 MB cache keeps a batch from
// spilling before its commit; _txlock=immediate takes the write lock when
// a transaction begins, so two writers queue on the busy timeout instead
// of one failing at once on an upgrade.
func dsn(path string, busy time.Duration) string {
	return fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=cache_size(-16000)&_pragma=wal_autocheckpoint(2000)&_txlock=immediate",
		uri(path), busy.Milliseconds())
}

// uri is path as an SQLite file: URI.
func uri(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
}

// prepareFile checks path before SQLite sees it: SQLite would create a
// file with the umask's mode, turn a foreign file's first write into
// damage, and report a read-only file only at the first write. The folder
// is created 0700 and a new file 0600, empty, which SQLite takes as a new
// database. A folder or file whose owner may not write it is refused even
// for root, who could: its owner made it read-only on purpose.
func prepareFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &ReadOnlyError{Path: path, Err: fmt.Errorf("create the folder: %w", err)}
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := writable(dir, "folder"); err != nil {
			return &ReadOnlyError{Path: path, Err: err}
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return checkFile(path) // another process made it just now
		}
		if err != nil {
			return &ReadOnlyError{Path: path, Err: fmt.Errorf("create the file: %w", err)}
		}
		return f.Close()
	}
	if err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return &NotStoreError{Path: path, Reason: "not a regular file"}
	}
	if err := checkFile(path); err != nil {
		return err
	}
	if err := writable(path, "file"); err != nil {
		return &ReadOnlyError{Path: path, Err: err}
	}
	// WAL needs the -wal and -shm files beside the database.
	if err := writable(dir, "folder"); err != nil {
		return &ReadOnlyError{Path: path, Err: err}
	}
	return nil
}

// checkFile refuses a file that is not empty and does not begin as
// SQLite files do.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // empty: a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("store %s: read: %w", path, err)
	}
	if !bytes.Equal(head[:n], sqliteMagic) {
		return &NotStoreError{Path: path, Reason: "not an SQLite database"}
	}
	return nil
}

// writable reports a folder or file that its owner may not write (the
// mode bits), or that this process may not (access(2): a read-only
// mount, another owner).
func writable(path, what string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("the %s's mode %s allows no writing", what, info.Mode().Perm())
	}
	if err := unix.Access(path, unix.W_OK); err != nil {
		return fmt.Errorf("the %s may not be written: %w", what, err)
	}
	return nil
}

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store %s: close: %w", s.path, err)
	}
	return nil
}

// Writable is nil when the store accepts writes, else the *SchemaError
// that refuses them.
func (s *Store) Writable() error {
	if s.newer != nil {
		return s.newer
	}
	return nil
}
