package trace

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzTraceLine holds the decoder to its promises on any input: no panic; the scanner
// accepts exactly what json.Valid accepts; every line that is not blank or a comment gets
// exactly one record, and every record and the summary are valid JSON; and every line means
// what the oracle, a reader on encoding/json, says it means.
func FuzzTraceLine(f *testing.F) {
	f.Fuzz(func(t *testing.T, input []byte) {
		for _, line := range bytes.Split(input, []byte("\n")) {
			var sc scanner
			if got, want := sc.valid(line), json.Valid(line); got != want {
				t.Fatalf("scanner says valid=%v, json.Valid says %v, for %q (%s)", got, want, line, sc.err)
			}
		}
		records := 0
		var out []byte
		sum, err := Check(bytes.NewReader(input), Options{}, func(r *Record) error {
			records++
			out = r.AppendJSON(out[:0])
			if !json.Valid(out) {
				t.Fatalf("record is not JSON: %s", out)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		lines, checked := countLines(input)
		if sum.Lines != lines || records != checked {
			t.Fatalf("%d lines, %d to check; Check read %d and gave %d records", lines, checked, sum.Lines, records)
		}
		if out = sum.AppendJSON(out[:0]); !json.Valid(out) {
			t.Fatalf("summary is not JSON: %s", out)
		}
		if d := disagreement(input); d != "" {
			t.Fatalf("%s\ntrace: %s", d, shortQuote(input))
		}
	})
}

// countLines counts the lines of input and those that are not blank or a comment, without
// the checker's code. A byte-order mark that starts the input is not part of it.
func countLines(input []byte) (lines, checked int) {
	input = bytes.TrimPrefix(input, []byte("\uFEFF"))
	if len(input) == 0 {
		return 0, 0
	}
	parts := bytes.Split(input, []byte("\n"))
	if len(parts[len(parts)-1]) == 0 {
		parts = parts[:len(parts)-1] // the newline ends the last line
	}
	for _, p := range parts {
		trimmed := bytes.TrimLeft(p, " \t\r")
		if len(trimmed) > 0 && trimmed[0] != '#' {
			checked++
		}
	}
	return len(parts), checked
}
