package explore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voipsim/voipsim/sim"
)

// Repro is a reproducer: a scenario that makes an app fail one way, with where it came
// from. As text it is a scenario script whose leading comments name the app and the
// failure, so that `voipsim simulate --script FILE` replays it and a regression test can
// assert it still fails that way:
//
//	# voipsim reproducer: found by `voipsim simulate --app buggy` at seed 4, 97 steps shrunk to 3
//	# app: buggy:reports-active-twice
//	# fails: verdict reportCallStateChange 1007200001/duplicate-report
//	scenario reports-active-twice--reportCallStateChange-duplicate-report-seed-4
//	0s dial c1 voice
//	0s peer answer c1
//	20s peer hangup c1
type Repro struct {
	App      string // the app's name (package apps)
	Key      string // the sim.Failure.Key it fails with
	Origin   string // where it was found, for people
	Scenario sim.Scenario
}

const (
	reproApp   = "# app: "
	reproFails = "# fails: "
	reproTitle = "# voipsim reproducer: "
)

// String is the reproducer as a file.
func (r *Repro) String() string {
	var b strings.Builder
	if r.Origin != "" {
		b.WriteString(reproTitle + r.Origin + "\n")
	}
	b.WriteString(reproApp + r.App + "\n")
	b.WriteString(reproFails + r.Key + "\n")
	b.WriteString(r.Scenario.String())
	return b.String()
}

// ParseRepro reads a reproducer file: a scenario script with `# app:` and `# fails:`
// comments (either may be absent: a plain script reads as a Repro without them).
func ParseRepro(text string) (*Repro, error) {
	sc, err := sim.ParseScenario(text)
	if err != nil {
		return nil, err
	}
	r := &Repro{Scenario: sc}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, reproApp):
			r.App = strings.TrimSpace(strings.TrimPrefix(line, reproApp))
		case strings.HasPrefix(line, reproFails):
			r.Key = strings.TrimSpace(strings.TrimPrefix(line, reproFails))
		case strings.HasPrefix(line, reproTitle):
			r.Origin = strings.TrimSpace(strings.TrimPrefix(line, reproTitle))
		}
	}
	return r, nil
}

// ReproOf is the reproducer of a finding of a campaign's app; command is the command line
// of the campaign, for the record.
func ReproOf(app string, f *Finding, command string) (*Repro, error) {
	sc, err := sim.ParseScenario(f.Repro)
	if err != nil {
		return nil, fmt.Errorf("the reproducer of %s for %s: %w", f.Key, app, err)
	}
	sc.Name = ReproName(app, f)
	origin := fmt.Sprintf("found by `%s` at seed %d, %d steps shrunk to %d", command, f.Seed, f.GeneratedSteps, len(sc.Steps))
	return &Repro{App: app, Key: f.Key, Origin: origin, Scenario: sc}, nil
}

// ReproName names a reproducer after its app and failure, as a word fit for a file name:
// "reports-active-twice--reportCallStateChange-duplicate-report-seed-4" (a refused call
// names its op), "forgets-disconnect-after-reject--unanswered-reject-seed-9".
func ReproName(app string, f *Finding) string {
	words := strings.Fields(f.Key)
	last := words[len(words)-1]
	if i := strings.LastIndexByte(last, '/'); i >= 0 {
		last = last[i+1:]
	}
	if strings.HasPrefix(f.Key, "violation unanswered-ui-event") {
		event := strings.ToLower(strings.TrimPrefix(last, "VOIP_CALL_EVENT_"))
		last = "unanswered-" + strings.ReplaceAll(event, "_", "-")
	}
	if len(words) >= 2 && strings.HasPrefix(words[0], "verdict") {
		last = words[1] + "-" + last
	}
	name := strings.TrimPrefix(strings.TrimPrefix(app, "buggy:"), "buggy")
	if name == "" {
		name = app
	}
	return strings.ReplaceAll(name, "+", "-") + "--" + last + "-seed-" + strconv.FormatUint(f.Seed, 10)
}
