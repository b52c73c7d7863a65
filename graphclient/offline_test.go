package graphclient

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOfflineClientSendsNothingAndSaysWhyAtOnce(t *testing.T) {
	c := NewOffline()
	start := time.Now()
	_, err := c.GetCallRecord(context.Background(), "0b1d3a2e-0000-4000-8000-000000000001")
	if !errors.Is(err, ErrOffline) {
		t.Fatalf("GetCallRecord offline: err = %v, want ErrOffline", err)
	}
	// No retries: azcore would back off about 1+3+7+15 s before giving up.
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("offline error took %v; it must not be retried", d)
	}
}
