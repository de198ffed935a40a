// Package readme keeps the Go snippets of the project's README.md true: each one is
// copied, verbatim, into a test or fuzz target of this package between marker comments,
//
//	// README:begin NAME
//	…the snippet…
//	// README:end NAME
//
// where it compiles and runs against myapp, the stand-in for the reader's app. And
// TestREADMESnippetsAreMarked fails when a ```go block of README.md and the marked regions
// part ways: a block edited, a region edited, either one added or removed; with -update,
// it copies each region that differs into README.md, over the block closest to it. The
// package holds no code besides: it is its tests.
package readme
