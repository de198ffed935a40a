package sim

import "time"

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
	seq   uint64        // insertion order: breaks ties between events of the same time
	ref   int           // the validator step that created a deadline
	id    string        // the callId of a deadline
	since time.Duration // when the push of a push deadline came
	fn    func()        // the app's timer callback
	kind  eventKind
}

// before orders events by time; at the same time an app timer comes before a deadline, so
// that a report made exactly at its deadline is in time however the app got there (a chain
// of timers queued after the deadline); then by insertion order.
func (e *event) before(o *event) bool {
	if e.at != o.at {
		return e.at < o.at
	}
	if e.isDeadline() != o.isDeadline() {
		return o.isDeadline()
	}
	return e.seq < o.seq
}

func (e *event) isDeadline() bool { return e.kind != evTimer }

// queue holds what is scheduled: app timers, at any time, in a binary min-heap; and
// deadlines, which come a fixed delay after a non-decreasing clock, each kind in a FIFO
// lane already in time order, which costs no sifting. All storage is reused, so a long run
// allocates only while the queue grows to its peak.
type queue struct {
	heap  []event
	lanes [laneCount]lane
	next  uint64
	top   top
}

// top is where the earliest event sits, as soonest last found it, kept until an event
// leaves: the runner asks soonest before every script step, and what a step queues can only
// become the earliest event, which push sees.
type top struct {
	known    bool
	empty    bool
	deadline bool // the earliest event is a deadline, which a timer of its time goes before
	from     int  // -1: the heap's root; else a lane's first event
	at       time.Duration
}

// Lanes of deadlines.
const (
	laneUI = iota
	lanePush
	laneCount
)

type lane struct {
	buf  []event
	head int
}

func (l *lane) empty() bool { return l.head == len(l.buf) }

// drop removes the lane's first event. It stays in the buffer until overwritten: a
// deadline holds nothing but a callId, and clearing it would cost a GC write barrier.
func (l *lane) drop() {
	l.head++
	if l.head == len(l.buf) {
		l.buf, l.head = l.buf[:0], 0
	} else if l.head > 64 && l.head*2 > len(l.buf) {
		n := copy(l.buf, l.buf[l.head:])
		clear(l.buf[n:])
		l.buf, l.head = l.buf[:n], 0
	}
}

// take removes the event first found at from and returns it.
func (q *queue) take(from int) event {
	if from < 0 {
		q.top.known = false
		return q.popHeap()
	}
	l := &q.lanes[from]
	e := l.buf[l.head]
	q.drop(from)
	return e
}

// drop removes the first event of lane from.
func (q *queue) drop(from int) {
	q.top.known = false
	q.lanes[from].drop()
}

func (q *queue) len() int {
	n := len(q.heap)
	for i := range q.lanes {
		n += len(q.lanes[i].buf) - q.lanes[i].head
	}
	return n
}

// first is the earliest event and where it sits (-1 for the heap, or a lane), once
// soonest has found the queue not empty: the runner asks soonest first anyway, and then
// needs no second look, which keeps first small enough to inline.
func (q *queue) first() (*event, int) {
	if q.top.from < 0 {
		return &q.heap[0], -1
	}
	l := &q.lanes[q.top.from]
	return &l.buf[l.head], q.top.from
}

// soonest is the time of the earliest event; false when the queue is empty.
func (q *queue) soonest() (time.Duration, bool) {
	if !q.top.known {
		q.findTop()
	}
	return q.top.at, !q.top.empty
}

func (q *queue) findTop() {
	var best *event
	from := -1
	if len(q.heap) > 0 {
		best = &q.heap[0]
	}
	for i := range q.lanes {
		l := &q.lanes[i]
		if !l.empty() && (best == nil || l.buf[l.head].before(best)) {
			best, from = &l.buf[l.head], i
		}
	}
	q.top = top{known: true, empty: best == nil, from: from}
	if best != nil {
		q.top.at, q.top.deadline = best.at, best.isDeadline()
	}
}

// queued keeps top up to date with an event e just queued at from. It has the highest
// seq, so it is the earliest only if it is strictly earlier than the old one, or a timer
// of the same time as a deadline; and then it sits first in its lane or at the heap's root.
func (q *queue) queued(e *event, from int) {
	if !q.top.known {
		return
	}
	if q.top.empty || e.at < q.top.at || (e.at == q.top.at && q.top.deadline && !e.isDeadline()) {
		q.top = top{known: true, deadline: e.isDeadline(), from: from, at: e.at}
	}
}

// pushLane queues a deadline in its lane; one that would break the lane's order (a
// deadline moved by an outage) goes to the heap.
func (q *queue) pushLane(i int, e event) {
	l := &q.lanes[i]
	if !l.empty() && e.at < l.buf[len(l.buf)-1].at {
		q.push(e)
		return
	}
	e.seq = q.next
	q.next++
	l.buf = append(l.buf, e)
	q.queued(&e, i)
}

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
	q.queued(&e, -1)
}

func (q *queue) popHeap() event {
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
