package main

import (
	"path/filepath"
	"testing"
)

// FuzzCheckCommand holds `voipsim check` to the oracle of TestCheckCommandOracle on any
// bytes: one trace on stdin, one in a file, with the flags of bits (JSON, documented,
// --allow-open, the file first, the first alone). Whatever the bytes, every line with a
// verdict gets exactly one, the summaries count what the rows say, the two formats agree,
// and the exit status is --help's. The seed corpus is in testdata/fuzz/FuzzCheckCommand.
func FuzzCheckCommand(f *testing.F) {
	f.Fuzz(func(t *testing.T, stdin, file []byte, bits byte) {
		files := []oracleFile{{name: "-", content: string(stdin)}, {name: filepath.Join(t.TempDir(), "b.jsonl"), content: string(file)}}
		if bits&8 != 0 {
			files[0], files[1] = files[1], files[0]
		}
		if bits&16 != 0 {
			files = files[:1]
		}
		flags := oracleFlags{format: "text", allowOpen: bits&4 != 0}
		if bits&1 != 0 {
			flags.format = "json"
		}
		if bits&2 != 0 {
			flags.profile = "documented"
		}
		writeOracleFiles(t, files)
		checkCommand(t, files, flags, flags.plainArgs(names(files)))
	})
}
