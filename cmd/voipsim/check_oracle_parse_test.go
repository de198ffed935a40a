package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/stretchr/testify/require"
)

// This file reads the output of `voipsim check` back, in either format, into what both
// formats say of each file: its rows (one per line with a verdict) and its summary. The
// oracle then holds each format to its own expectations, and the two to each other.

// shownRow is what a format says of one line.
type shownRow struct {
	Line       int
	Op         string // "" for a malformed line
	CallID     string
	OK         bool
	Env        bool // text only: the verdict "env"
	Result     string
	Code       int64
	Message    string
	Cause      string
	Detail     string
	Malformed  string
	Warnings   []shownWarning
	Expected   *bool  // JSON only: present on a line that had expect
	Note       string // text only: "(as expected)" or "UNEXPECTED: expected X"
	Unexpected bool   // the verdict differs from the line's expect, as the format says it
}

type shownWarning struct{ Cause, Detail string }

type shownViolation struct {
	Cause, CallID string
	Line          int
	Detail        string
}

// shownSummary is a file's summary. The "by" tallies and the status are text only.
type shownSummary struct {
	Lines, APICalls, Failed, Unexpected, Malformed int
	Violations                                     []shownViolation
	ByCode                                         map[int64]int
	ByCause, WarningsByCause                       map[string]int
	Status                                         int
	StatusCounts                                   string // text only: the reasons of a FAIL result
}

// shownFile is what a format says of one file, in the order of the command line.
type shownFile struct {
	File     string // the header (text) or "file" (JSON) with several files
	Rows     []shownRow
	RawRows  []string // the output lines of the rows, to compare checks of one file
	Summary  *shownSummary
	RawSum   string
	Error    string // JSON with several files: a file that could not be read
	HasError bool
}

// jsonRow is a line object of --format json, with the keys README gives it; pointers
// tell absent keys.
type jsonRow struct {
	Line      *int           `json:"line"`
	Op        *string        `json:"op"`
	CallID    *string        `json:"callId"`
	OK        *bool          `json:"ok"`
	Result    *string        `json:"result"`
	Code      *int64         `json:"code"`
	Message   *string        `json:"message"`
	Cause     *string        `json:"cause"`
	Detail    *string        `json:"detail"`
	Warnings  []shownWarning `json:"warnings"`
	Expected  *bool          `json:"expected"`
	Malformed *string        `json:"malformed"`
}

type jsonSummary struct {
	File    *string `json:"file"`
	Error   *string `json:"error"`
	Summary *struct {
		Lines      *int `json:"lines"`
		APICalls   *int `json:"apiCalls"`
		Failed     *int `json:"failed"`
		Unexpected *int `json:"unexpected"`
		Malformed  *int `json:"malformed"`
		Violations []struct {
			Cause  string `json:"cause"`
			CallID string `json:"callId"`
			Line   int    `json:"line"`
			Detail string `json:"detail"`
		} `json:"violations"`
	} `json:"summary"`
}

// summaryKeys are the keys README gives a summary.
var summaryKeys = []string{"lines", "apiCalls", "failed", "unexpected", "malformed", "violations"}

// parseJSONOutput reads --format json output: each object on its own line; a file's rows,
// then its summary (or, with several files, the error that took its place).
func parseJSONOutput(t require.TestingT, out string, several bool) []shownFile {
	var files []shownFile
	var cur shownFile
	for _, line := range outputLines(t, out) {
		if strings.HasPrefix(line, `{"line":`) { // a row; "line" comes first
			cur.Rows = append(cur.Rows, parseJSONRow(t, line))
			cur.RawRows = append(cur.RawRows, line)
			continue
		}
		var s jsonSummary
		require.NoError(t, strictUnmarshal(line, &s), line)
		if several {
			require.NotNil(t, s.File, "with several files a summary names its file: %s", line)
			require.True(t, strings.HasPrefix(line, `{"file":`), "file comes first: %s", line)
			cur.File = *s.File
		} else {
			require.Nil(t, s.File, "with one file the summary is README's: %s", line)
		}
		switch {
		case s.Error != nil:
			require.True(t, several, "an error object only with several files: %s", line)
			require.Nil(t, s.Summary, line)
			require.Empty(t, cur.Rows, "a file that could not be read gets no rows")
			cur.Error, cur.HasError = *s.Error, true
		default:
			require.NotNil(t, s.Summary, "neither a row, a summary nor an error: %s", line)
			cur.Summary = jsonShownSummary(t, line, &s)
			cur.RawSum = line
		}
		files = append(files, cur)
		cur = shownFile{}
	}
	require.Empty(t, cur.Rows, "rows after the last summary:\n%s", out)
	return files
}

func outputLines(t require.TestingT, out string) []string {
	if out == "" {
		return nil
	}
	require.True(t, strings.HasSuffix(out, "\n"), "output ends its last line: %q", out)
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

func strictUnmarshal(line string, v any) error {
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// parseJSONRow reads a row, whose keys are README's (the decoder refuses others).
func parseJSONRow(t require.TestingT, line string) shownRow {
	var j jsonRow
	require.NoError(t, strictUnmarshal(line, &j), "not a row: %s", line)
	require.NotNil(t, j.OK, line)
	r := shownRow{Line: *j.Line, OK: *j.OK, Expected: j.Expected, Warnings: j.Warnings}
	if j.Malformed != nil {
		require.Equal(t, jsonRow{Line: j.Line, OK: j.OK, Malformed: j.Malformed}, j, "a malformed line has only line, ok and malformed: %s", line)
		require.False(t, r.OK, "a malformed line is not ok: %s", line)
		r.Malformed = *j.Malformed
		return r
	}
	require.NotNil(t, j.Op, line)
	r.Op = *j.Op
	if j.CallID != nil {
		require.NotEmpty(t, *j.CallID, "callId only when the line has one: %s", line)
		r.CallID = *j.CallID
	}
	failing := []any{j.Code, j.Message, j.Cause, j.Detail}
	for _, v := range failing {
		require.Equal(t, !r.OK, !isNilPointer(v), "code, message, cause and detail exactly on a failing line: %s", line)
	}
	if !r.OK {
		r.Code, r.Message, r.Cause, r.Detail = *j.Code, *j.Message, *j.Cause, *j.Detail
	}
	if j.Result != nil {
		require.True(t, r.OK, "result only on a report that resolves: %s", line)
		r.Result = *j.Result
	}
	if j.Warnings != nil {
		require.NotEmpty(t, j.Warnings, "warnings only when there are any: %s", line)
	}
	r.Unexpected = (j.Expected != nil && !*j.Expected) || (j.Expected == nil && !r.OK)
	return r
}

func isNilPointer(v any) bool {
	switch p := v.(type) {
	case *int64:
		return p == nil
	case *string:
		return p == nil
	}
	panic("not a pointer of a row")
}

func jsonShownSummary(t require.TestingT, line string, s *jsonSummary) *shownSummary {
	var inner struct {
		Summary map[string]json.RawMessage `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(line), &inner))
	keys := make([]string, 0, len(inner.Summary))
	for k := range inner.Summary {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := slices.Clone(summaryKeys)
	slices.Sort(want)
	require.Equal(t, want, keys, "the keys of a summary: %s", line)
	require.NotNil(t, s.Summary.Violations, "violations is a list, [] when empty: %s", line)
	sum := &shownSummary{Lines: *s.Summary.Lines, APICalls: *s.Summary.APICalls, Failed: *s.Summary.Failed,
		Unexpected: *s.Summary.Unexpected, Malformed: *s.Summary.Malformed, Status: -1}
	for _, v := range s.Summary.Violations {
		sum.Violations = append(sum.Violations, shownViolation{Cause: v.Cause, CallID: v.CallID, Line: v.Line, Detail: v.Detail})
	}
	return sum
}

// A row of the text format: LINE, OP, CALLID (a plain word or a quoted string, absent on
// lines without one), VERDICT, CAUSE, then how the verdict compares with expect.
var textRow = regexp.MustCompile(`^ *(\d+)  (\S+) +(?:("(?:[^"\\]|\\.)*"|\S+) +)?(ok(?: [A-Z_]+)?|env|FAIL \d+|MALFORMED)(?: +([a-z-]+))?(?: +(UNEXPECTED: expected \S+|\(as expected\)))?$`)

var (
	textHeader    = regexp.MustCompile(`^ *LINE  OP +CALLID +VERDICT +CAUSE$`)
	textSummary   = regexp.MustCompile(`^summary: lines=(\d+) apiCalls=(\d+) failed=(\d+) unexpected=(\d+) malformed=(\d+) violations=(\d+)$`)
	textCount     = regexp.MustCompile(`^  (\S+) +(.*?) *(\d+)$`)
	textViolation = regexp.MustCompile(`^  (\S+) +(?:("(?:[^"\\]|\\.)*"|\S+) +)?line (\d+) +(.*)$`)
	textResult    = regexp.MustCompile(`^result: (ok|MALFORMED input|FAIL, (.+)) \(exit (\d)\)$`)
)

const textIndent = "        "

// parseTextOutput reads the text format: with several files, each file's part starts
// with its "== FILE ==" header. A file that could not be read has no part.
func parseTextOutput(t require.TestingT, out string, several bool) []shownFile {
	lines := outputLines(t, out)
	var files []shownFile
	for len(lines) > 0 {
		var f shownFile
		if several {
			name, ok := strings.CutPrefix(lines[0], "== ")
			require.True(t, ok, "a file's part starts with its header: %q", lines[0])
			f.File, ok = strings.CutSuffix(name, " ==")
			require.True(t, ok, "header %q", lines[0])
			lines = lines[1:]
		}
		require.NotEmpty(t, lines)
		require.Regexp(t, textHeader, lines[0])
		lines = parseTextRows(t, &f, lines[1:])
		lines = parseTextSummary(t, &f, lines)
		files = append(files, f)
	}
	return files
}

func parseTextRows(t require.TestingT, f *shownFile, lines []string) []string {
	for len(lines) > 0 && lines[0] != "" {
		m := textRow.FindStringSubmatch(lines[0])
		require.NotNil(t, m, "not a row: %q", lines[0])
		f.RawRows = append(f.RawRows, lines[0])
		r := shownRow{Op: m[2], CallID: unquoteShown(t, m[3]), Cause: m[5], Note: m[6]}
		r.Line, _ = strconv.Atoi(m[1])
		verdict := m[4]
		switch {
		case verdict == "MALFORMED":
			require.Equal(t, "-", r.Op, lines[0])
			r.Op = ""
		case verdict == "env":
			r.OK, r.Env = true, true
		case strings.HasPrefix(verdict, "ok"):
			r.OK, r.Result = true, strings.TrimPrefix(strings.TrimPrefix(verdict, "ok"), " ")
		default:
			r.Code, _ = strconv.ParseInt(strings.TrimPrefix(verdict, "FAIL "), 10, 64)
		}
		r.Unexpected = strings.HasPrefix(r.Note, "UNEXPECTED")
		lines = lines[1:]
		lines = parseTextRowDetails(t, &r, lines)
		f.Rows = append(f.Rows, r)
	}
	return lines
}

// parseTextRowDetails reads the indented lines under a row: why it is malformed, or the
// message and detail of a failure; then its warnings.
func parseTextRowDetails(t require.TestingT, r *shownRow, lines []string) []string {
	switch {
	case r.Op == "":
		require.NotEmpty(t, lines, "the reason under a malformed line")
		reason, ok := strings.CutPrefix(lines[0], textIndent)
		require.True(t, ok, "the reason under a malformed line: %q", lines[0])
		r.Malformed, lines = unquoteShown(t, reason), lines[1:]
	case !r.OK:
		require.NotEmpty(t, lines, "the detail under a failing line")
		text, ok := strings.CutPrefix(lines[0], textIndent)
		require.True(t, ok, "the detail under a failing line: %q", lines[0])
		msg, detail, ok := strings.Cut(text, " — ")
		require.True(t, ok, "message — detail: %q", lines[0])
		r.Message, r.Detail, lines = msg, unquoteShown(t, detail), lines[1:]
	}
	for len(lines) > 0 && strings.HasPrefix(lines[0], textIndent+"! warning ") {
		cause, detail, ok := strings.Cut(strings.TrimPrefix(lines[0], textIndent+"! warning "), ": ")
		require.True(t, ok, "warning %q", lines[0])
		r.Warnings = append(r.Warnings, shownWarning{Cause: cause, Detail: unquoteShown(t, detail)})
		lines = lines[1:]
	}
	return lines
}

// unquoteShown is text that the text format quoted, as Go's %q does, back as it was.
func unquoteShown(t require.TestingT, s string) string {
	if !strings.HasPrefix(s, `"`) {
		require.True(t, plainText(s), "%q is shown as it is, though a terminal would act on it", s)
		return s
	}
	u, err := strconv.Unquote(s)
	require.NoError(t, err, "%s", s)
	return u
}

func parseTextSummary(t require.TestingT, f *shownFile, lines []string) []string {
	require.GreaterOrEqual(t, len(lines), 2, "a blank line, then the summary")
	require.Equal(t, "", lines[0])
	m := textSummary.FindStringSubmatch(lines[1])
	require.NotNil(t, m, "not a summary: %q", lines[1])
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	s := &shownSummary{Lines: n[0], APICalls: n[1], Failed: n[2], Unexpected: n[3], Malformed: n[4],
		ByCode: map[int64]int{}, ByCause: map[string]int{}, WarningsByCause: map[string]int{}}
	f.RawSum = lines[1]
	lines = lines[2:]
	for len(lines) > 0 && !strings.HasPrefix(lines[0], "result: ") {
		block := lines[0]
		lines = lines[1:]
		for len(lines) > 0 && strings.HasPrefix(lines[0], "  ") {
			s.addTextLine(t, block, lines[0])
			lines = lines[1:]
		}
	}
	require.Len(t, s.Violations, n[5], "violations=%d, and the list", n[5])
	require.NotEmpty(t, lines, "a result line ends the summary")
	m = textResult.FindStringSubmatch(lines[0])
	require.NotNil(t, m, "not a result: %q", lines[0])
	s.Status, _ = strconv.Atoi(m[3])
	s.StatusCounts = m[2]
	f.Summary = s
	return lines[1:]
}

func (s *shownSummary) addTextLine(t require.TestingT, block, line string) {
	switch block {
	case "failed by code:", "failed by cause:", "warnings by cause:":
		m := textCount.FindStringSubmatch(line)
		require.NotNil(t, m, "not a count: %q", line)
		n, _ := strconv.Atoi(m[3])
		switch block {
		case "failed by code:":
			code, err := strconv.ParseInt(m[1], 10, 64)
			require.NoError(t, err, line)
			require.Equal(t, codeMessages[code], m[2], "the message of %d", code)
			s.ByCode[code] = n
		case "failed by cause:":
			require.Empty(t, m[2], line)
			s.ByCause[m[1]] = n
		default:
			require.Empty(t, m[2], line)
			s.WarningsByCause[m[1]] = n
		}
	case "violations:":
		m := textViolation.FindStringSubmatch(line)
		require.NotNil(t, m, "not a violation: %q", line)
		n, _ := strconv.Atoi(m[3])
		s.Violations = append(s.Violations, shownViolation{Cause: m[1], CallID: unquoteShown(t, m[2]), Line: n, Detail: unquoteShown(t, m[4])})
	default:
		require.Fail(t, "unknown block of the summary", "%q", block)
	}
}

// codeMessages are SPEC's exact messages.
var codeMessages = map[int64]string{
	401:        "Parameter error.",
	1007200001: "Invalid parameter value.",
	1007200002: "Operation failed. Cannot connect to service.",
	1007200003: "System internal error.",
	1007200999: "Unknown error code.",
}

// plainText reports whether README lets the text format show s as it is: no control
// character, nothing Go does not print, no invalid UTF-8 nor U+FFFD.
func plainText(s string) bool {
	for _, r := range s {
		if !strconv.IsPrint(r) || r == '\uFFFD' {
			return false
		}
	}
	return true
}
