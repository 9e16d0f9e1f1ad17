// Command reachlint lints Docker Compose files, .env configs and Go sources
// for the networking mistakes that make a stack fail at runtime.
package main

import (
	"os"

	"github.com/reachlint/reachlint/internal/cli"
)

func main() {
	st, _ := os.Stdout.Stat()
	cwd, _ := os.Getwd()
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Cwd: cwd, Environ: os.Environ(), IsTerminal: st != nil && st.Mode()&os.ModeCharDevice != 0,
	}))
}
