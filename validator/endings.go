package validator

import "github.com/voipsim/voipsim/callstate"

// ending remembers how a callId stopped being live, so that a later report for it can be
// explained ("call c7 ended at step 12").
type ending struct {
	id    string
	seq   int
	how   endingKind
	cause callstate.Cause // why the report was refused, for refusedReport
}

// endingKind says how a call stopped being live, in the words of a detail.
type endingKind uint8

const (
	endedDisconnected endingKind = iota
	endedReportedDisconnected
	endedByIncomingCallError
	endedByServiceStop
	neverRegistered // reportIncomingCall resolved CELLULAR_CALL_EXISTS
	refusedReport   // the report of a new call failed: it never became live
)

// endingWords tell an ending in a detail: "call c7 " + how + " at step 12" + after.
var endingWords = [...]struct{ how, after string }{
	endedDisconnected:         {"ended with DISCONNECTED", " and is no longer live"},
	endedReportedDisconnected: {"was reported DISCONNECTED", " and is no longer live"},
	endedByIncomingCallError:  {"was ended by reportIncomingCallError", " and is no longer live"},
	endedByServiceStop:        {"was cleared by the service stop", " and is no longer live"},
	neverRegistered:           {"resolved CELLULAR_CALL_EXISTS", ", during a carrier call: the service never registered it"},
	refusedReport:             {"was refused", " and never became live"},
}

// explain is the detail of a report for the callId of an ending.
func (e *ending) explain(at string) string {
	w := endingWords[e.how]
	if e.how == refusedReport {
		at += " (" + e.cause.String() + ")"
	}
	return "call " + quoteID(e.id) + " " + w.how + " at " + at + w.after
}

const (
	// endedMemory is how many ended calls are remembered for details; older ones are
	// forgotten so memory stays flat on long traces. notLive's detail says the number.
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

// refused remembers a new call's report that failed, with its cause.
func (r *endings) refused(id string, seq int, cause callstate.Cause) {
	r.remember(id, seq, refusedReport)
	r.at(r.count - 1).cause = cause
}

// forgetting reports whether the ring has dropped endings: a callId it does not hold may
// then have ended all the same.
func (r *endings) forgetting() bool { return r.count > endedMemory }

// last finds the most recent ending of id, newest first.
func (r *endings) last(id string) (ending, bool) {
	for k := r.count - 1; k >= 0 && k >= r.count-endedMemory; k-- {
		if e := r.at(k); e.id == id {
			return *e, true
		}
	}
	return ending{}, false
}
