package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/voipsim/voipsim/sim/explore"
)

// printSummary prints a campaign's summary: for people (text), or as one JSON object
// that merges. files are the saved reproducers, by finding.
func printSummary(w io.Writer, sum *explore.Summary, format string, files map[*explore.Finding]string, steps int) error {
	out := bufio.NewWriter(w)
	if format == "json" {
		b, err := json.MarshalIndent(sum, "", "  ")
		if err != nil {
			return err
		}
		out.Write(append(b, '\n'))
		return out.Flush()
	}
	writeHeader(out, sum)
	writeTable(out, sum)
	writeVerdicts(out, sum)
	writeTime(out, sum)
	writeFindings(out, sum, files, steps)
	return out.Flush()
}

func writeHeader(w *bufio.Writer, sum *explore.Summary) {
	fmt.Fprintf(w, "voipsim simulate: seeds %s, %d draws per scenario", sum.SeedRange(), sum.Steps)
	if len(sum.Shards) > 0 {
		fmt.Fprintf(w, ", shards %s", strings.Join(sum.Shards, " "))
	}
	w.WriteString("\n\n")
}

// writeTable prints one row of counts per app.
func writeTable(w *bufio.Writer, sum *explore.Summary) {
	width := len("APP")
	for i := range sum.Apps {
		width = max(width, len(sum.Apps[i].App))
	}
	// Numbers align right; the app's name, padded to the widest, reads left-aligned.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tSCENARIOS\tFAILED\tCALLS\tREPORTS\tREFUSED\tBY PHONE\tVIOLATIONS\tPANICS\tPUSHES\tDIALS\tUI EVENTS\tSKIPPED\t\n", width, "APP")
	for i := range sum.Apps {
		a := &sum.Apps[i]
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", width, a.App, a.Scenarios, a.FailedScenarios,
			a.Calls, a.Reports, a.Refused, a.RefusedByPhone, a.Violations, a.Panics, a.Pushes, a.Dials, a.UIEvents, a.Skipped)
	}
	tw.Flush()
	w.WriteString("\nREFUSED: refused for the app's own fault; BY PHONE: refused because the service was down,\n" +
		"a fault was injected or a crash cleared the call; SKIPPED: steps the phone could not play then.\n")
}

// writeVerdicts prints the app calls of each app by verdict: ok first, then by code and
// cause.
func writeVerdicts(w *bufio.Writer, sum *explore.Summary) {
	for i := range sum.Apps {
		a := &sum.Apps[i]
		fmt.Fprintf(w, "\nverdicts of %s, by code and cause:\n", a.App)
		keys := make([]string, 0, len(a.Verdicts))
		for k := range a.Verdicts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(x, y string) int {
			if (x == "ok") != (y == "ok") {
				if x == "ok" {
					return -1
				}
				return 1
			}
			return strings.Compare(x, y)
		})
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, k := range keys {
			code, cause, _ := strings.Cut(k, "/")
			fmt.Fprintf(tw, "  %s\t%s\t%9d\n", code, cause, a.Verdicts[k])
		}
		tw.Flush()
	}
}

// totals sums the scenarios and reports of every app.
func totals(sum *explore.Summary) (scenarios, reports int) {
	for i := range sum.Apps {
		scenarios += sum.Apps[i].Scenarios
		reports += sum.Apps[i].Reports
	}
	return scenarios, reports
}

func writeTime(w *bufio.Writer, sum *explore.Summary) {
	scenarios, reports := totals(sum)
	fmt.Fprintf(w, "\ntime %.2fs", sum.Seconds)
	if sum.Seconds > 0 {
		fmt.Fprintf(w, ": %s scenarios/s, %s reports/s", rate(scenarios, sum.Seconds), rate(reports, sum.Seconds))
	}
	w.WriteString("\n\n")
}

// rate is n per second, whole when that is 10 or more, else to two decimals, so that a
// slow campaign (long scenarios) does not read "0 scenarios/s".
func rate(n int, seconds float64) string {
	r, decimals := float64(n)/seconds, 0
	if r < 10 {
		decimals = 2
	}
	return strconv.FormatFloat(r, 'f', decimals, 64)
}

// writeFindings prints PASS, or each kind of failure of each app with its reproducer and
// the command that replays it.
func writeFindings(w *bufio.Writer, sum *explore.Summary, files map[*explore.Finding]string, steps int) {
	rs := reproducers(sum)
	if len(rs) == 0 {
		scenarios, _ := totals(sum)
		fmt.Fprintf(w, "PASS: no failure in %d scenarios\n", scenarios)
		return
	}
	failedApps := 0
	for i := range sum.Apps {
		if sum.Apps[i].FailedScenarios > 0 {
			failedApps++
		}
	}
	fmt.Fprintf(w, "FAIL: %d of %d apps fail, in %d ways; each is shrunk from the first seed that shows it\n",
		failedApps, len(sum.Apps), len(rs))
	stepsFlag := ""
	if steps != explore.DefaultSteps {
		stepsFlag = " --steps " + strconv.Itoa(steps)
	}
	for i, r := range rs {
		f := r.f
		fmt.Fprintf(w, "\n[%d] %s fails with: %s\n", i+1, r.app, f.Key)
		fmt.Fprintf(w, "    %s\n", f.Extent(appScenarios(sum, r.app)))
		fmt.Fprintf(w, "    run the seed:  voipsim simulate --app %s%s --seed %d\n", r.app, stepsFlag, f.Seed)
		if name, ok := files[f]; ok {
			fmt.Fprintf(w, "    saved as %s; replay it:\nvoipsim simulate --script %s\n", name, name)
			continue
		}
		fmt.Fprintf(w, "    replay the reproducer:\nvoipsim simulate --app %s --script - <<'EOF'\n%sEOF\n", r.app, f.Repro)
	}
}

func appScenarios(sum *explore.Summary, app string) int {
	for i := range sum.Apps {
		if sum.Apps[i].App == app {
			return sum.Apps[i].Scenarios
		}
	}
	return 0
}
