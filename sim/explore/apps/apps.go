// Package apps names the example apps that `voipsim simulate` and the regression tests run:
// the reference app, and the buggy app with each of its bugs.
//
//	reference           the correct app (examples/apps/reference)
//	buggy               each bug of the buggy app alone, one app per bug
//	buggy:BUG[+BUG…]    the buggy app with those bugs on, e.g. buggy:reports-active-twice
//	buggy:all           the buggy app with every bug on at once
package apps

import (
	"fmt"
	"strings"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// Reference is the reference app.
var Reference = explore.App{Name: "reference", New: func() sim.App { return reference.New() }}

// Lookup resolves an app name (see the package documentation) to the apps it names.
func Lookup(name string) ([]explore.App, error) {
	switch {
	case name == Reference.Name:
		return []explore.App{Reference}, nil
	case name == "buggy":
		var out []explore.App
		for _, b := range buggy.Bugs() {
			out = append(out, buggyApp(b))
		}
		return out, nil
	case strings.HasPrefix(name, "buggy:"):
		bugs, err := parseBugs(strings.TrimPrefix(name, "buggy:"))
		if err != nil {
			return nil, err
		}
		return []explore.App{buggyApp(bugs)}, nil
	}
	return nil, fmt.Errorf("unknown app %q: want reference, buggy, buggy:all or buggy:BUG with BUG one of %s", name, bugNames())
}

func buggyApp(bugs buggy.Bug) explore.App {
	name := "buggy:" + bugs.String()
	if bugs == buggy.AllBugs {
		name = "buggy:all"
	}
	return explore.App{Name: name, New: func() sim.App { return buggy.New(bugs) }}
}

func parseBugs(s string) (buggy.Bug, error) {
	if s == "all" {
		return buggy.AllBugs, nil
	}
	var bugs buggy.Bug
	for _, word := range strings.Split(s, "+") {
		b, ok := bugNamed(word)
		if !ok {
			return 0, fmt.Errorf("unknown bug %q: want all or one of %s", word, bugNames())
		}
		bugs |= b
	}
	return bugs, nil
}

func bugNamed(name string) (buggy.Bug, bool) {
	for _, b := range buggy.Bugs() {
		if b.String() == name {
			return b, true
		}
	}
	return 0, false
}

func bugNames() string {
	var names []string
	for _, b := range buggy.Bugs() {
		names = append(names, b.String())
	}
	return strings.Join(names, ", ")
}
