package validator

import (
	"time"

	"sort"

	"github.com/voipsim/voipsim/callstate"
)

// Direction tells incoming from outgoing calls; each has its own limit.
type Direction uint8

const (
	Incoming Direction = iota + 1
	Outgoing
)

func (d Direction) String() string {
	if d == Outgoing {
		return "outgoing"
	}
	return "incoming"
}

// owed indexes the UI-event obligations a call can carry, one slot per kind of report.
type owed uint8

const (
	owedAnswer     owed = iota // ANSWERED, ACTIVE or DISCONNECTED
	owedDisconnect             // DISCONNECTED
	owedMuted                  // AUDIO_EVENT_MUTED
	owedUnmuted                // AUDIO_EVENT_UNMUTED
	owedKinds
)

// debt is one UI event still waiting for its report; seq 0 means none.
type debt struct {
	seq   int
	at    time.Duration
	event callstate.UIEvent
}

// call is a live call. Calls live in a slab reused through a free list, so a long run of
// calls allocates nothing once the slab has grown to the peak of live calls.
type call struct {
	attr        callstate.Attribute
	dir         Direction
	state       callstate.CallState
	typ         callstate.CallType
	muted       bool
	speakerOn   bool
	micDisabled bool
	reportedSeq int
	sinceSeq    int // step of the last change of state or type
	debts       [owedKinds]debt
}

// ending remembers how a callId stopped being live, so that a later report for it can be
// explained ("call c7 ended at step 12").
type ending struct {
	id  string
	seq int
	how endingKind
}

// endingKind says how a call stopped being live, in the words of a detail.
type endingKind uint8

const (
	endedDisconnected endingKind = iota
	endedReportedDisconnected
	endedByIncomingCallError
	endedByServiceStop
)

var endingWords = [...]string{
	endedDisconnected:         "ended with DISCONNECTED",
	endedReportedDisconnected: "was reported DISCONNECTED",
	endedByIncomingCallError:  "was ended by reportIncomingCallError",
	endedByServiceStop:        "was cleared by the service stop",
}

func (k endingKind) String() string { return endingWords[k] }

// endedMemory is how many ended calls are remembered for details; older ones are
// forgotten so memory stays flat on long traces.
const endedMemory = 1024

type registry struct {
	byID     map[string]int32
	slab     []call
	free     []int32
	incoming int
	outgoing int

	// The last call looked up: an app reports one call several times in a row, and a
	// string compare is cheaper than hashing the callId again.
	lastID  string
	lastIdx int32

	// Endings are looked up only to explain an error, so a ring scanned on demand beats a
	// map kept up to date on every DISCONNECTED.
	// Grown on demand up to endedMemory, so a short run (a simulation, a test) does not
	// pay for the whole ring.
	ended     []ending
	endedNext int
}

func (r *registry) init() {
	r.byID = make(map[string]int32)
	r.lastIdx = -1
}

func (r *registry) get(id string) *call {
	if r.lastIdx >= 0 && id == r.lastID {
		return &r.slab[r.lastIdx]
	}
	if i, ok := r.byID[id]; ok {
		r.lastID, r.lastIdx = id, i
		return &r.slab[i]
	}
	return nil
}

func (r *registry) add(c call) *call {
	var i int32
	if n := len(r.free); n > 0 {
		i = r.free[n-1]
		r.free = r.free[:n-1]
		r.slab[i] = c
	} else {
		i = int32(len(r.slab))
		r.slab = append(r.slab, c)
	}
	r.byID[c.attr.CallID] = i
	r.lastID, r.lastIdx = c.attr.CallID, i
	r.count(c.dir, +1)
	return &r.slab[i]
}

func (r *registry) count(d Direction, delta int) {
	if d == Incoming {
		r.incoming += delta
	} else {
		r.outgoing += delta
	}
}

// remove ends a live call and remembers how.
func (r *registry) remove(id string, seq int, how endingKind) {
	i, ok := r.byID[id]
	if !ok {
		return
	}
	r.count(r.slab[i].dir, -1)
	r.slab[i] = call{}
	delete(r.byID, id)
	if r.lastIdx == i {
		r.lastID, r.lastIdx = "", -1
	}
	r.free = append(r.free, i)
	r.remember(id, seq, how)
}

func (r *registry) remember(id string, seq int, how endingKind) {
	e := ending{id: id, seq: seq, how: how}
	if len(r.ended) < endedMemory {
		r.ended = append(r.ended, e)
		return
	}
	r.ended[r.endedNext] = e
	r.endedNext = (r.endedNext + 1) % endedMemory
}

// lastEnding finds the most recent ending of id, newest first.
func (r *registry) lastEnding(id string) (ending, bool) {
	n := len(r.ended)
	for k := 1; k <= n; k++ {
		e := &r.ended[(r.endedNext-k+n)%n]
		if e.id == id {
			return *e, true
		}
	}
	return ending{}, false
}

// ids lists the live callIds of one direction (0: both), sorted.
func (r *registry) ids(d Direction) []string {
	out := make([]string, 0, len(r.byID))
	for id, i := range r.byID {
		if d == 0 || r.slab[i].dir == d {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func (r *registry) clear(seq int, how endingKind) {
	for _, id := range r.ids(0) {
		r.remove(id, seq, how)
	}
}
