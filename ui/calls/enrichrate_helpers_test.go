package calls

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// Helpers of the enrichment rate benchmarks (enrich_rate_bench_test.go):
// a fake Graph that answers late, and an event loop that runs commands
// concurrently, as Bubble Tea does, so requests overlap as they would in
// the explorer.

// enrichRateLatency is how late the fake Graph answers every request: the
// latency issue 14 states the enrichment target for.
const enrichRateLatency = 300 * time.Millisecond

// enrichRateMessageWait bounds the wait for one message: a run that stops
// delivering fails instead of hanging.
const enrichRateMessageWait = time.Minute

// enrichRateRecords are n list rows (one a minute back from T0-1h, all
// inside Graph's 30 days), each with one session whose verdict is good,
// poor or failed in turn, so every fetch is classified as in a tenant.
func enrichRateRecords(n int) []model.CallRecord {
	recs := uitest.MakeRecords(0, n)
	for i := range recs {
		recs[i].Sessions = []*model.CallRecord{goodRecord, poorRecord, failedRecord}[i%3].Sessions
	}
	return recs
}

// enrichRateServer serves recs from the fake Graph on 127.0.0.1, every
// answer held enrichRateLatency (a request cancelled while held ends), and
// returns the service root.
func enrichRateServer(b *testing.B, recs []model.CallRecord) string {
	b.Helper()
	tenant := fakegraph.NewTenant()
	for _, r := range recs {
		tenant.AddRecord(r)
	}
	fake := fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		held := time.NewTimer(enrichRateLatency)
		defer held.Stop()
		select {
		case <-held.C:
		case <-r.Context().Done():
			return
		}
		fake.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(slow)
	b.Cleanup(srv.Close)
	return srv.URL + "/v1.0"
}

// enrichRateClient is a client of root with a fresh limiter whose
// app-wide call-record window is budget: each run starts with the window
// empty, so runs do not borrow from each other. No retries: the fake does
// not throttle, and a failure should fail the run, not slow it.
func enrichRateClient(b *testing.B, root string, budget graphclient.Window) *graphclient.Client {
	b.Helper()
	c, err := graphclient.New(graphclient.Options{ServiceRoot: root, Credential: graphclient.StaticToken("test-token"),
		MaxRetries: -1, Limits: graphclient.Limits{Records: budget}})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// sustainedRate is the records per second between the landing that ends
// the budget's first window (index budget.Requests-1) and the last one.
// The sliding window lets a whole window's requests start at once, so a
// rate over the whole run would credit that first burst; from the end of
// one burst to the end of another it is the pace the window sustains.
// landed must hold at least two windows' worth.
func sustainedRate(b *testing.B, landed []time.Time, budget graphclient.Window) float64 {
	b.Helper()
	first, last := budget.Requests-1, len(landed)-1
	if last-first < budget.Requests {
		b.Fatalf("%d landings: a sustained rate needs two windows of %d", len(landed), budget.Requests)
	}
	return float64(last-first) / landed[last].Sub(landed[first]).Seconds()
}

// budgetRate is the requests per second budget sustains.
func budgetRate(budget graphclient.Window) float64 {
	return float64(budget.Requests) / budget.Per.Seconds()
}

// cmdLoop runs commands as Bubble Tea does: each in its own goroutine,
// batches opened, every message but nil queued for the event loop.
type cmdLoop struct{ msgs chan tea.Msg }

func newCmdLoop() *cmdLoop { return &cmdLoop{msgs: make(chan tea.Msg, 1024)} }

// run starts cmd (nil does nothing).
func (l *cmdLoop) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				l.run(c)
			}
			return
		}
		if msg != nil {
			l.msgs <- msg
		}
	}()
}

// next is the next message a command returned.
func (l *cmdLoop) next(b *testing.B) tea.Msg {
	b.Helper()
	select {
	case msg := <-l.msgs:
		return msg
	case <-time.After(enrichRateMessageWait):
		b.Fatalf("no message for %v: the commands stopped", enrichRateMessageWait)
		return nil
	}
}
