package sim

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestQueueOrder: whatever mix of heap and lane pushes, with pops in between, events come
// out by time, then by insertion — as one heap would give them.
func TestQueueOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var q queue
		var now time.Duration
		pushed, popped := 0, []event{}
		for _, op := range rapid.SliceOf(rapid.IntRange(0, 3)).Draw(t, "ops") {
			switch op {
			case 0: // a timer, any time from now
				q.push(event{at: now + time.Duration(rapid.IntRange(0, 5).Draw(t, "d")), ref: pushed})
				pushed++
			case 1, 2: // a deadline: a fixed delay from now, or earlier than the lane's last
				i := op - 1
				at := now + time.Duration(3*i+2)
				if rapid.Bool().Draw(t, "moved") {
					at = now
				}
				q.pushLane(i, event{at: at, ref: pushed})
				pushed++
			case 3:
				if e, from := q.peek(); e != nil {
					ev := q.take(from)
					if ev.at < now {
						t.Fatalf("event at %v popped after %v", ev.at, now)
					}
					now = ev.at
					popped = append(popped, ev)
				}
			}
		}
		for e, from := q.peek(); e != nil; e, from = q.peek() {
			popped = append(popped, q.take(from))
		}
		if len(popped) != pushed || q.len() != 0 {
			t.Fatalf("pushed %d, popped %d, left %d", pushed, len(popped), q.len())
		}
		for i := 1; i < len(popped); i++ {
			if popped[i].before(&popped[i-1]) {
				t.Fatalf("out of order: %+v before %+v", popped[i-1], popped[i])
			}
		}
	})
}

// peek is the earliest event and where it sits, or nil when the queue is empty.
func (q *queue) peek() (*event, int) {
	if _, queued := q.soonest(); !queued {
		return nil, -1
	}
	return q.first()
}
