// Package trace reads, checks and writes voipsim traces: JSON Lines files that record the
// calls an app made to the call service and what happened around it. The format, the
// text and JSON output of a check and its exit statuses are in the README, "Checking a
// recorded trace".
//
// Writer turns validator Steps into trace lines (the simulator records its runs with it).
// Check streams a trace through a validator and reports one Record per line that is not a
// comment, then a Summary. Every verdict comes from package validator; this package only
// decodes lines into Steps and encodes the answers.
//
// The decoder is a small, strict, allocation-free JSON scanner: checking a trace must run at
// well over a million lines a second with flat memory, which encoding/json cannot do.
package trace
