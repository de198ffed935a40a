// Package validator is the call service itself, modeled: a pure state machine that takes
// the app's voipCall calls and the steps of the phone around it, one at a time, and answers
// each as the real service would — with its code and exact message, plus the rule that
// fired (the cause) and the earlier step behind it. The rules, in the order they are
// checked, with their [doc]/[policy] marks, are in the README ("The rules"), and
// `voipsim codes` lists every cause.
//
// A Validator has no I/O, no goroutines and no wall clock: time comes from each Step or
// from an injected Clock, so the same sequence always gets the same verdicts. It is safe
// for concurrent use, and it implements callstate.Kit, so an app's reporting code can be
// tested against it directly:
//
//	v := validator.New()
//	_ = v.On(callstate.UIEventType, app.onUIEvent)
//	reason, err := v.ReportIncomingCall(attr)
//	if errors.Is(err, callstate.CauseIncomingLimit) { ... }
//	for _, o := range v.Finish() { t.Error(o.Detail) }
//
// Order of checks for one report (the first that applies decides): 401 parameter-type;
// the stateless 1007200001 checks; 1007200002 while the service is stopped; an injected
// fault; the stateful 1007200001 checks; the 1007200003 limits; success.
package validator
