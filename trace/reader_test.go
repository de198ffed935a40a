package trace_test

import (
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/trace"
)

const byteOrderMark = "\xEF\xBB\xBF"

// SPEC.md 8: a blank line or a `#` line is a comment, which gets no verdict however long.
func TestOverlongCommentsAndBlankLinesGetNoVerdict(t *testing.T) {
	over := trace.MaxLineBytes + 1
	input := "# " + strings.Repeat("x", 2*over) + "\n" +
		" \t  # " + strings.Repeat("y", over) + "\r\n" +
		strings.Repeat(" ", 2*over) + "\n" +
		strings.Repeat(" \t", over) + "\r\n" +
		strings.Repeat(" ", over+7) + "# a comment that starts past the limit\n" +
		`{"op":"carrierCallStart"}` + "\n" +
		"# " + strings.Repeat("z", over) // the last line, without a newline
	lines, sum := checkJSON(t, input, trace.Options{})
	assert.Equal(t, []string{
		`{"line":6,"op":"carrierCallStart","ok":true}`,
		`{"summary":{"lines":7,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}`,
	}, lines)
	assert.Equal(t, trace.ExitOK, sum.ExitCode())
}

func TestOverlongLineAfterBlanksIsMalformed(t *testing.T) {
	input := strings.Repeat(" ", trace.MaxLineBytes) + `{"op":"carrierCallStart"}` + "\n" +
		strings.Repeat(" ", 2*trace.MaxLineBytes) + "x\n" +
		`{"op":"carrierCallEnd"}` + "\n"
	lines, _ := checkJSON(t, input, trace.Options{})
	assert.Equal(t, []string{
		`{"line":1,"ok":false,"malformed":"line is longer than 1 MiB"}`,
		`{"line":2,"ok":false,"malformed":"line is longer than 1 MiB"}`,
		`{"line":3,"op":"carrierCallEnd","ok":true}`,
		`{"summary":{"lines":3,"apiCalls":0,"failed":0,"unexpected":0,"malformed":2,"violations":[]}}`,
	}, lines)
}

// A comment far longer than the limit is skipped as it streams by: checking it costs no
// more memory than checking a short one.
func TestOverlongCommentIsNotBuffered(t *testing.T) {
	short := allocatedChecking(t, strings.NewReader("# short\n"))
	long := allocatedChecking(t, io.MultiReader(strings.NewReader("#"), &repeatReader{b: 'x', n: 16 * trace.MaxLineBytes}))
	assert.Less(t, long, short+256<<10, "bytes allocated: %d for a short comment, %d for a 16 MiB one", short, long)
}

// A line far longer than the limit is kept only up to the limit: checking it costs the
// limit's memory, not the line's, so that memory stays flat whatever the input.
func TestOverlongLineIsBufferedOnlyUpToTheLimit(t *testing.T) {
	short := allocatedChecking(t, strings.NewReader(`{"op":"carrierCallStart"}`+"\n"))
	long := allocatedChecking(t, io.MultiReader(strings.NewReader(`{"op":"`), &repeatReader{b: 'x', n: 16 * trace.MaxLineBytes}))
	assert.Less(t, long, short+8*trace.MaxLineBytes, "bytes allocated: %d for a short line, %d for a 16 MiB one", short, long)
}

func allocatedChecking(t *testing.T, r io.Reader) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sum, err := trace.Check(r, trace.Options{}, func(*trace.Record) error { return nil })
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Lines)
	return after.TotalAlloc - before.TotalAlloc
}

// repeatReader reads n copies of b without holding them.
type repeatReader struct {
	b byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.n)
	for i := range n {
		p[i] = r.b
	}
	r.n -= n
	return n, nil
}

// RFC 8259 section 8.1 lets a parser ignore a byte-order mark at the start of the text.
func TestByteOrderMarkAtTheStartIsSkipped(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"before a line", byteOrderMark + `{"op":"push","callId":"c1","t":"soon"}` + "\n",
			[]string{`{"line":1,"ok":false,"malformed":"t must be a number of milliseconds"}`,
				`{"summary":{"lines":1,"apiCalls":0,"failed":0,"unexpected":0,"malformed":1,"violations":[]}}`}},
		{"before a comment", byteOrderMark + "# note\n" + `{"op":"carrierCallStart"}` + "\n",
			[]string{`{"line":2,"op":"carrierCallStart","ok":true}`,
				`{"summary":{"lines":2,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}`}},
		{"columns count from after it", byteOrderMark + `{"op":"on",}` + "\n",
			[]string{`{"line":1,"ok":false,"malformed":"not JSON: expected a key at column 12, found '}'"}`,
				`{"summary":{"lines":1,"apiCalls":0,"failed":0,"unexpected":0,"malformed":1,"violations":[]}}`}},
		{"before a long comment", byteOrderMark + "# " + strings.Repeat("x", trace.MaxLineBytes) + "\n",
			[]string{`{"summary":{"lines":1,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}`}},
		{"alone", byteOrderMark,
			[]string{`{"summary":{"lines":0,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := checkJSON(t, tt.input, trace.Options{})
			assert.Equal(t, tt.want, lines)
		})
	}
}

// PowerShell's redirection writes UTF-16 with a byte-order mark: the first line says so,
// rather than only "invalid UTF-8 at column 1".
func TestUTF16TraceIsNamed(t *testing.T) {
	for _, tt := range []struct{ name, bom, order string }{
		{"little-endian", "\xFF\xFE", "FF FE"},
		{"big-endian", "\xFE\xFF", "FE FF"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := checkJSON(t, tt.bom+"{\x00\n", trace.Options{})
			require.NotEmpty(t, lines)
			assert.Equal(t, `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 1: the file starts with the UTF-16 byte-order mark `+tt.order+`; a trace must be UTF-8"}`, lines[0])
		})
	}
}

// The UTF-16 hint is for a first line that starts with the whole mark, and for no other.
func TestUTF16HintOnlyForTheMarkOnTheFirstLine(t *testing.T) {
	lines, _ := checkJSON(t, "\xFF\xFE\n", trace.Options{})
	assert.Equal(t, `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 1: the file starts with the UTF-16 byte-order mark FF FE; a trace must be UTF-8"}`, lines[0],
		"a first line of the mark alone")
	for _, tt := range []struct{ name, input, want string }{
		{"half a mark", "\xFF\x00\n", `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 1"}`},
		{"the other half", "\x00\xFE\n", `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 2"}`},
		{"half the other mark", "\xFE\x00\n", `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 1"}`},
		{"one byte", "\xFF\n", `{"line":1,"ok":false,"malformed":"invalid UTF-8 at column 1"}`},
		{"the mark on a later line", "{\"op\":\"carrierCallStart\"}\n\xFF\xFE{\n", `{"line":2,"ok":false,"malformed":"invalid UTF-8 at column 1"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := checkJSON(t, tt.input, trace.Options{})
			assert.Equal(t, tt.want, lines[len(lines)-2])
		})
	}
}
