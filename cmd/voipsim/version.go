package main

import (
	"runtime"
	"runtime/debug"
)

// version is what voipsim --version prints: the module version the binary was built at,
// as `go install …@v1.2.0` records it, or "(devel)" when the build recorded none, then the
// Go release that built it, which decides the runtime's behaviour too.
func version() string {
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	return v + " " + runtime.Version()
}
