package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/voipsim/voipsim/internal/terminal"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// campaignCommand is the command line that finds the reproducers, for their files.
func campaignCommand(f simulateFlags) string {
	cmd := "voipsim simulate --app " + f.app
	if f.steps != explore.DefaultSteps {
		cmd += " --steps " + strconv.Itoa(f.steps)
	}
	return cmd
}

// reproducer is one finding of one app, in the order the summary prints them.
type reproducer struct {
	app string
	f   *explore.Finding
}

func reproducers(sum *explore.Summary) []reproducer {
	var out []reproducer
	for a := range sum.Apps {
		for i := range sum.Apps[a].Findings {
			out = append(out, reproducer{sum.Apps[a].App, &sum.Apps[a].Findings[i]})
		}
	}
	return out
}

// saveRepros writes each reproducer under --save and returns the file names, by finding.
func saveRepros(sum *explore.Summary, f simulateFlags, command string) (map[*explore.Finding]string, error) {
	if f.save == "" {
		return nil, nil
	}
	if err := os.MkdirAll(f.save, 0o755); err != nil {
		return nil, err
	}
	files := map[*explore.Finding]string{}
	for _, r := range reproducers(sum) {
		repro, err := explore.ReproOf(r.app, r.f, command)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(f.save, repro.Scenario.Name+".txt")
		if err := os.WriteFile(name, []byte(repro.String()), 0o644); err != nil {
			return nil, err
		}
		files[r.f] = name
	}
	return files, nil
}

// writeReproTraces writes the trace of each reproducer: to FILE when there is one,
// FILE with -1, -2, … before its extension when there are several. With none, it says on
// stderr that it wrote nothing, rather than leave the user to find no file.
func writeReproTraces(e *env, sum *explore.Summary, traceFile string) error {
	rs := reproducers(sum)
	if traceFile == "" {
		return nil
	}
	if len(rs) == 0 {
		fmt.Fprintf(e.stderr, "voipsim: no trace written to %s: nothing failed, so there is no reproducer\n", terminal.Safe(traceFile))
		return nil
	}
	targets := map[string]explore.App{}
	for _, r := range rs {
		if _, ok := targets[r.app]; !ok {
			t, err := apps.Lookup(r.app)
			if err != nil {
				return err
			}
			targets[r.app] = t[0]
		}
	}
	for i, r := range rs {
		sc, err := sim.ParseScenario(r.f.Repro)
		if err != nil {
			return err
		}
		name := traceFile
		if len(rs) > 1 {
			ext := filepath.Ext(traceFile)
			name = strings.TrimSuffix(traceFile, ext) + "-" + strconv.Itoa(i+1) + ext
		}
		res := sim.Run(targets[r.app].New(), sc, sim.Config{})
		if err := writeFile(name, res.WriteTrace); err != nil {
			return err
		}
	}
	return nil
}
