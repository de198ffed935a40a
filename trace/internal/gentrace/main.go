// Command gentrace writes a long realistic trace to stdout, for measuring `voipsim check`:
//
//	go run ./trace/internal/gentrace -lines 1000000 -seed 1 > /tmp/trace-1m.jsonl
//
// With -comments=false the trace is plain JSON Lines, which jq can read too.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/voipsim/voipsim/trace/internal/tracegen"
)

func main() {
	lines := flag.Int("lines", 1000000, "number of lines to write")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	comments := flag.Bool("comments", true, "include # comment lines")
	flag.Parse()
	if err := tracegen.Generate(os.Stdout, tracegen.Config{Lines: *lines, Seed: *seed, Comments: *comments}); err != nil {
		fmt.Fprintln(os.Stderr, "gentrace:", err)
		os.Exit(1)
	}
}
