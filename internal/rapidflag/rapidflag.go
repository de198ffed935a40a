// Package rapidflag sets pgregory.net/rapid's command-line flags for one test, for the
// tests of several packages: a property whose check is slow runs fewer checks by default,
// and a test that must find a known bug runs from a fixed seed. A flag the command line
// (-rapid.checks=N) or rapid's environment (RAPID_CHECKS=N) gave is left as it is, so
// that long runs still take it.
//
// The flags are the process's: a test that sets one must not run in parallel with another
// that runs rapid.
package rapidflag

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// given is the flags the command line set, as first seen: before any test set one.
var given = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
})

// Given reports whether the command line or the environment gave the rapid flag name
// ("rapid.checks" or RAPID_CHECKS).
func Given(name string) bool {
	env := strings.ToUpper(strings.ReplaceAll(name, ".", "_"))
	_, inEnv := os.LookupEnv(env)
	return given()[name] || inEnv
}

// Default sets the rapid flag name to value for the test, unless the command line or the
// environment gave it; the flag is as it was again when the test ends.
func Default(t testing.TB, name, value string) {
	t.Helper()
	if !Given(name) {
		Set(t, name, value)
	}
}

// Set sets the rapid flag name to value for the test, whatever gave it; the flag is as it
// was again when the test ends.
func Set(t testing.TB, name, value string) {
	t.Helper()
	given() // seen before the first change
	f := flag.Lookup(name)
	if f == nil {
		t.Fatalf("rapidflag: no flag %s: is pgregory.net/rapid imported?", name)
	}
	old := f.Value.String()
	if err := flag.Set(name, value); err != nil {
		t.Fatalf("rapidflag: %v", err)
	}
	t.Cleanup(func() {
		if err := flag.Set(name, old); err != nil {
			t.Errorf("rapidflag: %v", err)
		}
	})
}

// Checks makes rapid.Check run n checks in the test, unless -rapid.checks or
// RAPID_CHECKS gave a number: for a property whose every check is slow.
func Checks(t testing.TB, n int) {
	t.Helper()
	Default(t, "rapid.checks", strconv.Itoa(n))
}
