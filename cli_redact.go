package main

import (
	"context"
	"errors"

	"github.com/callscope/callscope/model"
)

// redactPages masks every row of every page fetch returns when --redact
// is on, before a writer sees it, so json, jsonl and csv output are all
// masked alike.
func redactPages[T any](o *options, fetch fetchFunc[T], mask func(*T)) fetchFunc[T] {
	if !o.conf.redact {
		return fetch
	}
	return func(ctx context.Context, next string) (*model.Page[T], error) {
		p, err := fetch(ctx, next)
		if p != nil {
			for i := range p.Value {
				mask(&p.Value[i])
			}
		}
		return p, err
	}
}

// withStop makes a connection's stop also close the --log-file writer, or
// closes it now when connecting failed (the caller then has no stop to call).
func withStop(stop, stopLog func(), err error) func() {
	if err != nil {
		stopLog()
		return stop
	}
	return func() {
		stop()
		stopLog()
	}
}

// isConfigError reports a config file error and returns it.
func isConfigError(err error) (*configError, bool) {
	var ce *configError
	ok := errors.As(err, &ce)
	return ce, ok
}
