package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/voipsim/voipsim/internal/terminal"
	"github.com/voipsim/voipsim/sim/explore"
)

// readSummary reads a summary that `simulate --format json` printed. Every field it always
// writes must be there with a value of its kind, so that a JSON file of anything else is
// refused by the first field it lacks; explore.MergeParts then checks the values.
func readSummary(e *env, name string) (*explore.Summary, error) {
	text, err := readInput(e, name, "summary")
	if err != nil {
		return nil, err
	}
	var s explore.Summary
	var raw json.RawMessage
	err = json.Unmarshal(text, &raw)
	if err == nil {
		err = checkJSON(raw, reflect.TypeOf(s), "")
	}
	if err == nil {
		err = json.Unmarshal(text, &s)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a summary of voipsim simulate --format json: %w", inputName(name), err)
	}
	return &s, nil
}

// checkJSON checks that data, at path, has the shape encoding/json writes for a value
// of type t, naming the first field that has not.
func checkJSON(data json.RawMessage, t reflect.Type, path string) error {
	switch t.Kind() {
	case reflect.Struct:
		var fields map[string]json.RawMessage
		if err := decodeKind(data, "an object", path, &fields); err != nil {
			return err
		}
		return checkFields(fields, t, path)
	case reflect.Slice:
		var elems []json.RawMessage
		if err := decodeKind(data, "an array", path, &elems); err != nil {
			return err
		}
		for i, el := range elems {
			if err := checkJSON(el, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		var m map[string]json.RawMessage
		if err := decodeKind(data, "an object", path, &m); err != nil {
			return err
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if err := checkPrintable(k, path+" key "+strconv.Quote(k)); err != nil {
				return err
			}
			if err := checkJSON(m[k], t.Elem(), fmt.Sprintf("%s[%q]", path, k)); err != nil {
				return err
			}
		}
	case reflect.String:
		var s string
		if err := decodeKind(data, "a string", path, &s); err != nil {
			return err
		}
		return checkPrintable(s, path)
	default:
		return checkNumber(data, t, path)
	}
	return nil
}

// checkPrintable refuses text that simulate never writes and the summary would print raw
// to a terminal: a character that terminal.Safe would quote, but for the newlines of a
// reproducer (JSON has already made invalid UTF-8 into U+FFFD, which counts).
func checkPrintable(s, path string) error {
	i := strings.IndexFunc(s, func(r rune) bool { return r != '\n' && !terminal.PlainRune(r) })
	if i < 0 {
		return nil
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return fmt.Errorf("%s holds %U, which is not printable text", path, r)
}

// checkFields checks the fields of a struct of type t, the embedded ones' too: those
// without omitempty must be there.
func checkFields(fields map[string]json.RawMessage, t reflect.Type, path string) error {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			if err := checkFields(fields, f.Type, path); err != nil {
				return err
			}
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		data, ok := fields[name]
		switch {
		case !ok && opts == "omitempty":
			continue
		case !ok && path == "":
			return fmt.Errorf("no field %q", name)
		case !ok:
			return fmt.Errorf("%s has no field %q", path, name)
		}
		if err := checkJSON(data, f.Type, strings.TrimPrefix(path+"."+name, ".")); err != nil {
			return err
		}
	}
	return nil
}

// checkNumber checks a number for an int, a uint64 or a float64.
func checkNumber(data json.RawMessage, t reflect.Type, path string) error {
	if err := decodeKind(data, "a number", path, new(float64)); err != nil {
		return err
	}
	text := string(data)
	var err error
	switch t.Kind() {
	case reflect.Int:
		_, err = strconv.ParseInt(text, 10, 64)
		if err != nil && !strings.ContainsAny(text, ".eE") {
			return fmt.Errorf("%s is %s, want a whole number from %d to %d", path, text, math.MinInt64, math.MaxInt64)
		}
	case reflect.Uint64:
		_, err = strconv.ParseUint(text, 10, 64)
		if err != nil && !strings.ContainsAny(text, ".eE") {
			return fmt.Errorf("%s is %s, want a whole number from 0 to %d", path, text, uint64(math.MaxUint64))
		}
	}
	if err != nil {
		return fmt.Errorf("%s is %s, want a whole number", path, text)
	}
	return nil
}

// decodeKind decodes data into v if it is JSON of the kind want, e.g. "an array".
func decodeKind(data json.RawMessage, want, path string, v any) error {
	if got := kindOf(data); got != want {
		if path == "" {
			return fmt.Errorf("want a JSON object, got %s", got)
		}
		return fmt.Errorf("%s is %s, want %s", path, got, want)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err) // a number too large for a float64
	}
	return nil
}

// kindOf is the kind of a JSON value, from its first byte.
func kindOf(data json.RawMessage) string {
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}
