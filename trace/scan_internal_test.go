package trace

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The scanner accepts exactly what json.Valid accepts, and says why it refuses a line with
// the column and what it found there: the cases below reach every rule of the grammar, at
// the end of the line and before it.
func TestScannerAcceptsWhatJSONValidAccepts(t *testing.T) {
	tests := []struct{ line, err string }{
		{`{ "a" : 1 , "b" : [ 1 , 2 , { } , [ ] ] , "c" : { "d" : null } }`, ""},
		{`[-0.5e+10,1E-2,0,-0,12,1e5,1.5,true,false,null,"a b"]`, ""},
		{`0`, ""}, {`12`, ""}, {`1.5`, ""}, {`1e5`, ""}, {`1e-5`, ""}, {`1E+5`, ""},
		{`true`, ""}, {`false`, ""}, {`null`, ""},
		{"\"\x7f\"", ""}, // DEL is no control character to JSON

		{`{"a":1 "b":2}`, `not JSON: expected ',' or '}' at column 8, found '"'`},
		{`{"a" 1}`, `not JSON: expected ':' at column 6, found '1'`},
		{`{"a"`, `not JSON: unexpected end of line (expected ':')`},
		{`{`, `not JSON: unexpected end of line (expected a key or '}')`},
		{`{"a":1`, `not JSON: unexpected end of line (expected a key or '}')`},
		{`{"a":1,`, `not JSON: unexpected end of line (expected a key)`},
		{`{"a":1,}`, `not JSON: expected a key at column 8, found '}'`},
		{`{1:2}`, `not JSON: expected a key at column 2, found '1'`},
		{`[1 2]`, `not JSON: expected ',' or ']' at column 4, found '2'`},
		{`[1,`, `not JSON: unexpected end of line (expected a value)`},
		{`[1`, `not JSON: unexpected end of line (expected ',' or ']')`},
		{`[1,]`, `not JSON: expected a value at column 4, found ']'`},
		{`]`, `not JSON: expected a value at column 1, found ']'`},
		{`[`, `not JSON: unexpected end of line (expected a value)`},

		{`-`, `not JSON: unexpected end of line (digit expected)`},
		{`- 1`, `not JSON: digit expected at column 2, found ' '`},
		{`-a`, `not JSON: digit expected at column 2, found 'a'`},
		{`01`, `not JSON: text after the end of the value at column 2, found '1'`},
		{`1.`, `not JSON: unexpected end of line (digit expected)`},
		{`1.e5`, `not JSON: digit expected at column 3, found 'e'`},
		{`1e`, `not JSON: unexpected end of line (digit expected)`},
		{`1e+`, `not JSON: unexpected end of line (digit expected)`},

		{`tru`, `not JSON: invalid literal at column 1, found 't'`},
		{`fals`, `not JSON: invalid literal at column 1, found 'f'`},
		{`True`, `not JSON: expected a value at column 1, found 'T'`},

		{"\"a\x01b\"", `not JSON: control character in a string at column 3, found byte 0x01`},
		{"\"a\x1f\"", `not JSON: control character in a string at column 3, found byte 0x1f`},
		{"\"\\u0041\x01\"", `not JSON: control character in a string at column 8, found byte 0x01`},
		{`"\`, `not JSON: unexpected end of line (unterminated escape)`},
		{`"ab`, `not JSON: unexpected end of line (unterminated string)`},
		{`"\n`, `not JSON: unexpected end of line (unterminated string)`},
		{`"\x"`, `not JSON: invalid escape at column 3, found 'x'`},
		{`"\u12"`, `not JSON: unexpected end of line (short \u escape)`},
		{`"\u12G4"`, `not JSON: invalid \u escape at column 6, found 'G'`},
		{`"\u12`, `not JSON: unexpected end of line (short \u escape)`},
		{`"\u0041`, `not JSON: unexpected end of line (unterminated string)`},
		{`"\ud83d\ude00`, `not JSON: unexpected end of line (unterminated string)`},

		{"{}\x01", `not JSON: text after the end of the value at column 3, found byte 0x01`},
		{"{} x", `not JSON: text after the end of the value at column 4, found 'x'`},
		{"{}é", `not JSON: text after the end of the value at column 3, found 'é'`},
	}
	for _, tt := range tests {
		var sc scanner
		got := sc.valid([]byte(tt.line))
		assert.Equal(t, json.Valid([]byte(tt.line)), got, "%q", tt.line)
		assert.Equal(t, tt.err, sc.err, "%q", tt.line)
	}
}

// encoding/json nests values 10000 deep and no deeper, objects and arrays alike. Depth
// counts open values, not values seen: siblings beyond that number are fine.
func TestScannerNestingLimit(t *testing.T) {
	nest := func(open, leaf, close string, n int) string {
		return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
	}
	siblings := func(v string, n int) string { return "[" + strings.Repeat(v+",", n-1) + v + "]" }
	tests := []struct{ line, err string }{
		{nest("[", "", "]", maxDepth), ""},
		{nest(`{"a":`, "1", "}", maxDepth), ""},
		{nest("[", "", "]", maxDepth+1), "not JSON: nesting deeper than 10000 at column 10001, found '['"},
		{nest(`{"a":`, "1", "}", maxDepth+1), "not JSON: nesting deeper than 10000 at column 50001, found '{'"},
		{siblings("[]", maxDepth+1), ""},
		{siblings("[1]", maxDepth+1), ""},
		{siblings("{}", maxDepth+1), ""},
		{siblings(`{"a":1}`, maxDepth+1), ""},
	}
	var sc scanner // one scanner for every line: a line that failed deep must not count for the next
	for _, tt := range tests {
		got := sc.valid([]byte(tt.line))
		assert.Equal(t, json.Valid([]byte(tt.line)), got, "%.20q…", tt.line)
		assert.Equal(t, tt.err, sc.err, "%.20q…", tt.line)
	}
}

// The scanner reads its line only, not the buffer behind it: a literal cut short at the
// end of a line is invalid even when the next bytes would complete it.
func TestScannerStopsAtTheEndOfItsLine(t *testing.T) {
	buf := []byte("[true]\n")
	var sc scanner
	assert.False(t, sc.valid(buf[:4]))
	assert.Equal(t, "not JSON: invalid literal at column 2, found 't'", sc.err)
	assert.False(t, sc.valid(buf[:5]))
	assert.Equal(t, "not JSON: unexpected end of line (expected ',' or ']')", sc.err)
}

// Strings decode as encoding/json decodes them: every escape, hex digits of either case,
// surrogate pairs joined, and a surrogate that is not half of a pair as U+FFFD.
func TestScannerDecodesStringsAsEncodingJSON(t *testing.T) {
	tests := []struct{ literal, want string }{
		{`"a\/b\b\f\n\r\t\\\""`, "a/b\b\f\n\r\t\\\""},
		{`"\u0aAf\u0Ff9\u09af"`, "\u0aaf\u0ff9\u09af"},
		{`"x\u00e9y"`, "xéy"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\uD83D\uDE00!"`, "😀!"},
		{`"\ud83d"`, "\uFFFD"},
		{`"\ud83dx"`, "\uFFFDx"},
		{`"\ud83d\u0041"`, "\uFFFDA"},
		{`"\ude00"`, "\uFFFD"},
		{`"\ud83d\ud83d\ude00"`, "\uFFFD😀"},
		{`"\ud83d\""`, "\uFFFD\""},
		{`"\ud83d\\dc00"`, "\uFFFD\\dc00"}, // an escaped backslash and "u" is no second escape
		{`"\t x y"`, "\t x y"},
	}
	for _, tt := range tests {
		var sc scanner
		sc.reset([]byte(tt.literal))
		var scratch []byte
		got := string(sc.str(&scratch))
		require.Empty(t, sc.err, tt.literal)
		var std string
		require.NoError(t, json.Unmarshal([]byte(tt.literal), &std))
		assert.Equal(t, tt.want, got, tt.literal)
		assert.Equal(t, std, got, tt.literal)
		assert.Equal(t, len(tt.literal), sc.pos, "%s: the closing quote ends the string", tt.literal)
	}
}

// A bad escape right after a high surrogate is reported where it is, as a bad escape.
func TestScannerBadEscapeAfterAHighSurrogate(t *testing.T) {
	tests := []struct{ literal, err string }{
		{`"\ud83d\u12"`, `not JSON: unexpected end of line (short \u escape)`},
		{`"\ud83d\uZZZZ"`, `not JSON: invalid \u escape at column 10, found 'Z'`},
		{`"\ud83d\`, `not JSON: unexpected end of line (unterminated escape)`},
		{`"\ud83d\x"`, `not JSON: invalid escape at column 9, found 'x'`},
		{`"\ud83d\uDc0G"`, `not JSON: invalid \u escape at column 13, found 'G'`}, // not taken for a low surrogate
	}
	for _, tt := range tests {
		var sc scanner
		assert.False(t, sc.valid([]byte(tt.literal)), tt.literal)
		assert.Equal(t, tt.err, sc.err, tt.literal)
	}
}

// Once a value fails, the scanner returns nothing for it, however much of the line follows:
// every method returns a zero result once err is set.
func TestScannerReturnsNothingOnError(t *testing.T) {
	for _, literal := range []string{`"\u12G4 x"`, `"\ud83d\uZZZZ x"`, `"\x y"`,
		"\"a\x01 b\"", "\"a\\n\x01 b\"", "\"a\\n\x01n b\""} {
		var sc scanner
		sc.reset([]byte(literal))
		var scratch []byte
		assert.Nil(t, sc.str(&scratch), "%q", literal)
		assert.NotEmpty(t, sc.err, "%q", literal)
	}
	for number, err := range map[string]string{
		"-":    "not JSON: unexpected end of line (digit expected)",
		"-x":   "not JSON: digit expected at column 2, found 'x'",
		"1.":   "not JSON: unexpected end of line (digit expected)",
		"1.x":  "not JSON: digit expected at column 3, found 'x'",
		"1e":   "not JSON: unexpected end of line (digit expected)",
		"1e+x": "not JSON: digit expected at column 4, found 'x'",
	} {
		var sc scanner
		sc.reset([]byte(number))
		assert.Nil(t, sc.number(), number)
		assert.Equal(t, err, sc.err, number)
	}
	for _, literal := range []string{"tru", "trUe", "nul"} {
		var sc scanner
		sc.reset([]byte(literal))
		assert.False(t, sc.literal(), literal)
		assert.Equal(t, "not JSON: invalid literal at column 1, found "+`'`+literal[:1]+`'`, sc.err)
	}
}

// Decoding a string with escapes reuses the scratch buffer: checking a trace allocates
// nothing per line (package doc).
func TestScannerEscapedStringsReuseTheScratchBuffer(t *testing.T) {
	line := []byte(`"caller \u00e9\n"`)
	var sc scanner
	var scratch []byte
	allocs := testing.AllocsPerRun(100, func() {
		sc.reset(line)
		if string(sc.str(&scratch)) != "caller \u00e9\n" {
			t.Fatal("decoded wrongly")
		}
	})
	assert.Zero(t, allocs)
}
