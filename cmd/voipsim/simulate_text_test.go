package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A campaign of long scenarios runs fewer than one a second: its rate must not read 0.
func TestRateOfASlowCampaign(t *testing.T) {
	assert.Equal(t, "300", rate(150, 0.5))
	assert.Equal(t, "10", rate(10, 1))
	assert.Equal(t, "9.50", rate(19, 2))
	assert.Equal(t, "0.14", rate(5, 36.8))
}
