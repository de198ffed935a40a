package validator_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// allowsFrom is how an illegal-transition detail lists the lifecycle's targets (SPEC.md
// section 4), in numeric order of the states.
var allowsFrom = map[callstate.CallState]string{
	callstate.StateRinging:       "ACTIVE, DISCONNECTED, ANSWERED, DISCONNECTING",
	callstate.StateAnswered:      "ACTIVE, DISCONNECTED, DISCONNECTING",
	callstate.StateDialing:       "ACTIVE, DISCONNECTED, DISCONNECTING",
	callstate.StateActive:        "HOLDING, DISCONNECTED, DISCONNECTING",
	callstate.StateHolding:       "ACTIVE, DISCONNECTED, DISCONNECTING",
	callstate.StateDisconnecting: "DISCONNECTED",
}

// form is one way to report a state: the two-argument form, or the three-argument form
// keeping or switching the call type.
type form struct {
	name       string
	three      bool // the three-argument form
	switchType bool // with the other type
}

var forms = []form{{name: "two-argument"}, {name: "three-argument, same type", three: true}, {name: "three-argument, other type", three: true, switchType: true}}

func typeOf(dir validator.Direction) callstate.CallType {
	if dir == validator.Outgoing {
		return callstate.CallVoice
	}
	return callstate.CallVideo
}

func (f form) report(v *validator.Validator, id string, to callstate.CallState, typ callstate.CallType) (callstate.CallType, error) {
	if !f.three {
		return typ, v.ReportCallStateChange(id, to)
	}
	if f.switchType {
		typ = 1 - typ
	}
	return typ, v.ReportCallStateChangeWithType(id, to, typ)
}

// TestLifecycleStrict reports every target 0..7 from every live state, incoming and
// outgoing, in every form: the rows of SPEC.md section 4 succeed, the non-rows are
// illegal-transition, the current state is duplicate-report unless the type changes.
func TestLifecycleStrict(t *testing.T) {
	for _, l := range liveStates {
		for to := callstate.CallState(0); to <= 7; to++ {
			for _, f := range forms {
				t.Run(fmt.Sprintf("%s to %s, %s", l, to.Short(), f.name), func(t *testing.T) {
					v := subscribed(t)
					since := l.bring(t, v, "x")
					typ := typeOf(l.dir)
					newType, err := f.report(v, "x", to, typ)
					switch {
					case to == l.state && newType == typ:
						requireFails(t, err, invalidValue(callstate.CauseDuplicateReport,
							fmt.Sprintf("call x is already %s as a %s call (since step %d)", to.Short(), typeWord(typ), since)))
					case to == l.state || callstate.ReferenceTransition(l.state, to):
						require.NoError(t, err)
						requireCallAfter(t, v, to, newType, since+1)
						return
					default:
						requireFails(t, err, invalidValue(callstate.CauseIllegalTransition,
							fmt.Sprintf("call x is %s (since step %d); the lifecycle allows %s from there, not %s",
								l.state.Short(), since, allowsFrom[l.state], to.Short())))
					}
					requireCallAfter(t, v, l.state, typ, since)
				})
			}
		}
	}
}

// requireCallAfter checks call x after a report: gone after DISCONNECTED, else in state
// with type, last changed at step since.
func requireCallAfter(t *testing.T, v *validator.Validator, state callstate.CallState, typ callstate.CallType, since int) {
	t.Helper()
	c, ok := v.Call("x")
	if state == callstate.StateDisconnected {
		assert.False(t, ok, "DISCONNECTED ends the call")
		assert.Empty(t, v.Calls())
		return
	}
	require.True(t, ok)
	assert.Equal(t, state, c.State)
	assert.Equal(t, typ, c.Type)
	assert.Equal(t, since, c.Since)
}

func typeWord(t callstate.CallType) string {
	if t == callstate.CallVideo {
		return "video"
	}
	return "voice"
}

// TestLifecycleDocumented: the documented profile accepts any state 0..7 for a live call,
// the current one included; DISCONNECTED still ends it.
func TestLifecycleDocumented(t *testing.T) {
	for _, l := range liveStates {
		for to := callstate.CallState(0); to <= 7; to++ {
			for _, f := range forms {
				t.Run(fmt.Sprintf("%s to %s, %s", l, to.Short(), f.name), func(t *testing.T) {
					v := subscribed(t, validator.WithProfile(validator.Documented))
					since := l.bring(t, v, "x")
					newType, err := f.report(v, "x", to, typeOf(l.dir))
					require.NoError(t, err)
					requireCallAfter(t, v, to, newType, since+1)
				})
			}
		}
	}
}

func TestTwoArgumentFormKeepsTheType(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChangeWithType("c1", callstate.StateRinging, callstate.CallVoice))
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateActive))
	c, _ := v.Call("c1")
	assert.Equal(t, callstate.CallVoice, c.Type)
	assert.Equal(t, callstate.CallVideo, c.Attr.CallType, "the attribute stays as reported")
	require.NoError(t, v.ReportCallStateChangeWithType("c1", callstate.StateActive, callstate.CallVideo))
	c, _ = v.Call("c1")
	assert.Equal(t, callstate.CallVideo, c.Type)
}

// TestNewCallInitialState: strict accepts only RINGING (incoming) and DIALING (outgoing);
// documented starts an incoming call in the state it was reported with.
func TestNewCallInitialState(t *testing.T) {
	for _, p := range []validator.Profile{validator.Strict, validator.Documented} {
		for s := callstate.CallState(0); s <= 7; s++ {
			t.Run(fmt.Sprintf("%s incoming %s", p, s.Short()), func(t *testing.T) {
				v := subscribed(t, validator.WithProfile(p))
				reason, err := v.ReportIncomingCall(with(incoming("c1"), func(a *callstate.Attribute) { a.State = s }))
				if p == validator.Strict && s != callstate.StateRinging {
					requireFails(t, err, invalidValue(callstate.CauseIncomingNotRinging,
						"reportIncomingCall needs VOIP_CALL_STATE_RINGING, got "+s.String()))
					assert.Empty(t, v.Calls())
					return
				}
				require.NoError(t, err)
				assert.Equal(t, callstate.ReasonNone, reason)
				if s == callstate.StateDisconnected {
					assert.Empty(t, v.Calls(), "a call reported DISCONNECTED ends at once")
					return
				}
				c, ok := v.Call("c1")
				require.True(t, ok)
				assert.Equal(t, s, c.State)
				assert.Equal(t, validator.Incoming, c.Direction)
			})
			t.Run(fmt.Sprintf("%s outgoing %s", p, s.Short()), func(t *testing.T) {
				v := subscribed(t, validator.WithProfile(p))
				_, err := v.ReportOutgoingCall(with(outgoing("o1"), func(a *callstate.Attribute) { a.State = s }))
				if s != callstate.StateDialing {
					requireFails(t, err, invalidValue(callstate.CauseOutgoingNotDialing,
						"reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got "+s.String()))
					return
				}
				require.NoError(t, err)
				c, _ := v.Call("o1")
				assert.Equal(t, callstate.StateDialing, c.State)
				assert.Equal(t, validator.Outgoing, c.Direction)
			})
		}
	}
}

// TestReportIncomingCallError: strict ends only a ringing incoming call; documented ends
// any live call; a callId that is not live succeeds and settles its push.
func TestReportIncomingCallError(t *testing.T) {
	for _, p := range []validator.Profile{validator.Strict, validator.Documented} {
		for _, l := range liveStates {
			t.Run(p.String()+" "+l.String(), func(t *testing.T) {
				v := subscribed(t, validator.WithProfile(p))
				since := l.bring(t, v, "x")
				err := v.ReportIncomingCallError("x", callstate.FailureRouteBusy)
				if p == validator.Documented || (l.dir == validator.Incoming && l.state == callstate.StateRinging) {
					require.NoError(t, err)
					assert.Empty(t, v.Calls())
					return
				}
				requireFails(t, err, invalidValue(callstate.CauseIllegalTransition, fmt.Sprintf(
					"call x is an %s call in %s (since step %d); reportIncomingCallError ends only an incoming call in RINGING",
					l.dir, l.state.Short(), since)))
				requireCallAfter(t, v, l.state, typeOf(l.dir), since)
			})
		}
	}
	for _, cause := range []callstate.FailureCause{callstate.FailureOther, callstate.FailureRouteBusy, callstate.FailureConnectionFailed} {
		t.Run("unknown callId declines its push with "+cause.String(), func(t *testing.T) {
			v := subscribed(t)
			v.Push("p1")
			require.Len(t, v.Pending(), 1)
			require.NoError(t, v.ReportIncomingCallError("p1", cause))
			assert.Empty(t, v.Pending())
			assert.Empty(t, v.Finish())
			require.NoError(t, v.ReportIncomingCallError("never-pushed", cause))
		})
	}
}

// TestCallIDReuse: once a call has ended its callId may be reported again, as a new call.
func TestCallIDReuse(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateActive))
	require.NoError(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted))
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected)) // step 6

	_, err = v.ReportOutgoingCall(outgoing("c1")) // step 7
	require.NoError(t, err)
	c, ok := v.Call("c1")
	require.True(t, ok)
	assert.Equal(t, validator.Call{ID: "c1", Direction: validator.Outgoing, Type: callstate.CallVoice,
		State: callstate.StateDialing, Attr: outgoing("c1"), ReportedAt: 7, Since: 7}, c, "nothing of the old call survives")
	assert.Empty(t, v.Pending())
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected))
	_, err = v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
}
