package explore_test

import (
	"testing"

	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// FuzzReferenceApp: the reference app passes every scenario the fuzzer's bytes decode to.
//
//	go test -run '^$' -fuzz FuzzReferenceApp -fuzztime 30s ./sim/explore
func FuzzReferenceApp(f *testing.F) {
	explore.Fuzz(f, func() sim.App { return reference.New() }, sim.Config{})
}
