package validator

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

const (
	// endedMemory is how many ended calls are remembered for details; older ones are
	// forgotten so memory stays flat on long traces.
	endedMemory = 1024
	// endedChunk is how many endings one allocation of the ring holds.
	endedChunk = 64
)

// endings is a ring of the last endedMemory endings. They are looked up only to explain
// an error, so a ring scanned on demand beats a map kept up to date on every
// DISCONNECTED. Its storage comes in chunks, allocated as the ring first reaches them:
// a short run (a simulation, a test) pays for what it remembers, and nothing is ever
// copied to grow.
type endings struct {
	chunks [endedMemory / endedChunk]*[endedChunk]ending
	count  int // endings remembered so far; the newest is at (count-1) % endedMemory
}

func (r *endings) at(k int) *ending {
	k %= endedMemory
	return &r.chunks[k/endedChunk][k%endedChunk]
}

func (r *endings) remember(id string, seq int, how endingKind) {
	k := r.count % endedMemory
	if r.chunks[k/endedChunk] == nil {
		r.chunks[k/endedChunk] = new([endedChunk]ending)
	}
	*r.at(k) = ending{id: id, seq: seq, how: how}
	r.count++
}

// last finds the most recent ending of id, newest first.
func (r *endings) last(id string) (ending, bool) {
	for k := r.count - 1; k >= 0 && k >= r.count-endedMemory; k-- {
		if e := r.at(k); e.id == id {
			return *e, true
		}
	}
	return ending{}, false
}
