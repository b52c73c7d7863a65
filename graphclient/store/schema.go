package store

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a callscope store in the SQLite header ("cscp";
// PRAGMA application_id, which the "Database File Format" page reserves
// for this use), so that another program's database is never migrated.
const applicationID = 0x63736370

// migrations[i] takes the schema from version i to i+1; user_version holds
// the version. A new version appends a step and never edits an old one:
// stores in the field have run them.
var migrations = []string{
	// 1: the first schema. Times are Unix microseconds (Graph sends 100 ns
	// precision; microseconds keep order and fit year 1 to 9999), NULL
	// for "no value" (noStart in the log tables' keys). Raw columns hold
	// Graph's bytes as sent (log rows packed: pack.go). Log rows are keyed
	// by (start, id), both fixed for a row's life: a sync writes them in
	// time order, so each batch appends to the end of the table instead
	// of touching pages all over a random id index, and the key is the
	// range index too.
	`
CREATE TABLE calls (
	id        TEXT PRIMARY KEY,
	version   INTEGER NOT NULL,
	modified  INTEGER,
	start     INTEGER,
	end       INTEGER,
	type      TEXT NOT NULL DEFAULT '',
	organizer TEXT NOT NULL DEFAULT '',
	raw       BLOB
);
CREATE INDEX calls_by_start ON calls (start, id);
CREATE TABLE records (
	id             TEXT PRIMARY KEY,
	version        INTEGER NOT NULL,
	modified       INTEGER,
	start          INTEGER,
	result         TEXT NOT NULL DEFAULT '',
	quality        TEXT NOT NULL DEFAULT '',
	quality_reason TEXT NOT NULL DEFAULT '',
	raw            BLOB NOT NULL
);
CREATE INDEX records_by_start ON records (start);
CREATE TABLE direct_routing (
	start    INTEGER NOT NULL,
	id       TEXT NOT NULL,
	sip_code INTEGER,
	subcode  INTEGER,
	trunk    TEXT NOT NULL DEFAULT '',
	user     TEXT NOT NULL DEFAULT '',
	caller   TEXT NOT NULL DEFAULT '',
	callee   TEXT NOT NULL DEFAULT '',
	duration INTEGER,
	raw      BLOB NOT NULL,
	PRIMARY KEY (start, id)
) WITHOUT ROWID;
CREATE TABLE pstn (
	start    INTEGER NOT NULL,
	id       TEXT NOT NULL,
	call_id  TEXT NOT NULL DEFAULT '',
	user     TEXT NOT NULL DEFAULT '',
	caller   TEXT NOT NULL DEFAULT '',
	callee   TEXT NOT NULL DEFAULT '',
	duration INTEGER,
	raw      BLOB NOT NULL,
	PRIMARY KEY (start, id)
) WITHOUT ROWID;
CREATE TABLE coverage (
	kind  TEXT NOT NULL,
	start INTEGER NOT NULL,
	end   INTEGER NOT NULL,
	PRIMARY KEY (kind, start)
) WITHOUT ROWID;
`,
}

// SchemaVersion is the schema this callscope writes.
var SchemaVersion = len(migrations)

// header is what a store's SQLite header and catalogue say about it.
type header struct {
	appID, version, tables int
}

func readHeader(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (header, error) {
	var h header
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&h.appID); err != nil {
		return h, err
	}
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&h.version); err != nil {
		return h, err
	}
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&h.tables)
	return h, err
}

// setUp checks that the file is a callscope store, or a new empty
// database, before anything writes to it (journal_mode=WAL would already
// change a foreign file's header), then migrates it.
func (s *Store) setUp(ctx context.Context) error {
	probe, err := sql.Open("sqlite", uri(s.path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store %s: open: %w", s.path, err)
	}
	h, err := readHeader(ctx, probe)
	probe.Close()
	if err != nil {
		return s.classify("read the schema", err)
	}
	switch {
	case h.appID == 0 && h.tables == 0:
		// a new database: migrate below
	case h.appID != applicationID:
		return &NotStoreError{Path: s.path, Reason: "an SQLite database of another program"}
	case h.version > SchemaVersion:
		s.newer = &SchemaError{Path: s.path, Found: h.version, Known: SchemaVersion}
		return s.classify("open", s.db.PingContext(ctx))
	case h.version == SchemaVersion:
		// A process killed between migrating and turning WAL on left
		// a store without it; this is a no-op otherwise.
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return s.classify("open", err)
		}
		defer conn.Close()
		return s.wal(ctx, conn)
	}
	return s.migrate(ctx)
}

// pageSize is a new store's page: 16 KB pages take a quarter of the
// write calls of SQLite's 4 KB default for the same rows, which is what a
// batch of Direct Routing rows spent most of its time on. It can only be
// set before the first table exists.
const pageSize = 16384

// migrate applies the missing steps in one transaction: a process killed
// halfway leaves the store at its old version, whole. The version is read
// again under the write lock, since another process may have migrated it
// meanwhile. Then it turns WAL on, a lasting property of the file.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx) // page_size is per connection until the file has tables
	if err != nil {
		return s.classify("migrate", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d", pageSize)); err != nil {
		return s.classify("migrate", err)
	}
	if err := s.migrateTx(ctx, conn); err != nil {
		return err
	}
	return s.wal(ctx, conn)
}

// wal turns on WAL journaling, so that readers never wait for a writer.
func (s *Store) wal(ctx context.Context, conn *sql.Conn) error {
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return s.classify("turn on WAL", err)
	}
	if mode != "wal" {
		return fmt.Errorf("store %s: turn on WAL: the file stays in %s mode", s.path, mode)
	}
	return nil
}

func (s *Store) migrateTx(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return s.classify("migrate", err)
	}
	defer tx.Rollback()
	h, err := readHeader(ctx, tx)
	if err != nil {
		return s.classify("migrate", err)
	}
	if h.appID != 0 && h.appID != applicationID || h.appID == 0 && h.tables != 0 {
		return &NotStoreError{Path: s.path, Reason: "an SQLite database of another program"}
	}
	if h.version > SchemaVersion {
		s.newer = &SchemaError{Path: s.path, Found: h.version, Known: SchemaVersion}
		return nil
	}
	for v := h.version; v < SchemaVersion; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return s.classify(fmt.Sprintf("migrate to schema %d", v+1), err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return s.classify("migrate", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return s.classify("migrate", err)
	}
	return s.classify("migrate", tx.Commit())
}
