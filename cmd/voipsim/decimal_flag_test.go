package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSimulateReadsNumbersInDecimal: a zero-padded number means what it says, as a seed
// copied from a CI matrix or a spreadsheet must replay that seed: --seed 0042 is seed 42,
// not octal 34, and --seeds 010 is ten seeds.
func TestSimulateReadsNumbersInDecimal(t *testing.T) {
	out, errOut, status := runCmd(t, "", "simulate", "--seed", "0042", "--steps", "3")
	assert.Equal(t, 0, status, errOut)
	assert.Regexp(t, `^scenario seed-42\n`, out)
	out, errOut, status = runCmd(t, "", "simulate", "--seeds", "010", "--steps", "3")
	assert.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "seeds 1..10, 3 draws per scenario\n")
}

// TestSimulateRefusesNumbersNotInDecimal: a number in another base or notation, or out of
// range, is refused with what the flag expects, not with strconv's internals.
func TestSimulateRefusesNumbersNotInDecimal(t *testing.T) {
	const whole = `: expected a whole number, in decimal`
	const natural = `: expected a whole number from 0, in decimal`
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--seed", "0x10"}, `invalid argument "0x10" for "--seed" flag` + natural},
		{[]string{"--seed", "-3"}, `invalid argument "-3" for "--seed" flag` + natural},
		{[]string{"--seed", "09x"}, `invalid argument "09x" for "--seed" flag` + natural},
		{[]string{"--seed", "18446744073709551616"}, `invalid argument "18446744073709551616" for "--seed" flag: out of range`},
		{[]string{"--seeds", "1e3"}, `invalid argument "1e3" for "--seeds" flag` + whole},
		{[]string{"--seeds", "1_000"}, `invalid argument "1_000" for "--seeds" flag` + whole},
		{[]string{"--steps", "0b11"}, `invalid argument "0b11" for "--steps" flag` + whole},
		{[]string{"--workers", "0o2"}, `invalid argument "0o2" for "--workers" flag` + whole},
		{[]string{"--workers", "99999999999999999999"}, `invalid argument "99999999999999999999" for "--workers" flag: out of range`},
	} {
		assertSimulateRefuses(t, "", tc.want, tc.args...)
	}
}
