package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// storeOptions are --store and --no-store, kept in base.store: which local
// store a command reads and fills (graphclient/store), or none.
type storeOptions struct {
	path string // --store PATH
	off  bool   // --no-store
}

func (s *storeOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&s.path, "store", "", "keep fetched data in the store file `PATH` (default: one per profile under $XDG_DATA_HOME/callscope)")
	fs.BoolVar(&s.off, "no-store", false, "keep nothing on disk: no local store is read or written")
}

// resolveStore refuses --store with --no-store and an empty --store.
func (b *base) resolveStore() error {
	if b.store.off && b.set["store"] {
		return usagef(b.cmd, "--store and --no-store contradict each other; give one")
	}
	if b.set["store"] && b.store.path == "" {
		return usagef(b.cmd, "--store is empty: give a file, or --no-store to keep nothing")
	}
	return nil
}

// errNoStore is a run asked to keep nothing: --no-store or config.yaml's
// `store: false`.
var errNoStore = errors.New("no store: --no-store or the config file's store: false keeps nothing on disk")

// storePath is the store file the run uses, in this order: --no-store
// (none), --store PATH, --demo (a fresh folder of its own: the demo tenant
// is made anew each run and must never mix with a real tenant's store),
// config.yaml's store (false, or a file), then the profile's file in the
// default folder. temp is true for the demo's folder, which the caller
// removes after the run.
func (b *base) storePath() (path string, temp bool, err error) {
	cfg := configStore{}
	if b.conf.file != nil {
		cfg = b.conf.file.Store
	}
	switch {
	case b.store.off:
		return "", false, errNoStore
	case b.store.path != "":
		return b.store.path, false, nil
	case b.demo:
		if cfg.Off {
			return "", false, errNoStore
		}
		dir, err := os.MkdirTemp("", "callscope-demo-store-")
		if err != nil {
			return "", false, fmt.Errorf("demo store: %w", err)
		}
		return filepath.Join(dir, "demo.db"), true, nil
	case cfg.Off:
		return "", false, errNoStore
	case cfg.Path != "":
		return cfg.Path, false, nil
	}
	path, err = store.DefaultPath(b.storeName())
	return path, false, err
}

// storeName names the default store file: the profile in use, else its
// tenant, else "default" (store.DefaultPath makes it a safe file name).
func (b *base) storeName() string {
	if p := b.conf.prof; p != nil {
		if p.Name != "" {
			return p.Name
		}
		return p.TenantID
	}
	return ""
}

// openStore opens the run's store; close closes it (and removes the
// demo's folder). A run that keeps nothing gets errNoStore.
func (b *base) openStore(ctx context.Context) (s *store.Store, close func(), err error) {
	path, temp, err := b.storePath()
	if err != nil {
		return nil, func() {}, err
	}
	cleanup := func() {
		if temp {
			_ = os.RemoveAll(filepath.Dir(path))
		}
	}
	s, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		cleanup()
		return nil, func() {}, err
	}
	return s, func() { _ = s.Close(); cleanup() }, nil
}

// openStoreOrWarn is openStore for a command that works without a store:
// a store that cannot be opened (damaged, foreign, read-only, busy) costs
// one line on stderr and the run goes on against Graph, touching nothing
// on disk. A store from a newer callscope opens for reading only, and
// says so. With no store to keep, s is nil and nothing is said.
func (b *base) openStoreOrWarn(ctx context.Context, stderr io.Writer) (s *store.Store, close func()) {
	s, close, err := b.openStore(ctx)
	switch {
	case errors.Is(err, errNoStore):
		return nil, close
	case err != nil:
		fmt.Fprintf(stderr, "callscope: %s; going on without the store (Graph only)\n", model.DisplaySafe(err.Error()))
		return nil, close
	}
	if werr := s.Writable(); werr != nil {
		fmt.Fprintf(stderr, "callscope: %s\n", model.DisplaySafe(werr.Error()))
	}
	return s, close
}
