package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A fuzzer's bytes make choices as bytesSource promises: one byte for a choice of up to
// 256 values, two big-endian for more, by modulo, and zeros once the bytes run out.
func TestBytesSourceChoices(t *testing.T) {
	b := &bytesSource{data: []byte{13, 255, 2, 3, 1, 7}}
	got := []int{b.intn(10), b.intn(256), b.intn(300), b.intn(257), b.intn(10), b.intn(300)}
	assert.Equal(t, []int{3, 255, (2<<8 | 3) % 300, (1<<8 | 7) % 257, 0, 0}, got)
}

// Replayed choices come out in order, by modulo, and zeros once they run out.
func TestReplayChoices(t *testing.T) {
	r := replay{7, 12}
	assert.Equal(t, []int{7, 2, 0}, []int{r.intn(10), r.intn(10), r.intn(10)})
}
