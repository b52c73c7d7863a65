package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenDefaultMakesPrivateFolderAndFile(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	s, err := OpenDefault(context.Background(), "contoso/../prod", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := filepath.Join(data, "callscope", "contoso_.._prod.db")
	if s.Path() != want {
		t.Fatalf("path %s, want %s", s.Path(), want)
	}
	for path, mode := range map[string]os.FileMode{filepath.Dir(want): 0o700, want: 0o600} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != mode {
			t.Errorf("%s: mode %v (%v), want %v", path, fi.Mode().Perm(), err, mode)
		}
	}
	var journal string
	var version, app, page int
	s.db.QueryRow("PRAGMA page_size").Scan(&page)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&journal)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("PRAGMA application_id").Scan(&app)
	if journal != "wal" || version != SchemaVersion || app != applicationID || page != pageSize {
		t.Fatalf("journal %q version %d app %x page %d", journal, version, app, page)
	}
}

func TestDefaultDirIgnoresRelativeXDG(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "relative/dir")
	got, err := DefaultPath("")
	if err != nil || got != filepath.Join(home, ".local", "share", "callscope", "default.db") {
		t.Fatalf("DefaultPath = %q, %v", got, err)
	}
}

func TestMigrationAddsStepsInOneTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(ctx, Batch{Direct: directRows(t, "m", 3, base)}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	saved := migrations
	t.Cleanup(func() { migrations, SchemaVersion = saved, len(saved) })
	// A failing step leaves the store at its old version, whole.
	migrations, SchemaVersion = append(saved[:len(saved):len(saved)], "CREATE TABLE half (a); SELECT nope FROM nowhere;"), len(saved)+1
	if _, err := Open(ctx, path, Options{}); err == nil {
		t.Fatal("a failing migration opened")
	}
	migrations, SchemaVersion = append(saved[:len(saved):len(saved)], "ALTER TABLE direct_routing ADD COLUMN note TEXT;"), len(saved)+1
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version, half int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&half)
	if version != len(saved)+1 || half != 0 || count(t, s, "direct_routing WHERE note IS NULL") != 3 {
		t.Fatalf("version %d, half-made table %d, rows %d", version, half, count(t, s, "direct_routing"))
	}
}

func TestOpenRefusesForeignFilesAndLeavesThemAlone(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	os.WriteFile(garbage, []byte("meeting notes, not a database\n"), 0o600)
	foreign := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE photos (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{garbage, foreign} {
		before, _ := os.ReadFile(path)
		_, err := Open(context.Background(), path, Options{})
		var ns *NotStoreError
		if !errors.As(err, &ns) || !strings.Contains(err.Error(), "not a callscope store") {
			t.Errorf("%s: err %v, want NotStoreError", path, err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed", path)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("%s got a WAL", path)
		}
	}
}

func TestOpenRefusesDamagedStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, _ := os.ReadFile(path)
	for i := 100; i < len(b); i++ { // keep the header, ruin the catalogue
		b[i] = 0xA5
	}
	os.WriteFile(path, b, 0o600)
	_, err = Open(context.Background(), path, Options{})
	var ns *NotStoreError
	if !errors.As(err, &ns) {
		t.Fatalf("err %v, want NotStoreError", err)
	}
}

func TestNewerSchemaReadsButRefusesWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "n.db")
	s, _ := Open(ctx, path, Options{})
	s.Write(ctx, Batch{Direct: directRows(t, "n", 2, base)})
	s.db.Exec("PRAGMA user_version = 99")
	s.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var se *SchemaError
	if _, err := s.Write(ctx, Batch{Direct: directRows(t, "x", 1, base)}); !errors.As(err, &se) || se.Found != 99 || !strings.Contains(err.Error(), "version 99") {
		t.Fatalf("write err %v, want SchemaError naming 99", err)
	}
	if _, err := s.Forget(ctx, base); !errors.As(err, &se) {
		t.Fatalf("forget err %v", err)
	}
	page, err := s.DirectRouting(ctx, Range{})
	if err != nil || len(page.Rows) != 2 {
		t.Fatalf("read %d rows, %v", len(page.Rows), err)
	}
}

func TestReadOnlyFolderAndFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.db")
	s, _ := Open(ctx, path, Options{})
	s.Write(ctx, Batch{Direct: directRows(t, "r", 2, base)})
	s.Close()

	var ro *ReadOnlyError
	os.Chmod(path, 0o400)
	if _, err := Open(ctx, path, Options{}); !errors.As(err, &ro) {
		t.Errorf("read-only file: err %v", err)
	}
	os.Chmod(path, 0o600)
	os.Chmod(dir, 0o500)
	if _, err := Open(ctx, filepath.Join(dir, "new.db"), Options{}); !errors.As(err, &ro) {
		t.Errorf("new file in read-only folder: err %v", err)
	}
	if _, err := Open(ctx, path, Options{}); !errors.As(err, &ro) {
		t.Errorf("file in read-only folder: err %v", err)
	}
	os.Chmod(dir, 0o700)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "direct_routing"); n != 2 {
		t.Fatalf("%d rows after the faults, want 2", n)
	}
}
