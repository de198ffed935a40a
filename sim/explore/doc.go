// Package explore hunts for the bugs hand-written scenarios miss: it generates random
// scenarios for package sim from a seed, runs campaigns of them over many seeds in
// parallel, and shrinks each failure to a minimal scenario script that replays it exactly.
//
// One generator serves three drivers, so that a seed, a fuzzer's bytes and a rapid draw
// all describe scenarios the same way:
//
//   - Generate(seed, steps): swarm-style random scenarios from a PCG seed. Each seed first
//     draws its own Mix — weights for pushes, dialing, banner actions, carrier calls,
//     crashes, faults and far-end events, some of them zero, a pool of callIds and a
//     longest pause — then the steps, so that rare combinations get explored. Same seed,
//     same scenario, byte for byte. Campaign runs seeds on a pool of workers, or one shard
//     of them, and sums them up in seed order into a Summary that merges with the other
//     shards' (Merge); Shrink reduces a failing scenario structurally (ddmin on steps,
//     fewer callIds, whole-second times, simpler arguments). Campaign.Test runs a
//     campaign inside go test and fails the test once per kind of failure, with its
//     shrunk script and the run of it.
//   - ScenarioFromBytes(data): a total, stable decoder for go test -fuzz (Fuzz wraps an
//     app as a fuzz target): every byte string is a scenario, five bytes per step, so a
//     changed byte changes one step.
//   - ScenarioGen(): a rapid generator for property-based tests; rapid shrinks its own
//     draws, and the draws are laid out so that smaller is simpler (0 is the first callId,
//     voice, no name, no pause).
//
// Generated scenarios play a fair phone (Fair): at most MaxFaults injected faults, a
// crashed service back within MaxOutage and calm for Calm after, no push repeated within
// Calm. They end with a WindDown that hangs every call up, so that a call still live at
// the end is the app's leak. A robust app passes them all, and a failure is the app's:
// a refused report it could have avoided, an obligation not met in time, a leaked call,
// a panic, a stall (sim.Result.Failures), told apart by sim.Failure.Key.
//
// A Repro is a shrunk scenario saved as a script whose comments name the app and the
// failure; `voipsim simulate --script FILE` replays it, and a test can replay every saved
// one (see TestRegressions and testdata/regressions).
package explore
