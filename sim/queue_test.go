package sim

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestQueueOrder: whatever mix of heap and lane pushes, with pops in between, events come
// out by time, then timers before deadlines, then by insertion — as one heap would give them.
func TestQueueOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var q queue
		var now time.Duration
		pushed, popped := 0, []event{}
		var queuedWhenPopped []int // how many events had been pushed when popped[i] came out
		for _, op := range rapid.SliceOf(rapid.IntRange(0, 3)).Draw(t, "ops") {
			switch op {
			case 0: // a timer, any time from now
				q.push(event{at: now + time.Duration(rapid.IntRange(0, 5).Draw(t, "d")), ref: pushed, kind: evTimer})
				pushed++
			case 1, 2: // a deadline: a fixed delay from now, or earlier than the lane's last
				i := op - 1
				at := now + time.Duration(3*i+2)
				if rapid.Bool().Draw(t, "moved") {
					at = now
				}
				q.pushLane(i, event{at: at, ref: pushed, kind: [...]eventKind{evUIDeadline, evPushDeadline}[i]})
				pushed++
			case 3:
				if e, from := q.peek(); e != nil {
					ev := q.take(from)
					if ev.at < now {
						t.Fatalf("event at %v popped after %v", ev.at, now)
					}
					now = ev.at
					popped = append(popped, ev)
					queuedWhenPopped = append(queuedWhenPopped, pushed)
				}
			}
		}
		for e, from := q.peek(); e != nil; e, from = q.peek() {
			popped = append(popped, q.take(from))
			queuedWhenPopped = append(queuedWhenPopped, pushed)
		}
		if len(popped) != pushed || q.len() != 0 {
			t.Fatalf("pushed %d, popped %d, left %d", pushed, len(popped), q.len())
		}
		// An event may come out after one it goes before only if it was pushed later.
		for i := range popped {
			for j := i + 1; j < len(popped); j++ {
				if popped[j].ref < queuedWhenPopped[i] && popped[j].before(&popped[i]) {
					t.Fatalf("out of order: %+v before %+v", popped[i], popped[j])
				}
			}
		}
	})
}

// TestTimersBeforeDeadlinesOfTheirTime: a timer queued after a deadline of the same time
// comes out first, whether the queue had looked for its earliest event in between or not.
func TestTimersBeforeDeadlinesOfTheirTime(t *testing.T) {
	for _, looked := range []bool{false, true} {
		var q queue
		q.pushLane(lanePush, event{at: 10, kind: evPushDeadline, ref: 1})
		q.push(event{at: 10, kind: evPushDeadline, ref: 2}) // a deadline moved to the heap
		if looked {
			q.soonest()
		}
		q.push(event{at: 10, kind: evTimer, ref: 3})
		var order []int
		for e, from := q.peek(); e != nil; e, from = q.peek() {
			order = append(order, q.take(from).ref)
		}
		if want := []int{3, 1, 2}; !slices.Equal(order, want) {
			t.Errorf("looked=%v: order %v, want %v", looked, order, want)
		}
	}
}

// peek is the earliest event and where it sits, or nil when the queue is empty.
func (q *queue) peek() (*event, int) {
	if _, queued := q.soonest(); !queued {
		return nil, -1
	}
	return q.first()
}
