// Command reachlint lints Docker Compose files, .env configs and Go sources
// for the networking mistakes that make a stack fail at runtime.
package main

import (
	"os"

	"github.com/reachlint/reachlint/linter"
)

func main() {
	st, _ := os.Stdout.Stat()
	isTerm := st != nil && st.Mode()&os.ModeCharDevice != 0
	cwd, _ := os.Getwd()
	os.Exit(linter.Main(os.Args[1:], &linter.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Cwd: cwd, Environ: os.Environ(), IsTerminal: isTerm,
	}))
}
