package callstate

import (
	"context"

	"github.com/looplab/fsm"
)

// Lifecycle declares, once, which states a live call may be reported in next (the table
// of the README, "Lifecycle of one call"). Each event is named after its target state, so firing event X means
// "reportCallStateChange(X)". Everything else is derived from this declaration: the
// compiled table the validator uses, the looplab reference the tests hold it against, and
// the diagrams of `voipsim graph`.
var Lifecycle = fsm.Events{
	{Name: StateAnswered.String(), Src: names(StateRinging), Dst: StateAnswered.String()},
	{Name: StateActive.String(), Src: names(StateRinging, StateAnswered, StateDialing, StateHolding), Dst: StateActive.String()},
	{Name: StateHolding.String(), Src: names(StateActive), Dst: StateHolding.String()},
	{Name: StateDisconnecting.String(), Src: names(StateRinging, StateAnswered, StateDialing, StateActive, StateHolding), Dst: StateDisconnecting.String()},
	{Name: StateDisconnected.String(), Src: names(StateRinging, StateAnswered, StateDialing, StateActive, StateHolding, StateDisconnecting), Dst: StateDisconnected.String()},
}

// Initial states of a new call: incoming calls start RINGING, outgoing calls DIALING.
const (
	InitialIncoming = StateRinging
	InitialOutgoing = StateDialing
)

func names(states ...CallState) []string {
	out := make([]string, len(states))
	for i, s := range states {
		out[i] = s.String()
	}
	return out
}

// transitions[from] has bit `to` set when the lifecycle allows from → to. Compiled once
// from Lifecycle so that checking a report costs an index and a shift.
var transitions = compileLifecycle(Lifecycle)

func compileLifecycle(events fsm.Events) [8]uint8 {
	var t [8]uint8
	for _, e := range events {
		to, err := ParseCallState(e.Dst)
		if err != nil || !to.Valid() {
			panic("callstate: lifecycle names an unknown state " + e.Dst)
		}
		for _, src := range e.Src {
			from, err := ParseCallState(src)
			if err != nil || !from.Valid() {
				panic("callstate: lifecycle names an unknown state " + src)
			}
			t[from] |= 1 << uint(to)
		}
	}
	return t
}

// CanTransition reports whether the lifecycle allows a live call in state from to be
// reported in state to. It does not allocate.
func CanTransition(from, to CallState) bool {
	if !from.Valid() || !to.Valid() {
		return false
	}
	return transitions[from]&(1<<uint(to)) != 0
}

// NewReferenceFSM builds a looplab FSM of the lifecycle standing in state from. It is the
// slow, obviously-right reference that tests and fuzzers hold CanTransition against.
func NewReferenceFSM(from CallState) *fsm.FSM {
	return fsm.NewFSM(from.String(), Lifecycle, nil)
}

// ReferenceTransition asks a fresh looplab FSM whether from → to is allowed.
func ReferenceTransition(from, to CallState) bool {
	return NewReferenceFSM(from).Event(context.Background(), to.String()) == nil
}
