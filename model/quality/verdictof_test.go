package quality

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// VerdictOf and Classify are one rule in two forms: over streams whose
// values sit on, just past and far from every limit, in every kind, they
// give the same kind and verdict.
func TestVerdictOfAgreesWithClassify(t *testing.T) {
	f := func(vs ...float64) func(*rand.Rand) *float64 {
		return func(r *rand.Rand) *float64 {
			i := r.IntN(len(vs) + 1)
			if i == len(vs) {
				return nil
			}
			v := vs[i]
			return &v
		}
	}
	d := func(ds ...time.Duration) func(*rand.Rand) *model.Duration {
		return func(r *rand.Rand) *model.Duration {
			i := r.IntN(len(ds) + 1)
			if i == len(ds) {
				return nil
			}
			v := model.Duration(ds[i])
			return &v
		}
	}
	packets := []int64{0, 500, 501, 20_000}
	rtt := d(0, 500*time.Millisecond, 500*time.Millisecond+time.Microsecond, 2*time.Second)
	jitter := d(0, 30*time.Millisecond, 30*time.Millisecond+time.Microsecond)
	loss := f(0, 0.1, 0.1000001, 0.5)
	frameLoss := f(0, 50, 50.0001, 90)
	frameRate := f(0, 0.99, 1, 6.99, 7, 30)
	postFEC := f(0, 0.15, 0.1500001, 0.4)
	labels := []string{"main-audio", "main-video", "applicationsharing-video", "applicationsharing", "vbss", "data", ""}
	codecs := []string{"", "h264s", "H264S", "vp8", "H264"}
	r := rand.New(rand.NewPCG(12, 12))
	kinds := map[Verdict]int{}
	for range 50_000 {
		st := model.MediaStream{
			AverageRoundTripTime: rtt(r), AverageJitter: jitter(r), AveragePacketLossRate: loss(r),
			AverageVideoFrameLossPercentage: frameLoss(r), AverageVideoFrameRate: frameRate(r),
			PostForwardErrorCorrectionPacketLossRate: postFEC(r),
			VideoCodec:                               codecs[r.IntN(len(codecs))], AudioCodec: codecs[r.IntN(len(codecs))],
		}
		if i := r.IntN(len(packets) + 1); i < len(packets) {
			st.PacketUtilization = &packets[i]
		}
		label := labels[r.IntN(len(labels))]
		c := Classify(label, &st)
		k, v := VerdictOf(label, &st)
		if k != c.Kind || v != c.Verdict {
			t.Fatalf("%q %+v: VerdictOf says %v %s, Classify %v %s (%v)", label, st, k, v, c.Kind, c.Verdict, c.Reasons)
		}
		kinds[v]++
	}
	if kinds[Good] == 0 || kinds[Poor] == 0 || kinds[Unclassified] == 0 {
		t.Fatalf("the sample misses a verdict: %v", kinds)
	}
}

func BenchmarkVerdictOfAgainstClassify(b *testing.B) {
	p, rtt := int64(2000), model.Duration(40*time.Millisecond)
	st := model.MediaStream{PacketUtilization: &p, AverageRoundTripTime: &rtt}
	b.Run("VerdictOf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			VerdictOf("main-audio", &st)
		}
	})
	b.Run("Classify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Classify("main-audio", &st)
		}
	})
}
