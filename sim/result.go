package sim

import (
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/terminal"
	"github.com/voipsim/voipsim/validator"
)

// Result is everything a run produced.
type Result struct {
	Scenario Scenario
	Config   Config // with defaults filled in

	// Log is the printed run, entry by entry (empty with Config.Quiet).
	Log []Entry
	// Steps are the validator steps of the run, in step order (Seq = index+1), each with its
	// virtual time: what a trace of the run contains. Outcomes[i] is the verdict of Steps[i].
	// Both are empty with Config.Quiet.
	Steps    []validator.Step
	Outcomes []validator.Outcome

	Failures []Failure
	Counts   Counts
	// End is the virtual time of the last event of the run: a script step, an app timer,
	// or a deadline judged (only those the app still owed when its code returned are
	// scheduled). Violations found at the end, such as leaked calls, carry this time.
	End time.Duration
}

// Failed reports whether the app failed the run: a failing verdict on one of its calls
// (beyond those the phone caused), a violated obligation, a leaked call, a panic or a
// stall.
func (r *Result) Failed() bool { return len(r.Failures) > 0 }

// FailureKind tells how the app failed.
type FailureKind uint8

const (
	// FailVerdict: the service refused one of the app's calls.
	FailVerdict FailureKind = iota + 1
	// FailViolation: an obligation was not met in time, or a call leaked.
	FailViolation
	// FailPanic: the app's code panicked.
	FailPanic
	// FailStall: the app's timers kept the virtual clock from moving (Config.MaxEvents
	// events at one time), so the run was stopped.
	FailStall
)

var failureKindNames = [...]string{FailVerdict: "verdict", FailViolation: "violation", FailPanic: "panic", FailStall: "stall"}

func (k FailureKind) String() string {
	if int(k) < len(failureKindNames) && k > 0 {
		return failureKindNames[k]
	}
	return "failure?"
}

// Failure is one way the app failed, where and when.
type Failure struct {
	Kind   FailureKind
	Op     validator.Op      // the refused call (FailVerdict)
	Code   callstate.Code    // its code (FailVerdict)
	Cause  callstate.Cause   // the rule: an error cause or a violation cause
	Event  callstate.UIEvent // the unanswered UI event (unanswered-ui-event)
	CallID string
	At     time.Duration
	Seq    int // the validator step behind it: the refused call, or what created the obligation
	Script int // the index of the script step being played, or -1 (an app timer, a deadline, the end)
	Detail string
}

// Key identifies the way of failing, not the instance: two failures with the same key are
// the same bug for a shrinker ("verdict reportCallStateChange 1007200001/duplicate-report",
// "violation unanswered-ui-event VOIP_CALL_EVENT_REJECT", "panic").
func (f *Failure) Key() string {
	switch f.Kind {
	case FailVerdict:
		return "verdict " + f.Op.String() + " " + Verdict{f.Code, f.Cause}.String()
	case FailViolation:
		if f.Cause == callstate.CauseUnansweredUIEvent {
			return "violation " + f.Cause.String() + " " + f.Event.String()
		}
		return "violation " + f.Cause.String()
	}
	return f.Kind.String()
}

func (f *Failure) String() string {
	var b strings.Builder
	b.WriteString(f.Key())
	if f.CallID != "" {
		b.WriteString(" (call ")
		b.WriteString(word(f.CallID))
		b.WriteString(")")
	}
	b.WriteString(" at ")
	b.WriteString(FormatTime(f.At))
	b.WriteString(": ")
	b.WriteString(terminal.Safe(f.Detail))
	return b.String()
}

// Verdict is the answer to one app call: the zero value is ok.
type Verdict struct {
	Code  callstate.Code
	Cause callstate.Cause
}

// String is "ok" or "CODE/cause".
func (v Verdict) String() string {
	if v.Code == 0 {
		return "ok"
	}
	return itoa(int64(v.Code)) + "/" + v.Cause.String()
}

// Counts sums up a run.
type Counts struct {
	Steps    int // validator steps: the app's calls and the phone's environment steps
	Reports  int // the app's report calls
	OK       int // app calls (on and off included) that succeeded
	Failed   int // app calls refused for the app's own fault
	Expected int // app calls refused because of the phone: service down, injected fault, call cleared by a crash
	Calls    int // calls registered by a successful report
	Pushes   int
	Dials    int
	UIEvents int
	Skipped  int // script steps that could not happen at their time
	// Violations counts obligations not met (deadline or end of run, leaked calls).
	Violations int
	Panics     int
	// Verdicts counts every app call by its verdict.
	Verdicts map[Verdict]int
}

// EntryKind tells what a log entry shows.
type EntryKind uint8

const (
	EntryScript  EntryKind = iota + 1 // a script step starts (Index: into Scenario.Steps)
	EntryStep                         // a validator step and its verdict (Index: into Steps)
	EntrySkip                         // a script step that could not happen, in place of its EntryScript (Index: into Scenario.Steps)
	EntryFailure                      // a violation or panic (Index: into Failures)
	EntryNote                         // something the phone decided (Note)
)

// Entry is one line of the printed run.
type Entry struct {
	At    time.Duration
	Kind  EntryKind
	Index int
	Note  string
}
