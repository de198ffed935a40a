package explore_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/internal/rapidflag"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// TestReferenceAppProperty: the reference app passes every scenario rapid generates.
func TestReferenceAppProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := explore.ScenarioGen().Draw(t, "scenario")
		if res := sim.Run(reference.New(), sc, sim.Config{}); res.Failed() {
			t.Fatalf("the reference app fails:\n%s", res)
		}
	})
}

// recorder is a rapid.TB that keeps what rapid reports instead of failing the test.
type recorder struct {
	failed bool
	log    strings.Builder
}

func (r *recorder) Helper()                      {}
func (r *recorder) Name() string                 { return "TestRapidShrinksABuggyApp" }
func (r *recorder) Logf(f string, args ...any)   { fmt.Fprintf(&r.log, f+"\n", args...) }
func (r *recorder) Log(args ...any)              { fmt.Fprintln(&r.log, args...) }
func (r *recorder) Skipf(string, ...any)         {}
func (r *recorder) Skip(...any)                  {}
func (r *recorder) SkipNow()                     {}
func (r *recorder) Errorf(f string, args ...any) { r.failed = true; r.Logf(f, args...) }
func (r *recorder) Error(args ...any)            { r.failed = true; r.Log(args...) }
func (r *recorder) Fatalf(f string, args ...any) { r.Errorf(f, args...) }
func (r *recorder) Fatal(args ...any)            { r.Error(args...) }
func (r *recorder) FailNow()                     { r.failed = true }
func (r *recorder) Fail()                        { r.failed = true }
func (r *recorder) Failed() bool                 { return r.failed }

// TestRapidShrinksABuggyApp: rapid finds the duplicate ACTIVE and shrinks it by shrinking
// its draws, to the two steps that show it.
//
// About one scenario in twenty shows the bug, so 100 checks from a random seed missed it
// about once in 150 runs. The test starts from a fixed seed (unless -rapid.seed gives one)
// and may make up to 1,000 checks: rapid stops at the first failure, which comes within
// a few dozen, so the bound only keeps a change of the generator from making the test
// flaky again, and an app that no longer fails that way still fails the test.
func TestRapidShrinksABuggyApp(t *testing.T) {
	rapidflag.Set(t, "rapid.nofailfile", "true")
	rapidflag.Default(t, "rapid.seed", "20261128")
	rapidflag.Set(t, "rapid.checks", "1000")
	var rec recorder
	var last string
	rapid.Check(&rec, func(t *rapid.T) {
		sc := explore.ScenarioGen().Draw(t, "scenario")
		res := sim.Run(buggy.New(buggy.ReportsActiveTwice), sc, sim.Config{AllowOpen: true})
		for _, f := range res.Failures {
			if f.Kind == sim.FailVerdict {
				last = sc.String()
				t.Fatalf("%s", f.Key())
			}
		}
	})
	require.True(t, rec.failed, "rapid found nothing:\n%s", rec.log.String())
	assert.Contains(t, rec.log.String(), "verdict reportCallStateChange 1007200001/duplicate-report")
	// The last failing run rapid made is its minimal one: a call made ACTIVE once, either
	// way (rapid's search is random, so either may come first).
	assert.Contains(t, []string{
		"0s dial d1 voice\n0s peer answer d1\n20s peer hangup d1\n",
		"0s push c1 voice\n0s user answer c1 voice\n20s peer hangup c1\n",
	}, last)
}
