package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shownCommand is a block of README.md that shows a voipsim command line ("$ go run
// ./cmd/voipsim ARGS") and its output, where a line "..." stands for lines left out.
type shownCommand struct {
	line   int // of the command, in README.md
	args   []string
	output []string
}

// commandsShown finds the README's blocks that show a command and its output.
func commandsShown(readme string) []shownCommand {
	const prompt = "$ go run ./cmd/voipsim "
	var shown []shownCommand
	lines := strings.Split(readme, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], prompt) || i == 0 || lines[i-1] != "```" {
			continue
		}
		cmd := shownCommand{line: i + 1, args: strings.Fields(strings.TrimPrefix(lines[i], prompt))}
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			cmd.output = append(cmd.output, lines[i])
		}
		shown = append(shown, cmd)
	}
	return shown
}

// TestREADMEShowsWhatCommandsPrint runs each command the README shows with its output and
// holds the output shown to the real one: the lines shown appear, in order and together,
// with "..." where lines are left out.
func TestREADMEShowsWhatCommandsPrint(t *testing.T) {
	t.Chdir("../..") // the README's commands run from the top of the repository
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	shown := commandsShown(string(readme))
	require.GreaterOrEqual(t, len(shown), 2, "the README shows voipsim check in text and in JSON")
	for _, cmd := range shown {
		t.Run(strings.Join(cmd.args, " "), func(t *testing.T) {
			out, _, _ := runCmd(t, "", cmd.args...)
			assert.NoError(t, matchShown(cmd.output, strings.Split(strings.TrimSuffix(out, "\n"), "\n")),
				"README.md:%d shows output the command does not print; it prints:\n%s", cmd.line, out)
		})
	}
}

// matchShown tells whether got holds the shown lines: runs of shown lines between "..."
// lines appear in got together and in order; the first run starts got and the last ends
// it, unless "..." comes before or after them. Trailing spaces do not count.
func matchShown(shown, got []string) error {
	var runs [][]string
	run := []string{}
	for _, l := range shown {
		if strings.TrimSpace(l) == "..." {
			runs, run = append(runs, run), []string{}
			continue
		}
		run = append(run, strings.TrimRight(l, " "))
	}
	runs = append(runs, run)
	for i := range got {
		got[i] = strings.TrimRight(got[i], " ")
	}

	at := 0
	for i, r := range runs {
		first, last := i == 0, i == len(runs)-1
		found := -1
		for j := at; j+len(r) <= len(got); j++ {
			if equalLines(got[j:j+len(r)], r) && (!last || j+len(r) == len(got)) {
				found = j
				break
			}
			if first {
				break // the first run starts the output
			}
		}
		if found < 0 {
			return fmt.Errorf("the output lacks, together and in this place:\n%s", strings.Join(r, "\n"))
		}
		at = found + len(r)
	}
	return nil
}

func equalLines(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMatchShown(t *testing.T) {
	got := []string{"a", "b", "c", "d"}
	for _, tc := range []struct {
		shown []string
		ok    bool
	}{
		{[]string{"a", "b", "c", "d"}, true},
		{[]string{"a", "...", "d"}, true},
		{[]string{"a", "b  ", "...", "c", "d"}, true},
		{[]string{"...", "c"}, false}, // c does not end the output
		{[]string{"...", "b", "..."}, true},
		{[]string{"b", "..."}, false}, // b does not start it
		{[]string{"a", "c", "..."}, false},
		{[]string{"a", "...", "c", "b", "..."}, false},
		{[]string{"a", "b", "c"}, false},
		{[]string{"a", "...", "a", "..."}, false}, // each shown line is one line of output
	} {
		assert.Equal(t, tc.ok, matchShown(tc.shown, append([]string(nil), got...)) == nil, "%q", tc.shown)
	}
}
