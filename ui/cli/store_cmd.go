package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// storeCmdOptions are `callscope store info` and `callscope store forget
// [--before T]`: what the local store holds, and deleting it. Neither
// talks to Graph; --demo names the demo's own (empty, temporary) store.
type storeCmdOptions struct {
	base
	action     string // info or forget
	output     string // info: text or json
	beforeText string // forget --before
	before     time.Time
}

func (o *storeCmdOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.demo, "demo", false, "the demo's own store, in a temporary folder (empty)")
	o.configFlags(fs)
	o.store.flags(fs)
	fs.StringVar(&o.output, "output", "text", "info: print as `FORMAT`: text or json")
	fs.StringVar(&o.beforeText, "before", "", "forget: delete only data that started before `T` (default: everything)")
}

func (o *storeCmdOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef(cmd, "say what to do: info or forget")
	}
	o.action = pos[0]
	if len(pos) > 1 {
		return usagef(cmd, "unexpected argument %q", pos[1])
	}
	switch o.action {
	case "info":
		if set["before"] {
			return usagef(cmd, "--before is for forget")
		}
		if o.output != "text" && o.output != "json" {
			return usagef(cmd, "--output %q: use text or json", o.output)
		}
	case "forget":
		if set["output"] {
			return usagef(cmd, "--output is for info")
		}
		if set["before"] {
			c, err := directive.Value(directive.To, o.beforeText, now.In(localZone))
			if err != nil {
				return usagef(cmd, "--before %v", err)
			}
			o.before = c.At
		}
	default:
		return usagef(cmd, "unknown action %q: use info or forget", o.action)
	}
	if o.store.off {
		return usagef(cmd, "--no-store leaves no store to %s", o.action)
	}
	return nil
}

func (o *storeCmdOptions) run(ctx context.Context, e *env) error {
	s, closeStore, err := o.openStore(ctx)
	if errors.Is(err, errNoStore) {
		return fmt.Errorf("the config file says store: false; name a store with --store PATH")
	}
	if err != nil {
		return err
	}
	defer closeStore()
	if o.action == "forget" {
		return o.forget(ctx, s, e.stdout)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return err
	}
	if o.output == "json" {
		return writeStoreInfoJSON(e.stdout, info)
	}
	return writeOutput(e.stdout, storeInfoText(info))
}

// kindNames are the kinds as the output names them.
var kindNames = map[store.Kind]string{store.KindCalls: "calls", store.KindRecords: "records",
	store.KindDirect: "Direct Routing rows", store.KindPstn: "PSTN rows"}

// storeInfoText is `store info` as text.
func storeInfoText(info store.Info) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "store\t%s\n", model.DisplaySafe(info.Path))
	fmt.Fprintf(tw, "size\t%s\n", byteSize(info.Bytes))
	fmt.Fprintf(tw, "schema\t%d\n", info.Schema)
	_ = tw.Flush()
	b.WriteString("\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kind\tcount\toldest\tnewest\t\n")
	for _, k := range info.Kinds {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", k.Kind, thousands(k.Count), timeOrDash(k.Oldest), timeOrDash(k.Newest))
	}
	_ = tw.Flush()
	return b.String()
}

// timeOrDash is t in RFC 3339 UTC, or "-" when there is none.
func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// storeInfoJSON is `store info --output json`; a kind with no rows has no
// oldest or newest.
type storeInfoJSON struct {
	Path   string          `json:"path"`
	Bytes  int64           `json:"bytes"`
	Schema int             `json:"schema"`
	Kinds  []storeKindJSON `json:"kinds"`
}

type storeKindJSON struct {
	Kind   string     `json:"kind"`
	Count  int64      `json:"count"`
	Oldest *time.Time `json:"oldest,omitempty"`
	Newest *time.Time `json:"newest,omitempty"`
}

func writeStoreInfoJSON(w io.Writer, info store.Info) error {
	out := storeInfoJSON{Path: model.DisplaySafe(info.Path), Bytes: info.Bytes, Schema: info.Schema, Kinds: []storeKindJSON{}}
	for _, k := range info.Kinds {
		kj := storeKindJSON{Kind: string(k.Kind), Count: k.Count}
		if !k.Oldest.IsZero() {
			oldest, newest := k.Oldest.UTC(), k.Newest.UTC()
			kj.Oldest, kj.Newest = &oldest, &newest
		}
		out.Kinds = append(out.Kinds, kj)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("store info: %w", err)
	}
	return writeOutput(w, string(b)+"\n")
}

// forget deletes, vacuums and says what went.
func (o *storeCmdOptions) forget(ctx context.Context, s *store.Store, w io.Writer) error {
	gone, err := s.Forget(ctx, o.before)
	if gone == nil {
		return err
	}
	var parts []string
	for _, k := range store.Kinds {
		parts = append(parts, fmt.Sprintf("%s %s", thousands(gone[k]), kindNames[k]))
	}
	what := "everything"
	if !o.before.IsZero() {
		what = "data that started before " + o.before.UTC().Format(time.RFC3339)
	}
	line := fmt.Sprintf("forgot %s: %s\n", what, strings.Join(parts, ", "))
	if info, ierr := s.Info(ctx); ierr == nil {
		line += fmt.Sprintf("%s is now %s\n", model.DisplaySafe(info.Path), byteSize(info.Bytes))
	}
	return firstErr(err, writeOutput(w, line))
}

// byteSize is n bytes as a person reads it: 912 B, 1.4 MB.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n)/unit, 0
	for ; f >= unit && i < 3; i++ {
		f /= unit
	}
	return fmt.Sprintf("%.1f %s", f, []string{"KB", "MB", "GB", "TB"}[i])
}

// thousands is n with commas between groups of three digits: 12,000.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
