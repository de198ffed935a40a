package validator

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// pushRecord is a push neither reported nor declined yet.
type pushRecord struct {
	id  string
	seq int
	at  time.Duration
}

// pushTry is the app's last try at an open push that the service refused: a refused
// report does not count (SPEC.md section 6), but it explains why the push is still owed.
// Tries sit apart from the records, which every report looks up: they are rare.
type pushTry struct {
	id    string
	push  int // the step of the push
	op    Op
	seq   int
	cause callstate.Cause
}

// pushBookFew is how many open pushes the book keeps in its slice before it moves them
// to a map.
const pushBookFew = 16

// pushBook holds the open pushes by callId. A phone has few at a time, found faster in
// a short slice than by hashing; a sequence that leaves many open (a trace that never
// reports its pushes) moves them to a map for good, so that it stays linear.
type pushBook struct {
	few   []pushRecord
	many  map[string]pushRecord
	tries []pushTry // of open pushes, and of settled ones until the next clean-up
}

func (b *pushBook) find(id string) (pushRecord, bool) {
	if b.many != nil {
		p, ok := b.many[id]
		return p, ok
	}
	for i := range b.few {
		if b.few[i].id == id {
			return b.few[i], true
		}
	}
	return pushRecord{}, false
}

// made finds the open push of id that step seq made: in the short slice by step
// number, which costs no string compare until it finds one.
func (b *pushBook) made(id string, seq int) (pushRecord, bool) {
	if b.many != nil {
		p, ok := b.many[id]
		return p, ok && p.seq == seq
	}
	for i := range b.few {
		if b.few[i].seq == seq {
			return b.few[i], b.few[i].id == id
		}
	}
	return pushRecord{}, false
}

// open records a push, unless one for the same callId is open already.
func (b *pushBook) open(p pushRecord) {
	if _, ok := b.find(p.id); ok {
		return
	}
	if b.many == nil && len(b.few) < pushBookFew {
		b.few = append(b.few, p)
		return
	}
	if b.many == nil {
		b.many = make(map[string]pushRecord, 2*pushBookFew)
		for _, q := range b.few {
			b.many[q.id] = q
		}
		b.few = nil
	}
	b.many[p.id] = p
}

// tried records a refused report or decline of the open push of id, if there is one.
func (b *pushBook) tried(id string, op Op, seq int, cause callstate.Cause) {
	p, ok := b.find(id)
	if !ok {
		return
	}
	t := pushTry{id: id, push: p.seq, op: op, seq: seq, cause: cause}
	for i := range b.tries {
		if b.tries[i].push == p.seq {
			b.tries[i] = t
			return
		}
	}
	if b.tries == nil {
		b.tries = make([]pushTry, 0, 4) // room for a few at once, not a doubling per try
	}
	if len(b.tries) >= 2*b.count()+pushBookFew {
		b.forgetSettledTries()
	}
	b.tries = append(b.tries, t)
}

// forgetSettledTries drops the tries of pushes no longer open, so that the list stays
// as short as the book.
func (b *pushBook) forgetSettledTries() {
	kept := b.tries[:0]
	for _, t := range b.tries {
		if _, open := b.made(t.id, t.push); open {
			kept = append(kept, t)
		}
	}
	b.tries = kept
}

// lastTry is the refused try at push p, if any.
func (b *pushBook) lastTry(p pushRecord) (pushTry, bool) {
	for _, t := range b.tries {
		if t.push == p.seq {
			return t, true
		}
	}
	return pushTry{}, false
}

// count is how many pushes are open.
func (b *pushBook) count() int { return len(b.few) + len(b.many) }

// any tells whether any push is open.
func (b *pushBook) any() bool { return len(b.few) > 0 || b.many != nil }

// settle closes the push of id, if one is open, and returns the step that made it (0 if
// none is open).
func (b *pushBook) settle(id string) int {
	if b.many != nil {
		seq := b.many[id].seq
		delete(b.many, id)
		return seq
	}
	for i := range b.few {
		if b.few[i].id == id {
			seq := b.few[i].seq
			// Order does not matter: obligations are sorted when listed.
			last := len(b.few) - 1
			b.few[i] = b.few[last]
			b.few[last] = pushRecord{}
			b.few = b.few[:last]
			return seq
		}
	}
	return 0
}

// each calls fn for every open push, in no particular order.
func (b *pushBook) each(fn func(pushRecord)) {
	for _, p := range b.few {
		fn(p)
	}
	for _, p := range b.many {
		fn(p)
	}
}
