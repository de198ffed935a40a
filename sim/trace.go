package sim

import (
	"errors"
	"io"

	"github.com/voipsim/voipsim/trace"
)

// ErrQuiet is returned by WriteTrace for a run made with Config.Quiet, which kept no steps.
var ErrQuiet = errors.New("sim: the run was quiet and recorded no steps; run it again without Config.Quiet")

// WriteTrace writes the run as a trace (SPEC.md section 8): one line per step, line N being
// step #N of the log, each with its time and, as its `expect`, the verdict it got in the
// run, so that `voipsim check` on the trace confirms every verdict. A callId or name that
// is not valid UTF-8 (scripts refuse them; a Scenario built in Go may hold one) is an
// error: JSON cannot carry it.
func (r *Result) WriteTrace(w io.Writer) error {
	if r.Config.Quiet {
		return ErrQuiet
	}
	tw := trace.NewWriter(w)
	for i := range r.Steps {
		if err := tw.WriteExpecting(&r.Steps[i], r.Outcomes[i]); err != nil {
			return err
		}
	}
	return tw.Flush()
}
