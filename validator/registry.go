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

// call is a live call.
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
	owes        uint8 // bit k is set while debts[k] is owed
	refused     refusedTry
}

// maxLive bounds the live calls: the limits of check 6 hold in every profile.
const maxLive = MaxIncoming + MaxOutgoing

// registry holds the live calls. There are never more than maxLive, so they sit packed
// in a fixed array and are found by comparing callIds: cheaper than hashing them, and a
// validator's calls allocate nothing, however many come and go.
type registry struct {
	live     [maxLive]call
	n        int // live[:n] are the live calls
	incoming int
	outgoing int

	// The call looked up last: an app reports one call several times in a row.
	last int

	ended endings
}

// get finds a live call. A live call's callId is never empty, so "" finds none.
func (r *registry) get(id string) *call {
	if r.last < r.n && r.live[r.last].attr.CallID == id {
		return &r.live[r.last]
	}
	for i := 0; i < r.n; i++ {
		if r.live[i].attr.CallID == id {
			r.last = i
			return &r.live[i]
		}
	}
	return nil
}

// add makes a call live; the limits were checked, so there is room.
func (r *registry) add(a *callstate.Attribute, dir Direction, seq int) {
	r.live[r.n] = call{attr: *a, dir: dir, state: a.State, typ: a.CallType, reportedSeq: seq, sinceSeq: seq}
	r.last = r.n
	r.n++
	r.count(dir, +1)
}

func (r *registry) count(d Direction, delta int) {
	if d == Incoming {
		r.incoming += delta
	} else {
		r.outgoing += delta
	}
}

// remove ends a live call and remembers how. The last live call takes its place; the
// slot it leaves is not cleared, as the next call overwrites it, and until then it holds
// no more than a few strings.
func (r *registry) remove(id string, seq int, how endingKind) {
	c := r.get(id)
	if c == nil {
		return
	}
	r.count(c.dir, -1)
	r.n--
	if last := &r.live[r.n]; c != last {
		*c = *last
	}
	r.ended.remember(id, seq, how)
}

// ids lists the live callIds of one direction (0: both), sorted.
func (r *registry) ids(d Direction) []string {
	out := make([]string, 0, r.n)
	for i := range r.n {
		if d == 0 || r.live[i].dir == d {
			out = append(out, r.live[i].attr.CallID)
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
