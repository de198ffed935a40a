package readme_test

// This file is the external test package for one reason: the README names two tests
// TestRejectEndsTheCall (with simtest.NewKit and with simtest.Run), and each package can
// hold only one of them.

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/examples/readme/myapp"
	"github.com/voipsim/voipsim/sim/simtest"
)

// The README's section "Simulating the phone around your app", after the scenario scripts.

// README:begin simtest-run
func TestRejectEndsTheCall(t *testing.T) {
	res := simtest.Run(t, myapp.New(), `
0s push c1 voice from=Ann
2s user reject c1
`, simtest.Config{})
	assert.Equal(t, 1, res.Counts.Calls)
}

// README:end simtest-run
