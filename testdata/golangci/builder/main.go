// Command builder is golangci-lint v2.15.0 with the hardcodedlocalhost module
// plugin compiled in: the offline equivalent of `golangci-lint custom`, which
// needs to clone golangci-lint from GitHub.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/reachlint/reachlint/rules/golangci"
)

func main() {
	if err := commands.Execute(commands.BuildInfo{Version: "2.15.0-reachlint", GoVersion: "go", Commit: "none", Date: "none"}); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
