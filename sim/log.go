package sim

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/plural"
	"github.com/voipsim/voipsim/internal/terminal"
	"github.com/voipsim/voipsim/validator"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// String is the printed run (see WriteLog).
func (r *Result) String() string {
	var b strings.Builder
	_ = r.WriteLog(&b)
	return b.String()
}

// WriteLog prints the run: each script step as it starts (">"), the steps of the phone
// ("phone") and the app's calls ("app") with their verdicts and warnings, skipped script
// steps ("skip"), failures ("FAIL"), then a summary.
func (r *Result) WriteLog(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if r.Scenario.Name != "" {
		bw.WriteString("scenario " + word(r.Scenario.Name) + "\n")
	}
	for i := range r.Log {
		r.writeEntry(bw, &r.Log[i])
	}
	r.writeSummary(bw)
	return bw.Flush()
}

func (r *Result) writeEntry(w *bufio.Writer, e *Entry) {
	at := FormatTime(e.At)
	w.WriteString(strings.Repeat(" ", max(0, 8-len(at))) + at + "  ")
	switch e.Kind {
	case EntryScript:
		w.WriteString("> " + stepWords(&r.Scenario.Steps[e.Index]) + "\n")
	case EntrySkip:
		w.WriteString("> " + stepWords(&r.Scenario.Steps[e.Index]) + "\n")
		w.WriteString("            skip: " + terminal.Safe(e.Note) + "\n")
	case EntryStep:
		writeStep(w, &r.Steps[e.Index], &r.Outcomes[e.Index])
	case EntryFailure:
		f := &r.Failures[e.Index]
		w.WriteString("  FAIL " + f.Key() + ": " + terminal.Safe(f.Detail) + "\n")
	case EntryNote:
		w.WriteString("  note: " + terminal.Safe(e.Note) + "\n")
	}
}

// stepWords is a script step without its time.
func stepWords(st *Step) string {
	s := st.String()
	return s[strings.IndexByte(s, ' ')+1:]
}

func writeStep(w *bufio.Writer, s *validator.Step, out *validator.Outcome) {
	who := "  phone "
	if s.Op.IsAPI() {
		who = "  app   "
	}
	w.WriteString(who + "#" + itoa(int64(out.Seq)) + " " + DescribeStep(s))
	switch {
	case !s.Op.IsAPI() && out.Err != nil:
		w.WriteString(" -> " + terminal.Safe(out.Err.Error()))
	case !s.Op.IsAPI():
	case out.Err == nil && (s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall):
		w.WriteString(" -> ok " + out.Reason.String())
	case out.Err == nil:
		w.WriteString(" -> ok")
	default:
		if e, ok := errorOf(out.Err); ok {
			w.WriteString(" -> " + itoa(int64(e.Code)) + " " + e.Message() + " [" + e.Cause.String() + "] " + terminal.Safe(e.Detail))
		} else {
			w.WriteString(" -> " + terminal.Safe(out.Err.Error()))
		}
	}
	w.WriteByte('\n')
	for _, wn := range out.Warnings {
		w.WriteString("                 warning " + wn.Cause.String() + ": " + terminal.Safe(wn.Detail) + "\n")
	}
}

// DescribeStep prints one validator step on one line, e.g.
// `reportCallStateChange c1 ACTIVE` or `uiEvent c1 REJECT CELLULAR_CALL_EXISTS`. A callId,
// name or event type that is not one plain printable word is printed as a Go quoted
// string, the way a script writes it (`push "c 1"`), so that the line reads one way and
// sends nothing a terminal would act on.
func DescribeStep(s *validator.Step) string {
	b := []string{s.Op.String()}
	switch s.Op {
	case validator.OpOn, validator.OpOff:
		b = append(b, word(s.EventType))
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		a := &s.Attr
		b = append(b, word(a.CallID), typeWord(a.CallType), a.State.Short(), "user="+word(a.UserName))
		b = append(b, options(a)...)
	case validator.OpReportCallStateChange:
		b = append(b, word(s.CallID), s.State.Short())
		if s.HasCallType {
			b = append(b, typeWord(s.CallType))
		}
	case validator.OpReportCallAudioEventChange:
		b = append(b, word(s.CallID), strings.TrimPrefix(s.AudioEvent.String(), "AUDIO_EVENT_"))
	case validator.OpReportIncomingCallError:
		b = append(b, word(s.CallID), s.FailureCause.String())
	case validator.OpPush:
		b = append(b, word(s.CallID))
	case validator.OpUIEvent:
		b = append(b, word(s.CallID), strings.TrimPrefix(s.UIEvent.String(), "VOIP_CALL_EVENT_"))
		if s.ErrorReason != callstate.ReasonNone {
			b = append(b, s.ErrorReason.String())
		}
	case validator.OpInjectFault:
		b = append(b, itoa(int64(s.FaultCode)))
	}
	return strings.Join(b, " ")
}

// options lists the optional booleans an attribute sets.
func options(a *callstate.Attribute) []string {
	var out []string
	for _, o := range []struct {
		name string
		v    callstate.OptBool
	}{
		{"showBanner", a.ShowBannerForIncomingCall}, {"conference", a.IsConferenceCall},
		{"voiceAnswer", a.IsVoiceAnswerSupported}, {"muteRingtone", a.IsUserMuteRingToneAllowed},
		{"dialingDuringCarrier", a.IsDialingAllowedDuringCarrierCall},
	} {
		if o.v != callstate.Unset {
			out = append(out, o.name+"="+strconv.FormatBool(o.v == callstate.True))
		}
	}
	return out
}

func (r *Result) writeSummary(w *bufio.Writer) {
	c := &r.Counts
	w.WriteString("-- end at " + FormatTime(r.End) + ": " + plural.Count(c.Reports, "report") + ", " +
		plural.Count(c.Calls, "call") + ", " + itoa(int64(c.Failed)) + " refused, " + itoa(int64(c.Expected)) +
		" refused by the phone, " + plural.Count(c.Violations, "violation") + ", " + plural.Count(c.Panics, "panic") +
		", " + itoa(int64(c.Skipped)) + " skipped\n")
	if !r.Failed() {
		w.WriteString("PASS\n")
		return
	}
	w.WriteString("FAIL " + plural.Count(len(r.Failures), "failure") + ":\n")
	for i := range r.Failures {
		w.WriteString("  " + r.Failures[i].String() + "\n")
	}
}
