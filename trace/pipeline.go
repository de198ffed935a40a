package trace

// The two stages of a check, reading and decoding on one side, validating and emitting on
// the other, hand lines over in batches: a channel operation per line would cost more than
// the work it overlaps.

const (
	batchLines = 256
	batchCount = 4 // in flight at once; with the entries, memory stays flat
)

type batch struct {
	entries [batchLines]entry
	n       int
	lines   int   // lines read when the batch was sent, comments included
	last    bool  // the reader is done: end of input, or err
	err     error // why reading stopped early
}

// run checks every line lr reads, in order.
func (c *checker) run(lr *lineReader, emit func(*Record) error) error {
	free := make(chan *batch, batchCount)
	full := make(chan *batch, batchCount)
	stop := make(chan struct{})
	for range batchCount {
		free <- new(batch)
	}
	go lr.fill(free, full, stop)

	for b := range full {
		for i := range b.n {
			if err := emit(c.check(&b.entries[i])); err != nil {
				c.sum.Lines = b.entries[i].line
				close(stop)
				for range full { // wait until the reader lets go of r
				}
				return err
			}
		}
		c.sum.Lines = b.lines
		if b.last {
			return b.err
		}
		free <- b
	}
	return nil
}

// fill is the reading stage: it fills free batches and sends them, until the input ends or
// stop is closed.
func (lr *lineReader) fill(free <-chan *batch, full chan<- *batch, stop <-chan struct{}) {
	defer close(full)
	for {
		var b *batch
		select {
		case b = <-free:
		case <-stop:
			return
		}
		b.n, b.last, b.err = 0, false, nil
		for b.n < batchLines && !b.last {
			ok, err := lr.next(&b.entries[b.n])
			if ok {
				b.n++
			} else {
				b.last, b.err = true, err
			}
		}
		b.lines = lr.lines
		full <- b // never blocks: full has room for every batch
		if b.last {
			return
		}
	}
}
