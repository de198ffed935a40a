package main

import (
	"errors"
	"strconv"
)

// Numeric flags read decimal only. pflag's IntVar and Uint64Var take Go's base prefixes,
// so --seed 0042 ran seed 34 (octal) and --seeds 0x10 sixteen seeds: a zero-padded seed
// from a CI matrix or a spreadsheet replayed another scenario, and said nothing.

// decimalInt is an int flag written in decimal.
type decimalInt struct{ p *int }

func (d decimalInt) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil {
		return notDecimal(err, "a whole number")
	}
	*d.p = int(n)
	return nil
}

func (d decimalInt) String() string { return strconv.Itoa(*d.p) }

func (d decimalInt) Type() string { return "int" }

// decimalUint64 is a uint64 flag written in decimal.
type decimalUint64 struct{ p *uint64 }

func (d decimalUint64) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return notDecimal(err, "a whole number from 0")
	}
	*d.p = n
	return nil
}

func (d decimalUint64) String() string { return strconv.FormatUint(*d.p, 10) }

func (d decimalUint64) Type() string { return "uint64" }

// notDecimal says what the flag expects, where strconv's error would name its own
// internals ("strconv.ParseUint: parsing …").
func notDecimal(err error, want string) error {
	if errors.Is(err, strconv.ErrRange) {
		return errors.New("out of range")
	}
	return errors.New("expected " + want + ", in decimal")
}
