package readme

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/internal/golden"
)

// readmePath is README.md from this package's directory, where go test runs.
const readmePath = "../../README.md"

// snippet is a piece of Go text and where it was found: a ```go block of the README, or
// a marked region of a test file here.
type snippet struct {
	name string // the region's name; for a README block, "snippet N"
	file string
	line int    // of the block's or region's first line
	text string // less the indentation its lines have in common

	// A README block's place: its lines (from, to) among the file's, and their indentation.
	body   [2]int
	indent string
}

func (s snippet) where() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

// starts is the snippet's first line, for a message to name the snippet by.
func (s snippet) starts() string {
	first, _, _ := strings.Cut(strings.TrimLeft(s.text, " \t\n"), "\n")
	if r := []rune(first); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return first
}

// TestREADMESnippetsAreMarked: every ```go block of README.md is, byte for byte, a marked
// region of this package's tests, and every marked region is a block of README.md; so the
// README's Go compiles and passes, here. With -update, a block that differs from a region
// is rewritten in README.md as that region: the closest one, if any.
func TestREADMESnippetsAreMarked(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	lines := strings.Split(string(readme), "\n")
	blocks := readmeBlocks("README.md", lines)
	require.NotEmpty(t, blocks, "README.md has no ```go block")
	regions := markedRegionsIn(t, ".")

	orphans, unmatched := match(blocks, regions)
	rewritten := false
	for k := len(orphans) - 1; k >= 0; k-- { // from the end, so that a rewrite moves no block yet to come
		b := orphans[k]
		i, ok := closest(b, regions, unmatched)
		if !ok {
			t.Errorf("README %s (%s, starts `%s`) matches no marked region in examples/readme: copy it into a test "+
				"there, between `// README:begin NAME` and `// README:end NAME`", b.name, b.where(), b.starts())
			continue
		}
		r := regions[i]
		delete(unmatched, i) // named here: not reported again below
		if golden.Updating() {
			lines = slices.Replace(lines, b.body[0], b.body[1], indent(r.text, b.indent)...)
			rewritten = true
			continue
		}
		assert.Equal(t, r.text, b.text, "README %s (%s, starts `%s`) matches no marked region in examples/readme; "+
			"the closest is region %q (%s), expected here, the README's block being actual. Make them agree: edit "+
			"the region, or run `go test ./examples/readme -update` to copy the region into README.md",
			b.name, b.where(), b.starts(), r.name, r.where())
	}
	for i, r := range regions {
		if unmatched[i] {
			t.Errorf("region %q (%s, starts `%s`) is in no ```go block of README.md: paste it into README.md, "+
				"or remove the region:\n\n%s", r.name, r.where(), r.starts(), r.text)
		}
	}
	if rewritten {
		require.NoError(t, os.WriteFile(readmePath, []byte(strings.Join(lines, "\n")), 0o644))
	}
}

// match pairs blocks with the regions equal to them. It returns the blocks no region
// equals, in order, and the indexes of the regions no block equals.
func match(blocks, regions []snippet) (orphans []snippet, unmatched map[int]bool) {
	unmatched = make(map[int]bool)
	for i := range regions {
		unmatched[i] = true
	}
	for _, b := range blocks {
		found := false
		for i := range regions {
			if regions[i].text == b.text {
				found = true
				delete(unmatched, i)
			}
		}
		if !found {
			orphans = append(orphans, b)
		}
	}
	return orphans, unmatched
}

// closest is the region among candidates that shares most lines with b: the one b was
// most likely copied from. ok is false when no candidate shares a line.
func closest(b snippet, regions []snippet, candidates map[int]bool) (best int, ok bool) {
	most := 0
	for i := range regions {
		if n := sharedLines(b.text, regions[i].text); candidates[i] && n > most {
			best, most = i, n
		}
	}
	return best, most > 0
}

// sharedLines counts the non-blank lines of a that b has too.
func sharedLines(a, b string) int {
	in := make(map[string]int)
	for l := range strings.Lines(b) {
		in[l]++
	}
	n := 0
	for l := range strings.Lines(a) {
		if strings.TrimSpace(l) != "" && in[l] > 0 {
			in[l]--
			n++
		}
	}
	return n
}

// readmeBlocks extracts the ```go blocks of a Markdown file's lines, numbered from 1.
func readmeBlocks(file string, lines []string) []snippet {
	var blocks []snippet
	in, from := false, 0
	for i, line := range lines {
		fence := strings.TrimLeft(line, " \t")
		switch {
		case !in && fence == "```go":
			in, from = true, i+1
		case in && strings.HasPrefix(fence, "```"):
			in = false
			text, indent := dedent(lines[from:i])
			blocks = append(blocks, snippet{name: fmt.Sprintf("snippet %d", len(blocks)+1), file: file, line: from + 1,
				text: text, body: [2]int{from, i}, indent: indent})
		}
	}
	return blocks
}

// markedRegionsIn reads the marked regions of the test files of dir.
func markedRegionsIn(t *testing.T, dir string) []snippet {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	require.NoError(t, err)
	var regions []snippet
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		rs, err := markedRegions(filepath.Join("examples/readme", filepath.Base(f)), string(src))
		require.NoError(t, err)
		regions = append(regions, rs...)
	}
	seen := make(map[string]string)
	for _, r := range regions {
		if at, ok := seen[r.name]; ok {
			t.Errorf("region %q is marked twice: %s and %s", r.name, at, r.where())
		}
		seen[r.name] = r.where()
	}
	return regions
}

// Marker comments enclose a region, on lines of their own: "// README:begin NAME" and
// "// README:end NAME".
const (
	beginMarker = "// README:begin"
	endMarker   = "// README:end"
)

// markedRegions extracts the regions of a Go file: the lines between the markers, blank
// lines at either end dropped (gofmt puts one after a function), with the indentation
// they have in common removed.
func markedRegions(file, src string) ([]snippet, error) {
	var regions []snippet
	var open *snippet
	var body []string
	for i, line := range strings.Split(src, "\n") {
		at := fmt.Sprintf("%s:%d", file, i+1)
		marker := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(marker, beginMarker) && open != nil:
			return nil, fmt.Errorf("%s: region begins inside region %q, which has no end yet", at, open.name)
		case strings.HasPrefix(marker, beginMarker):
			name := strings.TrimSpace(strings.TrimPrefix(marker, beginMarker))
			if name == "" {
				return nil, fmt.Errorf("%s: region without a name: want %s NAME", at, beginMarker)
			}
			open, body = &snippet{name: name, file: file, line: i + 2}, body[:0]
		case strings.HasPrefix(marker, endMarker):
			name := strings.TrimSpace(strings.TrimPrefix(marker, endMarker))
			if open == nil || name != open.name {
				return nil, fmt.Errorf("%s: %s %s ends no open region", at, endMarker, name)
			}
			open.text, _ = dedent(trimBlankEnds(body))
			regions = append(regions, *open)
			open = nil
		case open != nil:
			body = append(body, line)
		}
	}
	if open != nil {
		return nil, fmt.Errorf("%s:%d: region %q has no %s %s", file, open.line-1, open.name, endMarker, open.name)
	}
	return regions, nil
}

func trimBlankEnds(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// dedent joins lines, each ended by a newline, less the leading blanks that every
// non-blank line has, which it returns too.
func dedent(lines []string) (text, indent string) {
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			indent, first = lead, false
		}
		for !strings.HasPrefix(lead, indent) {
			indent = indent[:len(indent)-1]
		}
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.TrimPrefix(l, indent))
		b.WriteByte('\n')
	}
	return b.String(), indent
}

// indent splits text into lines and puts prefix before each non-blank one: dedent undone.
func indent(text, prefix string) []string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return lines
}

// TestMarkedRegionsRefuseBrokenMarkers: a marker out of place is an error naming its line.
func TestMarkedRegionsRefuseBrokenMarkers(t *testing.T) {
	for src, want := range map[string]string{
		"// README:begin a\n// README:begin b\n":               "f.go:2: region begins inside region \"a\"",
		"x\n// README:end a\n":                                 "f.go:2: // README:end a ends no open region",
		"// README:begin a\n// README:end b\n":                 "f.go:2: // README:end b ends no open region",
		"\t// README:begin a\n\tx := 1\n":                      "f.go:1: region \"a\" has no // README:end a",
		"// README:begin\n// README:end\n":                     "f.go:1: region without a name",
		"// README:begin a\n\n\tx\n\t\ty\n\n// README:end a\n": "",
	} {
		regions, err := markedRegions("f.go", src)
		if want != "" {
			assert.ErrorContains(t, err, want, "%q", src)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, []snippet{{name: "a", file: "f.go", line: 2, text: "x\n\ty\n"}}, regions)
	}
}

// TestReadmeBlocksOfAListItem: a block indented in a list item is compared without its
// indentation, and put back with it.
func TestReadmeBlocksOfAListItem(t *testing.T) {
	lines := strings.Split("- item:\n\n  ```go\n  if ok {\n  \treturn\n  }\n\n  ```\n\n```sh\nls\n```\n", "\n")
	blocks := readmeBlocks("R.md", lines)
	require.Len(t, blocks, 1)
	assert.Equal(t, snippet{name: "snippet 1", file: "R.md", line: 4, text: "if ok {\n\treturn\n}\n\n",
		body: [2]int{3, 7}, indent: "  "}, blocks[0])
	assert.Equal(t, lines[3:7], indent(blocks[0].text, blocks[0].indent))
}
