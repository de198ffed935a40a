package main

import (
	"runtime"
	"runtime/debug"
)

// version is what voipsim --version prints: the module version the binary was built at,
// as `go install …@v1.2.0` records it, or "(devel)" when the build recorded none, then the
// Go release that built it, which decides the runtime's behaviour too.
func version() string {
	return moduleVersion(debug.ReadBuildInfo()) + " " + runtime.Version()
}

// moduleVersion is the main module's version in a build's info, "(devel)" without one.
func moduleVersion(info *debug.BuildInfo, ok bool) string {
	if ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
