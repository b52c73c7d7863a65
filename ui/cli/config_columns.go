package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/callscope/callscope/ui"
	"github.com/callscope/callscope/ui/columns"
	"github.com/callscope/callscope/ui/common"
	"go.yaml.in/yaml/v3"
)

// config.yaml's columns: section and theme: setting, and the one write
// callscope makes to the file: the column chooser's choice.
//
//	theme: auto                     # auto (the terminal's background), dark, light
//	columns:                        # the columns each list shows (c chooses)
//	  calls: [start, duration, organizer, result, quality]
//	  direct: [start, user, result, sip, sub, trunk]
//	  pstn: [start, user, caller-callee, dur, charge]

// columnsSection reads columns:, a mapping of list kinds (calls, direct,
// pstn) to the columns shown, each named as common.ColumnKey names it
// (the chooser writes them so) or by its title.
func (p *cfgParser) columnsSection(n *yaml.Node) (map[string][]string, error) {
	pairs, err := p.pairs(n, "columns")
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, kv := range pairs {
		k, v := kv[0], deref(kv[1])
		name := "columns." + k.Value
		if _, ok := columns.Titles(k.Value); !ok {
			return nil, p.unknown(k, "columns", common.ColumnKinds...)
		}
		if v.Kind != yaml.SequenceNode {
			return nil, p.errf(v, name, "want a list of columns, e.g. [start, result, trunk]")
		}
		if len(v.Content) == 0 {
			return nil, p.errf(v, name, "want at least one column")
		}
		names := make([]string, 0, len(v.Content))
		for _, e := range v.Content {
			s, err := p.str(e, name)
			if err != nil {
				return nil, err
			}
			if err := columns.Check(k.Value, []string{s}); err != nil {
				return nil, p.errf(e, name, "%v", err)
			}
			names = append(names, common.ColumnKey(s))
		}
		out[k.Value] = names
	}
	return out, nil
}

// themeSetting reads theme: auto, dark or light.
func (p *cfgParser) themeSetting(n *yaml.Node) (common.Theme, error) {
	s, err := p.str(n, "theme")
	if err != nil {
		return "", err
	}
	t, err := common.ParseTheme(s)
	if err != nil {
		return "", p.errf(deref(n), "theme", "%v", err)
	}
	return t, nil
}

// explorerTheme is the theme the explorer draws with: --theme (when given)
// wins over the file's theme:, which wins over auto.
func explorerTheme(flagValue string, flagSet bool, file common.Theme) (common.Theme, error) {
	if flagSet {
		t, err := common.ParseTheme(flagValue)
		if err != nil {
			return "", fmt.Errorf("--theme: %w", err)
		}
		return t, nil
	}
	if file != "" {
		return file, nil
	}
	return common.ThemeAuto, nil
}

// themedStyles is the styles of the dark or light theme with the file's
// colours (a light/dark pair gives the theme's side).
func (c *confOptions) themedStyles(dark bool) ui.Styles {
	p := common.DefaultPalette()
	if c.file != nil {
		for name, spec := range c.file.Colors {
			_ = p.SetColor(name, spec.Light, spec.Dark) // checked when the file was read
		}
	}
	return common.DefaultStylesWith(p.Resolve(dark))
}

// columnPrefs is the column chooser's memory: the file's columns: section
// (chosen), saved back to the file the run read. With --no-config, or no
// config folder, Save is nil and a choice lasts the run.
func (c *confOptions) columnPrefs(chosen map[string][]string) *columns.Prefs {
	p := &columns.Prefs{Chosen: map[string][]string{}}
	for kind, names := range chosen {
		p.Chosen[kind] = append([]string(nil), names...)
	}
	if c.noConfig || c.path == "" {
		return p
	}
	path := c.path
	p.Save = func(kind string, names []string) (string, error) {
		return path, saveColumns(path, kind, names)
	}
	return p
}

// configWrite serializes this process's writes of the config file: two
// choices applied in quick succession each read the file the other wrote.
var configWrite sync.Mutex

// saveColumns sets columns.<kind> in the config file at path to names and
// leaves everything else as it was: the file is edited as a YAML node
// tree, so other settings and comments stay, and written whole to a
// temporary file renamed over it (a crash leaves the old file or the new,
// never half of one), mode 0600. A missing file is created with the
// section alone; a symlink (a dotfiles repository) is followed, so the
// link stays a link.
func saveColumns(path, kind string, names []string) error {
	configWrite.Lock()
	defer configWrite.Unlock()
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	b, err := setColumns(old, kind, names)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFileAtomic(path, b)
}

// setColumns is the file's text with columns.<kind> set to names. Where
// the file's shape allows, the one line is edited in the text and every
// other byte stays, blank lines included; otherwise the file is written
// again from its node tree, which keeps every setting and comment but not
// blank lines, in the file's own indentation.
func setColumns(old []byte, kind string, names []string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML, left as it is: %w", err)
	}
	if doc.Kind == 0 { // an empty file
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("the file is not a mapping of settings, left as it is")
	}
	section := mappingValue(root, "columns")
	if section != nil && section.Kind != yaml.MappingNode && !isEmpty(section) {
		return nil, errors.New("columns: is not a mapping of lists, left as it is")
	}
	if b, ok := spliceColumns(old, root, kind, names); ok {
		return b, nil
	}
	return rewriteColumns(&doc, root, indentOf(old), kind, names)
}

// isEmpty is a setting with nothing after its colon ("columns:").
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

// spliceColumns edits the text: appends the section, adds the kind's line
// below "columns:", or replaces a one-line [list]. ok is false for any
// other shape, and for an edit that does not read back as meant.
func spliceColumns(old []byte, root *yaml.Node, kind string, names []string) ([]byte, bool) {
	list := "[" + strings.Join(names, ", ") + "]" // ColumnKey names need no quoting
	text := string(old)
	lines := strings.SplitAfter(text, "\n")
	var key, section *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if deref(root.Content[i]).Value == "columns" {
			key, section = root.Content[i], deref(root.Content[i+1])
		}
	}
	var out string
	switch {
	case section == nil:
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		out = text + "columns:\n" + strings.Repeat(" ", indentOf(old)) + kind + ": " + list + "\n"
	case isEmpty(section) || (section.Kind == yaml.MappingNode && section.Style&yaml.FlowStyle == 0 && mappingValue(section, kind) == nil):
		if isEmpty(section) && section.Line != key.Line {
			return nil, false
		}
		indent := indentOf(old)
		if section.Kind == yaml.MappingNode && len(section.Content) > 0 {
			indent = section.Content[0].Column - 1
		}
		at := key.Line // the line below "columns:"
		if at > len(lines) || !strings.HasSuffix(lines[at-1], "\n") {
			return nil, false
		}
		add := strings.Repeat(" ", indent) + kind + ": " + list + "\n"
		out = strings.Join(lines[:at], "") + add + strings.Join(lines[at:], "")
	default:
		v := mappingValue(section, kind)
		if v == nil || v.Kind != yaml.SequenceNode || v.Style&yaml.FlowStyle == 0 || v.Line > len(lines) {
			return nil, false
		}
		// Column counts characters: the line must be plain ASCII up to the
		// list, and the list plain words, for the bytes to be where it says.
		line := lines[v.Line-1]
		start := v.Column - 1
		if start >= len(line) || line[start] != '[' || !isASCII(line[:start]) {
			return nil, false
		}
		end := strings.IndexByte(line[start:], ']')
		if end < 0 || strings.ContainsAny(line[start+1:start+end], "\"'[{#") {
			return nil, false
		}
		lines[v.Line-1] = line[:start] + list + line[start+end+1:]
		out = strings.Join(lines, "")
	}
	if !readsBack([]byte(out), old, kind, names) {
		return nil, false
	}
	return []byte(out), true
}

// isASCII reports s is all ASCII, where characters and bytes agree.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// readsBack reports that b holds columns.<kind> as names and every other
// setting as old does.
func readsBack(b, old []byte, kind string, names []string) bool {
	var now, was map[string]any
	if yaml.Unmarshal(b, &now) != nil || yaml.Unmarshal(old, &was) != nil {
		return false
	}
	section, _ := now["columns"].(map[string]any)
	got, _ := section[kind].([]any)
	if len(got) != len(names) {
		return false
	}
	for i, n := range names {
		if got[i] != n {
			return false
		}
	}
	if prev, _ := was["columns"].(map[string]any); prev != nil {
		for k, v := range prev {
			if k != kind && fmt.Sprint(section[k]) != fmt.Sprint(v) {
				return false
			}
		}
	}
	delete(now, "columns")
	delete(was, "columns")
	return fmt.Sprint(now) == fmt.Sprint(was)
}

// rewriteColumns sets columns.<kind> in the node tree and writes it all.
func rewriteColumns(doc, root *yaml.Node, indent int, kind string, names []string) ([]byte, error) {
	section := mappingValue(root, "columns")
	if section == nil || isEmpty(section) {
		section = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		setMappingValue(root, "columns", section)
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, n := range names {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n})
	}
	if prev := mappingValue(section, kind); prev != nil {
		list.LineComment = prev.LineComment // "# what triage reads first" stays beside it
	}
	setMappingValue(section, kind, list)

	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(indent)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("write YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write YAML: %w", err)
	}
	return out.Bytes(), nil
}

// mappingValue is the value of key in mapping m, nil when absent.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if deref(m.Content[i]).Value == key {
			return deref(m.Content[i+1])
		}
	}
	return nil
}

// setMappingValue replaces key's value in m, keeping the key and its
// comments, or appends the pair.
func setMappingValue(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if deref(m.Content[i]).Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// indentOf is the indentation the file's nested settings use (the first
// indented setting's), 2 when it has none: the rewrite then keeps the
// file's look.
func indentOf(b []byte) int {
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		n := len(line) - len(trimmed)
		if n > 0 && trimmed != "" && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "- ") {
			return min(max(n, 2), 8)
		}
	}
	return 2
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder renamed over it, mode 0600; the folder is made (0700) if missing.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".config-*.yaml")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
