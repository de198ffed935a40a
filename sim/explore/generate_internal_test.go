package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each crash moves the pool of callIds on by Calls: c1…cN, then c(N+1)…c(2N), and so on,
// past the ids made once, so that no id in use before a crash comes back after it.
func TestPoolIDsMoveOnWithEachCrash(t *testing.T) {
	g := generator{mix: &Mix{Calls: 8}}
	var got []string
	for _, epoch := range []int{0, 7, 8, 9} {
		g.epoch = epoch
		got = append(got, g.poolID('c', 0), g.poolID('d', 7))
	}
	assert.Equal(t, []string{"c1", "d8", "c57", "d64", "c65", "d72", "c73", "d80"}, got)
}
