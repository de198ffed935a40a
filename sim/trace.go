package sim

import (
	"errors"
	"io"
	"slices"

	"github.com/voipsim/voipsim/trace"
)

// ErrQuiet is returned by WriteTrace for a run made with Config.Quiet, which kept no steps.
var ErrQuiet = errors.New("sim: the run was quiet and recorded no steps; run it again without Config.Quiet")

// WriteTrace writes the run as a trace, the input of `voipsim check` (package trace;
// README, "Checking a recorded trace"): one line per step, line N being step #N of the
// log, each with its time. A line expects the verdict it got in the run
// (`expect`) unless that verdict failed the app: a refusal the phone caused (the service
// down, an injected fault, a call a crash cleared) is expected, one of the app's own
// making is not. So `voipsim check` on the trace confirms every verdict and, like the
// run, fails on the app's own refusals. The trace does not carry the run's Config: check
// the trace of a run under the documented profile or AllowOpen with the same options
// (trace.Options; `voipsim check --profile documented`, `--allow-open`). A callId or name
// that is not valid UTF-8 (scripts refuse them; a Scenario built in Go may hold one) is an
// error: JSON cannot carry it.
func (r *Result) WriteTrace(w io.Writer) error {
	if r.Config.Quiet {
		return ErrQuiet
	}
	tw := trace.NewWriter(w)
	failed := r.refusalsFailed()
	for i := range r.Steps {
		var err error
		if slices.Contains(failed, r.Steps[i].Seq) {
			err = tw.Write(&r.Steps[i])
		} else {
			err = tw.WriteExpecting(&r.Steps[i], r.Outcomes[i])
		}
		if err != nil {
			return err
		}
	}
	return tw.Flush()
}

// refusalsFailed is the steps whose refusal failed the app.
func (r *Result) refusalsFailed() []int {
	var seqs []int
	for i := range r.Failures {
		if r.Failures[i].Kind == FailVerdict {
			seqs = append(seqs, r.Failures[i].Seq)
		}
	}
	return seqs
}
