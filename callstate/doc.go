// Package callstate is the vocabulary of the HarmonyOS voipCall API as voipsim models it:
// the enums with their exact ArkTS values, the call attribute, the error codes with their
// exact messages and machine-readable causes, the lifecycle of one call, and the Kit
// interface that app code reports through.
//
// Everything here is data and pure functions; the rules that use them live in package
// validator.
package callstate
