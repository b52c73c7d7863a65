package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
)

// maxCLIPages stops a service that keeps sending nextLinks; at Graph's
// page sizes it is far beyond any tenant's 30 days of data.
const maxCLIPages = 100000

// fetchFunc gets one page: nextLink "" for the first.
type fetchFunc[T any] func(ctx context.Context, nextLink string) (*model.Page[T], error)

// walkPages hands each page to each until the last page, an error, or
// each asking to stop. It keeps no page once handed over. A page that comes
// with graphclient.ErrRepeatedLink (its nextLink leads back to a page
// already read) is handed over, its rows being new, and then paging stops
// with that error; a longer cycle is caught by the set of links followed.
func walkPages[T any](ctx context.Context, fetch fetchFunc[T], each func(*model.Page[T]) (stop bool, err error)) error {
	next := ""
	followed := map[string]bool{}
	for pages := 0; ; pages++ {
		if pages == maxCLIPages {
			return fmt.Errorf("paging did not end after %d pages", pages)
		}
		page, err := fetch(ctx, next)
		if err != nil && !(errors.Is(err, graphclient.ErrRepeatedLink) && page != nil) {
			return err
		}
		if stop, eachErr := each(page); stop || eachErr != nil {
			return eachErr
		}
		if err != nil {
			return err
		}
		next = page.NextLink
		if next == "" {
			return nil
		}
		if followed[next] {
			return fmt.Errorf("paging stopped: Graph sent a nextLink already followed; every row read so far was written once")
		}
		followed[next] = true
	}
}

// streamPages writes every row that keep accepts, page by page, flushing
// each page before asking for the next so a reader sees rows at once and
// memory holds one page. limit > 0 stops after that many rows. keep reads
// the decoded row; the writer writes the row as Graph sent it when the
// page carries its bytes (json, jsonl), its columns otherwise (csv).
func streamPages[T any](ctx context.Context, fetch fetchFunc[T], rw *export.RowWriter[T], keep func(*T) bool, limit int) error {
	written := 0
	err := walkPages(ctx, fetch, func(page *model.Page[T]) (bool, error) {
		for i := range page.Value {
			if keep != nil && !keep(&page.Value[i]) {
				continue
			}
			if err := rw.WriteRaw(&page.Value[i], rawAt(page, i)); err != nil {
				return true, err
			}
			written++
			if limit > 0 && written >= limit {
				return true, nil
			}
		}
		return false, rw.Flush()
	})
	if err != nil {
		// Rows already written stay written; a json array is left open.
		_ = rw.Flush()
		return err
	}
	return rw.Close()
}

// rawAt is the page's row i as Graph sent it, or nil when the page
// carries no bytes.
func rawAt[T any](page *model.Page[T], i int) json.RawMessage {
	if i < len(page.RawValue) {
		return page.RawValue[i]
	}
	return nil
}

// wantsRaw reports whether rows are written as Graph sent them in output
// format: json and jsonl are; csv writes decoded columns, so its pages need
// not carry the bytes.
func wantsRaw(output string) bool { return output != string(export.CSV) }

// redactPages masks every row of every page fetch returns when on
// (--redact), decoded (mask) and as sent (maskRaw), before a writer sees
// it, so json, jsonl and csv output are all masked alike. Bytes that cannot
// be masked end the run rather than reach the output.
func redactPages[T any](on bool, fetch fetchFunc[T], mask func(*T), maskRaw func(json.RawMessage) (json.RawMessage, error)) fetchFunc[T] {
	if !on {
		return fetch
	}
	return func(ctx context.Context, next string) (*model.Page[T], error) {
		p, err := fetch(ctx, next)
		if p == nil {
			return p, err
		}
		for i := range p.Value {
			mask(&p.Value[i])
		}
		for i, raw := range p.RawValue {
			masked, maskErr := maskRaw(raw)
			if maskErr != nil {
				return nil, fmt.Errorf("--redact: row %d of the page: %w", i+1, maskErr)
			}
			p.RawValue[i] = masked
		}
		return p, err
	}
}
