package explore

import (
	"time"
)

// Kind is a family of steps whose share of a scenario a Mix weighs.
type Kind uint8

const (
	KindPush    Kind = iota // push ID voice|video
	KindDial                // dial ID voice|video
	KindBanner              // user answer|reject|hangup|mute|unmute|mute-ringtone
	KindCarrier             // carrier ring|answer|end
	KindService             // service crash|restart
	KindFault               // fault CODE
	KindPeer                // peer answer|hangup|fail
	kindCount
)

var kindNames = [kindCount]string{"push", "dial", "banner", "carrier", "service", "fault", "peer"}

func (k Kind) String() string {
	if k < kindCount {
		return kindNames[k]
	}
	return "kind?"
}

// Mix is what one scenario is made of: the weight of each kind of step (0: none), how
// many distinct callIds it uses, and its longest gap between steps.
type Mix struct {
	Weights [kindCount]int
	Calls   int
	MaxGap  time.Duration
}

const (
	maxWeight = 9
	maxCalls  = 6
	// longestGap is the longest pause between two steps: longer than the 10 s push
	// deadline, so that deadlines are crossed now and then.
	longestGap = 15 * time.Second
)

// UniformMix weighs every kind the same, with four callIds and gaps up to 15 s: the mix of
// the byte decoder and the rapid generator, where the fuzzer or rapid chooses the steps.
var UniformMix = Mix{Weights: [kindCount]int{1, 1, 1, 1, 1, 1, 1}, Calls: 4, MaxGap: longestGap}

// drawMix draws a swarm mix: each kind is left out with probability 1/4, otherwise
// weighed 1..9; a scenario always has pushes or dials.
func drawMix(c chooser) Mix {
	var m Mix
	for k := range m.Weights {
		if w := c.intn(4 * maxWeight / 3); w < maxWeight {
			m.Weights[k] = w + 1
		}
	}
	if m.Weights[KindPush] == 0 && m.Weights[KindDial] == 0 {
		m.Weights[KindPush] = maxWeight
	}
	m.Calls = 1 + c.intn(maxCalls)
	m.MaxGap = time.Duration(1+c.intn(int(longestGap/time.Second))) * time.Second
	return m
}

// total is the sum of the weights.
func (m *Mix) total() int {
	t := 0
	for _, w := range m.Weights {
		t += w
	}
	return t
}

// kind maps a draw in [0, total) to the kind it falls on.
func (m *Mix) kind(draw int) Kind {
	for k, w := range m.Weights {
		if draw < w {
			return Kind(k)
		}
		draw -= w
	}
	return KindPush
}
