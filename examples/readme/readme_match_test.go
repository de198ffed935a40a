package readme

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The tests of this file pin the helpers that only speak when the README and the marked
// regions disagree: TestREADMESnippetsAreMarked, passing, never reaches them.

// TestSnippetStarts: a snippet is named by its first non-blank line, cut after 40 runes.
func TestSnippetStarts(t *testing.T) {
	forty := strings.Repeat("é", 40)
	assert.Equal(t, "x := 1", snippet{text: "\n \t x := 1\ny := 2\n"}.starts())
	assert.Equal(t, forty, snippet{text: forty + "\n"}.starts())
	assert.Equal(t, forty+"…", snippet{text: forty + "ab\n"}.starts())
}

// TestMatchPairsEqualText: a block equal to no region is an orphan; a region equal to
// no block is unmatched; a block may match several regions.
func TestMatchPairsEqualText(t *testing.T) {
	a, b, c := snippet{text: "a\n"}, snippet{text: "b\n"}, snippet{text: "c\n"}
	orphans, unmatched := match([]snippet{a, b}, []snippet{a, c, a})
	assert.Equal(t, []snippet{b}, orphans)
	assert.Equal(t, map[int]bool{1: true}, unmatched)

	orphans, unmatched = match([]snippet{c}, []snippet{c})
	assert.Empty(t, orphans)
	assert.Empty(t, unmatched)
}

// TestClosestRegion: the candidate sharing most non-blank lines, the first of equals;
// none when no candidate shares a line.
func TestClosestRegion(t *testing.T) {
	b := snippet{text: "a\nb\nc\n\n"}
	regions := []snippet{
		{text: "a\nx\n\n"},    // 1 line
		{text: "a\nb\nc\n"},   // 3 lines, not a candidate
		{text: "b\nc\ny\n\n"}, // 2 lines
		{text: "c\nb\nz\n"},   // 2 lines, after an equal
	}
	best, ok := closest(b, regions, map[int]bool{0: true, 2: true, 3: true})
	assert.True(t, ok)
	assert.Equal(t, 2, best)
	best, ok = closest(b, regions, map[int]bool{0: true})
	assert.True(t, ok)
	assert.Equal(t, 0, best)
	_, ok = closest(snippet{text: "q\n\n"}, regions, map[int]bool{0: true, 2: true})
	assert.False(t, ok, "a blank line is not shared")
}

// TestSharedLines: each line of b counts once, blank lines never.
func TestSharedLines(t *testing.T) {
	assert.Equal(t, 0, sharedLines("\n\n", "\n\n"))
	assert.Equal(t, 1, sharedLines("x\nx\n", "x\ny\n"))
	assert.Equal(t, 2, sharedLines("x\nx\n", "y\nx\nx\n"))
	assert.Equal(t, 0, sharedLines("x\n", "y\n"))
}

// TestTrimBlankEnds: blank lines go from both ends, all of them when all are blank.
func TestTrimBlankEnds(t *testing.T) {
	assert.Equal(t, []string{"x", "", "y"}, trimBlankEnds([]string{"", " ", "x", "", "y", "\t", ""}))
	assert.Empty(t, trimBlankEnds([]string{"", " \t"}))
	assert.Empty(t, trimBlankEnds(nil))
}

// TestDedentKeepsTheCommonIndent: the indentation removed is what every non-blank line
// has, though the first line has more.
func TestDedentKeepsTheCommonIndent(t *testing.T) {
	text, ind := dedent([]string{"\t\tx", "", "\ty", "\t  z"})
	assert.Equal(t, "\tx\n\ny\n  z\n", text)
	assert.Equal(t, "\t", ind)
}
