package readme

import (
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/internal/golden"
	"github.com/voipsim/voipsim/sim/explore"
)

// fuzzSeed is an input of the committed corpus of FuzzMyApp and the scenario it decodes
// to: the scenario keeps the seed's name honest.
type fuzzSeed struct {
	name   string
	script string
	data   []byte
}

// fuzzSeeds are the stories of the README's snippets, as fuzzer input.
func fuzzSeeds() []fuzzSeed {
	return []fuzzSeed{
		{"push-answer-hangup", "0s push c1 video from=Ann\n1s user answer c1 voice\n5s user hangup c1\n25s peer hangup c1\n",
			slices.Concat(push(0, ann, video, 0), user(0, answer, time.Second), user(0, hangup, 4*time.Second))},
		{"push-reject", "0s push c1 voice from=Ann\n2s user reject c1\n22s peer hangup c1\n",
			slices.Concat(push(0, ann, voice, 0), user(0, reject, 2*time.Second))},
		{"dial-during-carrier-call", "0s carrier ring\n1s carrier answer\n2s dial d1 video to=Bob\n3s peer answer d1\n" +
			"6s carrier end\n8s peer hangup d1\n28s peer hangup d1\n",
			slices.Concat(carrier(carrierRing, 0), carrier(carrierAnswer, time.Second), dial(0, bob, video, time.Second),
				peer(0, peerAnswer, time.Second), carrier(carrierEnd, 3*time.Second), peer(0, peerHangup, 2*time.Second))},
		{"four-pushes", "0s push c1 voice from=Ann\n0s push c2 voice from=Bob\n0s push c3 video\n0s push c4 voice from=Ann\n" +
			"20s peer hangup c1\n20s peer hangup c2\n20s peer hangup c3\n20s peer hangup c4\n",
			slices.Concat(push(0, ann, voice, 0), push(1, bob, voice, 0), push(2, noName, video, 0), push(3, ann, voice, 0))},
		{"crash-while-ringing", "0s push c1 voice from=Ann\n1s service crash\n3s service restart\n23s peer hangup c1\n",
			slices.Concat(push(0, ann, voice, 0), crash(time.Second))},
	}
}

// TestFuzzMyAppCorpus keeps testdata/fuzz/FuzzMyApp in step with fuzzSeeds (rewrite it
// with -update), and each seed with the scenario its name tells.
func TestFuzzMyAppCorpus(t *testing.T) {
	for _, s := range fuzzSeeds() {
		assert.Equal(t, s.script, explore.ScenarioFromBytes(s.data).String(), "seed %s", s.name)
		golden.Assert(t, filepath.Join("testdata", "fuzz", "FuzzMyApp", s.name),
			"go test fuzz v1\n[]byte("+strconv.Quote(string(s.data))+")\n")
	}
}

// The choices of a step, as explore.ScenarioFromBytes reads them: the variant byte picks
// a push's or a dial's name and type (name*2 + type), the banner action (of answer, reject,
// hangup, mute, unmute, answer on video, mute-ringtone), the carrier's or the far end's
// action (modulo 3), a crash's outage (modulo 20: 19 is the longest, 2 s).
const (
	noName, ann, bob                            = 0, 1, 2
	voice, video                                = 0, 1
	answer, reject, hangup                      = 0, 1, 2
	carrierRing, carrierAnswer, carrierEnd      = 0, 1, 2
	peerAnswer, peerHangup                      = 0, 1
	longestOutage                               = 19
	gapSteps                                    = 1 << 16
	noCall                                 byte = 0
)

func push(call, name, typ byte, gap time.Duration) []byte {
	return step(explore.KindPush, call, name*2+typ, gap)
}
func dial(call, name, typ byte, gap time.Duration) []byte {
	return step(explore.KindDial, call, name*2+typ, gap)
}
func user(call, action byte, gap time.Duration) []byte {
	return step(explore.KindBanner, call, action, gap)
}
func carrier(action byte, gap time.Duration) []byte {
	return step(explore.KindCarrier, noCall, action, gap)
}
func peer(call, action byte, gap time.Duration) []byte {
	return step(explore.KindPeer, call, action, gap)
}
func crash(gap time.Duration) []byte { return step(explore.KindService, noCall, longestOutage, gap) }

// step is one step's explore.BytesPerStep bytes. The call byte picks, for a push or a
// dial, the callId of the pool (0: c1 or d1); for any other step, a call already started,
// the latest first. The gap after the step before is two bytes, v, for a pause of
// (v/2^16)² of explore.UniformMix.MaxGap: the smallest v that gives gap.
func step(kind explore.Kind, call, variant byte, gap time.Duration) []byte {
	v := int(math.Ceil(math.Sqrt(float64(gap)/float64(explore.UniformMix.MaxGap)) * gapSteps))
	return []byte{byte(kind), call, variant, byte(v >> 8), byte(v)}
}
