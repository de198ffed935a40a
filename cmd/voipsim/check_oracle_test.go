package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
	"pgregory.net/rapid"
)

// TestCheckCommandOracle holds `voipsim check` as a whole command to README.md and
// --help: 1 to 4 traces of every kind of line (runs of the example apps, comments, blank
// and CRLF lines, expect that holds or not, odd arguments, malformed lines, no newline at
// the end, empty, only comments, missing, one on stdin), checked with random flags. Every
// line with a verdict gets exactly one, under its physical line number, in order, under
// its file; each file's part of the output is the same as when it is checked alone; the
// summary counts what the rows say; text and JSON say the same; the exit status is
// --help's, over all files; --allow-open drops exactly the leaked calls, and the
// documented profile drops only the rules README says it drops.
func TestCheckCommandOracle(t *testing.T) {
	base := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		dir, err := os.MkdirTemp(base, "")
		require.NoError(t, err)
		files := filesGen(dir).Draw(t, "files")
		flags := flagsGen().Draw(t, "flags")
		plain := make([]oracleFile, len(files))
		for i := range files {
			plain[i] = files[i].oracleFile
		}
		writeOracleFiles(t, plain)
		want := checkCommand(t, plain, flags, flags.args(t, names(plain)))
		for i := range files {
			assertMadeOf(t, files[i], &want[i])
		}
	})
}

// oracleFlags are the flags of one check.
type oracleFlags struct {
	format    string // "text" or "json"
	profile   string // "" (the default, strict), "strict" or "documented"
	allowOpen bool
}

func flagsGen() *rapid.Generator[oracleFlags] {
	return rapid.Custom(func(t *rapid.T) oracleFlags {
		return oracleFlags{
			format:    rapid.SampledFrom([]string{"text", "json"}).Draw(t, "format"),
			profile:   rapid.SampledFrom([]string{"", "strict", "documented"}).Draw(t, "profile"),
			allowOpen: rapid.Bool().Draw(t, "allow-open"),
		}
	})
}

func (f oracleFlags) options() trace.Options {
	opts := trace.Options{AllowOpen: f.allowOpen}
	if f.profile == "documented" {
		opts.Profile = validator.Documented
	}
	return opts
}

// groups are the flags as command-line words, one group per flag.
func (f oracleFlags) groups() [][]string {
	g := [][]string{{"--format", f.format}}
	if f.profile != "" {
		g = append(g, []string{"--profile=" + f.profile})
	}
	if f.allowOpen {
		g = append(g, []string{"--allow-open"})
	}
	return g
}

// plainArgs is the command line with the flags before the files.
func (f oracleFlags) plainArgs(names []string) []string {
	return append(slices.Concat(append([][]string{{"check"}}, f.groups()...)...), names...)
}

// args is the command line with each flag among the files, anywhere.
func (f oracleFlags) args(t *rapid.T, names []string) []string {
	words := [][]string{{"check"}}
	for _, name := range names {
		words = append(words, []string{name})
	}
	for _, g := range f.groups() {
		words = slices.Insert(words, rapid.IntRange(1, len(words)).Draw(t, "flag at"), g)
	}
	return slices.Concat(words...)
}

func (f oracleFlags) otherFormat() oracleFlags {
	f.format = map[string]string{"text": "json", "json": "text"}[f.format]
	return f
}

func names(files []oracleFile) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.name
	}
	return out
}

// oracleRun is one run of the command and what its output says.
type oracleRun struct {
	flags          oracleFlags
	args           []string
	stdout, stderr string
	status         int
	want           []wantFile
	shown          []shownFile // one per file with a part in the output
}

// checkCommand runs check on files with flags (as args, in the drawn format, then in the
// other), each file alone, with --allow-open and --profile turned the other way, and
// with CRLF line endings; and holds each run to the oracle. It returns what the oracle
// expects of each file.
func checkCommand(t require.TestingT, files []oracleFile, flags oracleFlags, args []string) []wantFile {
	first := runAndAssert(t, files, flags, args)
	second := runAndAssert(t, files, flags.otherFormat(), flags.otherFormat().plainArgs(names(files)))
	text, js := first, second
	if flags.format == "json" {
		text, js = second, first
	}
	assertSameSay(t, text, js)
	for i := range files {
		if len(files) > 1 { // else the check was of it alone
			assertAlone(t, files[i], flags, partOf(first, i))
		}
	}
	if flags.format != "json" {
		flags = flags.otherFormat()
	}
	open := flags
	open.allowOpen = !open.allowOpen
	assertAllowOpen(t, js, runAndAssert(t, files, open, open.plainArgs(names(files))))
	other := flags
	other.profile = map[bool]string{true: "strict", false: "documented"}[flags.profile == "documented"]
	assertProfiles(t, js, runAndAssert(t, files, other, other.plainArgs(names(files))))
	assertCRLFChangesNothing(t, files, first) // last: it rewrites the files
	return first.want
}

// runAndAssert runs the command and holds its output, stderr and exit status to the
// oracle's expectations of files under flags.
func runAndAssert(t require.TestingT, files []oracleFile, flags oracleFlags, args []string) oracleRun {
	r := oracleRun{flags: flags, args: args, want: make([]wantFile, len(files))}
	var wantErr strings.Builder
	for i := range files {
		r.want[i] = expectFile(t, files[i], flags.options())
		wantErr.WriteString(r.want[i].stderr())
	}
	r.stdout, r.stderr, r.status = runOracleCmd(files, args)
	out := r.stdout
	require.Equal(t, wantErr.String(), r.stderr, "stderr of %q", args)
	require.Equal(t, worst(r.want), r.status, "exit status of %q\n%s", args, out)
	several := len(files) > 1
	if flags.format == "json" {
		r.shown = parseJSONOutput(t, out, several)
	} else {
		r.shown = parseTextOutput(t, out, several)
	}
	wantParts := 0
	for i := range r.want {
		if part := partOf(r, i); part != nil {
			assertPart(t, flags.format, part, &r.want[i], several)
			wantParts++
		}
	}
	require.Len(t, r.shown, wantParts, "one part per file that has one, in order:\n%s", out)
	return r
}

func runOracleCmd(files []oracleFile, args []string) (stdout, stderr string, status int) {
	var out, errOut bytes.Buffer
	status = run(args, &env{stdin: strings.NewReader(stdinOf(files)), stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), status
}

// partOf is what the output of a run says of its i-th file: nil for a file that could not
// be read, unless JSON with several files (then an error object takes its summary's place).
func partOf(r oracleRun, i int) *shownFile {
	k := 0
	for j := range i + 1 {
		if hasPart(r, j) {
			k++
		}
	}
	if !hasPart(r, i) || k > len(r.shown) {
		return nil
	}
	return &r.shown[k-1]
}

func hasPart(r oracleRun, i int) bool {
	return !r.want[i].missing || (r.flags.format == "json" && len(r.want) > 1)
}
