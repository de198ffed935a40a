package plural

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCount(t *testing.T) {
	assert.Equal(t, "0 calls", Count(0, "call"))
	assert.Equal(t, "1 call", Count(1, "call"))
	assert.Equal(t, "2 unexpected verdicts", Count(2, "unexpected verdict"))
	assert.Equal(t, "-1 panics", Count(-1, "panic"))
}
