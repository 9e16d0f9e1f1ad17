// Command hardcodedlocalhost runs the hardcodedlocalhost analyzer standalone
// (hardcodedlocalhost ./...) or under go vet
// (go vet -vettool=$(command -v hardcodedlocalhost) ./...).
package main

import (
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(hardcodedlocalhost.Analyzer) }
