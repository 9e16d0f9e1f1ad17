// Command reachlint lints Docker Compose files, .env configs and Go sources
// for the networking mistakes that make a stack fail at runtime.
package main

import (
	"os"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/golang"
	"github.com/reachlint/reachlint/linter/lsp"
)

func main() {
	st, _ := os.Stdout.Stat()
	isTerm := st != nil && st.Mode()&os.ModeCharDevice != 0
	cwd, _ := os.Getwd()
	os.Exit(linter.Main(os.Args[1:], &linter.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Cwd: cwd, Environ: os.Environ(), IsTerminal: isTerm,
		GoLint: lintGo,
		LSP:    lsp.Serve,
	}))
}

// lintGo runs the Go analyzer on the modules below DIR/... roots and on the
// directories of .go files named on the command line, telling it which
// compose services build which directories. Packages that cannot be checked
// come back as go-load diagnostics.
func lintGo(cwd string, roots, dirs []string, services []linter.GoService, tests bool) ([]diag.Diagnostic, error) {
	o := golang.Options{IncludeTests: tests, Cwd: cwd}
	if dir := golang.DefaultCacheDir(os.Getenv); dir != "" {
		o.Cache = &golang.Cache{Dir: dir}
	}
	for _, s := range services {
		o.Services = append(o.Services, golang.Service{
			Name: s.Name, Context: s.Context, Dockerfile: s.Dockerfile, Env: s.Env, Command: s.Command, At: s.At,
		})
	}
	return golang.Lint(roots, dirs, o), nil
}
