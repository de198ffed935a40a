package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A lane reuses its storage: deadlines that come and go, with any backlog, keep its buffer
// near the backlog's size rather than growing with the run (queue's promise that a long run
// allocates only while the queue grows to its peak). len counts the lanes' events too.
func TestLaneStorageStaysNearItsBacklog(t *testing.T) {
	for _, backlog := range []int{0, 1, 100} {
		var q queue
		for range backlog {
			q.pushLane(laneUI, event{kind: evUIDeadline})
		}
		lens := map[int]int{} // q.len() after each push, counted
		for i := range 10_000 {
			q.pushLane(laneUI, event{at: time.Duration(i), kind: evUIDeadline})
			lens[q.len()]++
			_, from := q.peek()
			q.take(from)
		}
		assert.Equal(t, map[int]int{backlog + 1: 10_000}, lens, "backlog %d", backlog)
		assert.Equal(t, backlog, q.len(), "backlog %d", backlog)
		assert.LessOrEqual(t, cap(q.lanes[laneUI].buf), 4*(backlog+64), "backlog %d", backlog)
	}
}
