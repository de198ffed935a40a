// Command scenario plays a scenario script around the reference app or the buggy app and
// prints the run; with -trace it also writes the run's trace for `voipsim check`.
//
//	go run ./examples/scenario sim/testdata/scenarios/takeover.txt
//	go run ./examples/scenario -app buggy -trace run.jsonl sim/testdata/scenarios/reject.txt
//
// The exit status is 1 when the app failed the scenario, 2 on bad input.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

func main() {
	app := flag.String("app", "reference", "the app to run: reference or buggy (every bug on)")
	tracePath := flag.String("trace", "", "write the run's trace (JSON Lines) to this file")
	allowOpen := flag.Bool("allow-open", false, "accept calls still live at the end")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: scenario [-app reference|buggy] [-trace FILE] [-allow-open] SCRIPT")
		os.Exit(2)
	}
	code, err := run(*app, flag.Arg(0), *tracePath, *allowOpen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scenario:", err)
	}
	os.Exit(code)
}

func run(appName, scriptPath, tracePath string, allowOpen bool) (int, error) {
	var app sim.App
	switch appName {
	case "reference":
		app = reference.New()
	case "buggy":
		app = buggy.New(buggy.AllBugs)
	default:
		return 2, fmt.Errorf("-app must be reference or buggy, got %q", appName)
	}
	text, err := os.ReadFile(scriptPath)
	if err != nil {
		return 2, err
	}
	sc, err := sim.ParseScenario(string(text))
	if err != nil {
		return 2, fmt.Errorf("%s: %w", scriptPath, err)
	}
	res := sim.Run(app, sc, sim.Config{AllowOpen: allowOpen})
	if err := res.WriteLog(os.Stdout); err != nil {
		return 2, err
	}
	if tracePath != "" {
		if err := writeTrace(res, tracePath); err != nil {
			return 2, err
		}
	}
	if res.Failed() {
		return 1, nil
	}
	return 0, nil
}

func writeTrace(res *sim.Result, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := res.WriteTrace(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
