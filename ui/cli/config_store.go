package cli

import (
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// configStore is config.yaml's store setting: `store: false` keeps
// nothing on disk, `store: true` (or no setting) the default file,
// `store: /path/file.db` that file. --store and --no-store win over it.
type configStore struct {
	Off  bool
	Path string
}

// store reads the store setting: true, false, or an absolute path (a
// relative one would name a different file in every folder callscope is
// started from).
func (p *cfgParser) store(cfg *fileConfig, n *yaml.Node) error {
	s, err := p.str(n, "store")
	if err != nil {
		return err
	}
	switch strings.ToLower(s) {
	case "false", "no", "off":
		cfg.Store = configStore{Off: true}
		return nil
	case "true", "yes", "on":
		cfg.Store = configStore{}
		return nil
	}
	if !filepath.IsAbs(s) {
		return p.errf(deref(n), "store", "want false (keep nothing on disk), true (the default file) or an absolute path to a store file")
	}
	cfg.Store = configStore{Path: s}
	return nil
}
