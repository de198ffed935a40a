package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The cases TestCheckCommandOracle found, each as small as it shrank to.

// A trace with no API call that fails (here: an environment step whose expect wants a
// failure) is not one that "passes with nothing to fail": stderr must not add that it
// held nothing to check, as it does not for a malformed line or a violation.
func TestCheckNotesNothingCheckedOnlyWhenTheTracePasses(t *testing.T) {
	tests := []struct {
		name, stdin, stdout, stderr string
		status                      int
	}{
		{
			name:   "environment step not as expected",
			stdin:  `{"op":"carrierCallStart","expect":"1007200003"}` + "\n",
			stdout: `{"line":1,"op":"carrierCallStart","ok":true,"expected":false}` + "\n" + `{"summary":{"lines":1,"apiCalls":0,"failed":0,"unexpected":1,"malformed":0,"violations":[]}}` + "\n",
			status: 1,
		},
		{
			name:   "environment step as expected",
			stdin:  `{"op":"carrierCallStart","expect":"ok"}` + "\n",
			stdout: `{"line":1,"op":"carrierCallStart","ok":true,"expected":true}` + "\n" + `{"summary":{"lines":1,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}` + "\n",
			stderr: "voipsim check: stdin holds no API call to check (1 line read)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runCmd(t, tt.stdin, "check", "--format", "json", "-")
			assert.Equal(t, tt.stdout, out)
			assert.Equal(t, tt.stderr, errOut)
			assert.Equal(t, tt.status, status)
		})
	}
}
