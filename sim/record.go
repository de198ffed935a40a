package sim

import (
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// recorder keeps what the runner learns about every validator step.
type recorder struct {
	seen     int // the highest step number so far (kept for the log only)
	reserved int // the step whose log entry was written before it ran (a UI event)
	refused  []verdictCount
}

// verdictCount counts the app calls refused with one verdict. A run meets few kinds of
// refusal, so a short list beats a table of every code and cause.
type verdictCount struct {
	v Verdict
	n int
}

func (rec *recorder) refuse(v Verdict) {
	for i := range rec.refused {
		if rec.refused[i].v == v {
			rec.refused[i].n++
			return
		}
	}
	rec.refused = append(rec.refused, verdictCount{v, 1})
}

// observe sees every validator step, the app's calls and the phone's, with its outcome,
// after the step ran.
func (r *runner) observe(s *validator.Step, out *validator.Outcome) {
	r.res.Counts.Steps++
	if !r.cfg.Quiet {
		r.record(s, out)
	}
}

// newCall counts a call the service now knows, which a crash has not cleared.
func (r *runner) newCall(s *validator.Step) {
	r.res.Counts.Calls++
	if len(r.cleared) > 0 {
		delete(r.cleared, s.Attr.CallID)
	}
}

// refused counts a refusal by its verdict, and fails the app for one that is its own
// fault.
func (r *runner) refused(s *validator.Step, out *validator.Outcome) {
	c := &r.res.Counts
	e, ok := errorOf(out.Err)
	if !ok {
		e = callstate.NewError(0, callstate.CauseNone, out.Err.Error())
	}
	r.rec.refuse(Verdict{Code: e.Code, Cause: e.Cause})
	if r.causedByPhone(s, e) {
		c.Expected++
		return
	}
	c.Failed++
	r.fail(Failure{Kind: FailVerdict, Op: s.Op, Code: e.Code, Cause: e.Cause, CallID: s.ID(), Seq: out.Seq, Detail: e.Detail})
}

// causedByPhone tells refusals the app could not avoid: the service is down, a fault was
// injected, or the call was cleared by a crash the app was never told of.
func (r *runner) causedByPhone(s *validator.Step, e *callstate.Error) bool {
	switch e.Cause {
	case callstate.CauseServiceUnavailable, callstate.CauseInjectedFault:
		return true
	case callstate.CauseUnknownCallID:
		return r.cleared[s.ID()]
	}
	return false
}

// record keeps the step, timed, at its number, and logs it. A UI event's steps are
// observed after the reports the app made from its callback, so its log entry was
// reserved before it ran.
func (r *runner) record(s *validator.Step, out *validator.Outcome) {
	r.rec.seen = max(r.rec.seen, out.Seq)
	i := out.Seq - 1
	for len(r.res.Steps) <= i { // the usual case: one more, the next step in order
		r.res.Steps = append(r.res.Steps, validator.Step{})
		r.res.Outcomes = append(r.res.Outcomes, validator.Outcome{})
	}
	r.res.Steps[i] = *s
	r.res.Steps[i].Seq = out.Seq
	r.res.Outcomes[i] = *out
	if out.Seq != r.rec.reserved {
		r.res.Log = append(r.res.Log, Entry{At: r.now, Kind: EntryStep, Index: i})
	}
}

// env applies one of the phone's steps, at the time of the virtual clock, observes it
// and returns its number. Steps go to the validator from here and from call, rather than
// through its Kit and an observer, so that neither the step nor its outcome is copied on
// the way.
func (r *runner) env(s *validator.Step) int {
	if !r.cfg.Quiet {
		r.rec.reserved = r.rec.seen + 1
		r.res.Log = append(r.res.Log, Entry{At: r.now, Kind: EntryStep, Index: r.rec.seen})
	}
	var out validator.Outcome
	s.At, s.HasTime = r.now, true
	r.v.ApplyTo(s, &out)
	r.observe(s, &out)
	r.rec.reserved = 0
	return out.Seq
}

// call applies one of the app's calls, counts it by its verdict, and returns what
// ReportIncomingCall returns; the kit's other methods return only the error. It is on
// the path of every report, so it leaves refusals, which are rare, to refused, and the
// counting of new calls to opening, for the two reports that can make one.
func (r *runner) call(s *validator.Step) (callstate.ErrorReason, error) {
	if r.over {
		return callstate.ReasonNone, ErrRunOver
	}
	var out validator.Outcome
	s.At, s.HasTime = r.now, true
	r.v.ApplyTo(s, &out)
	r.observe(s, &out)
	c := &r.res.Counts
	if s.Op.IsReport() {
		c.Reports++
	}
	if out.Err != nil {
		r.refused(s, &out)
	} else {
		c.OK++
	}
	return out.Reason, out.Err
}

// opening applies a report that opens a call, and counts the call if the service took it.
func (r *runner) opening(s *validator.Step) (callstate.ErrorReason, error) {
	reason, err := r.call(s)
	if err == nil && reason == callstate.ReasonNone {
		r.newCall(s)
	}
	return reason, err
}

// verdictCounts turns the recorder's counts into the map of Counts.
func (r *runner) verdictCounts() map[Verdict]int {
	m := make(map[Verdict]int, len(r.rec.refused)+1)
	if ok := r.res.Counts.OK; ok > 0 {
		m[Verdict{}] = ok
	}
	for _, c := range r.rec.refused {
		m[c.v] += c.n
	}
	return m
}
