package sim

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// eventKind is what a scheduled event does when its time comes.
type eventKind uint8

const (
	evTimer        eventKind = iota + 1 // an app callback from Env.After
	evPushDeadline                      // the push's 10 s are over
	evUIDeadline                        // a UI event's report is due
)

// event is one entry of the scheduler's queue. Script steps are not queued: they are read
// in order from the scenario and merged with the queue (see runner.next).
type event struct {
	at    time.Duration
	seq   uint64 // insertion order: breaks ties between events of the same time
	kind  eventKind
	ref   int               // the validator step that created a deadline
	id    string            // the callId of a deadline
	since time.Duration     // when the push of a push deadline came
	event callstate.UIEvent // the UI event of a UI deadline
	fn    func()            // the app's timer callback
}

func (e *event) before(o *event) bool {
	if e.at != o.at {
		return e.at < o.at
	}
	return e.seq < o.seq
}

// queue is a binary min-heap of events on a slice that is reused across pushes and pops,
// so a long run allocates only while the queue grows to its peak.
type queue struct {
	heap []event
	next uint64
}

func (q *queue) len() int { return len(q.heap) }

func (q *queue) top() *event { return &q.heap[0] }

func (q *queue) push(e event) {
	e.seq = q.next
	q.next++
	q.heap = append(q.heap, e)
	h := q.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].before(&h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (q *queue) pop() event {
	h := q.heap
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h[n] = event{} // drop references to the app's closure and callId
	h = h[:n]
	q.heap = h
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].before(&h[l]) {
			m = r
		}
		if !h[m].before(&h[i]) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return top
}
