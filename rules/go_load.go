package rules

import "github.com/reachlint/reachlint/linter/diag"

// GoLoadName is the rule of Go code that could not be checked; the Go
// loader (linter/golang) reports it, like yaml-syntax for compose files.
const GoLoadName = "go-load"

var goLoad = &Rule{RuleInfo: diag.RuleInfo{
	Name: GoLoadName, Severity: diag.Error, Enabled: true,
	Summary: "a Go package could not be loaded or type-checked, so it was not checked",
	What: "Reports each Go package that go list cannot load or that does not type-check (a module missing from the module cache, " +
		"a go line newer than the installed Go, a type error), at the first error or at go.mod. Packages that one cause stops are one " +
		"finding: those whose imports the module cache lacks, at their module's go.mod, counted, with what is missing (one go mod " +
		"download fixes them all); those that fail at the same place on the same error, at that place; an error inside a dependency, " +
		"at go.mod. Loading never uses the network, " +
		"never downloads a toolchain and never runs a C compiler (GOPROXY=off, GOTOOLCHAIN=local, CGO_ENABLED=0); a module's package that uses cgo is " +
		"type-checked from the files a build with cgo compiles, its C names left unknown, so that code using an API only its cgo files declare (confluent-kafka-go's Producer) is checked.",
	Why: "A CI gate that skips code it could not read must not pass quietly: a hardcoded localhost in an unchecked package still fails " +
		"at runtime. The rule runs whenever the Go analyzer does (also after --disable all) unless it is disabled by name. " +
		"Set it to warning or info in the configuration to report without failing, or run go mod download first.",
	Example:    "// file: go.mod\nmodule example.com/app\n\ngo 1.99\n",
	UseInstead: "// file: go.mod\nmodule example.com/app\n\ngo 1.26.0\n",
}}
