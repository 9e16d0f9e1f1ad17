package rules

import (
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/schema"
	"github.com/reachlint/reachlint/linter/suppress"
)

// Diagnostics the engine reports while reading files. They have docs like
// every rule, and can be configured, but no Check.
var (
	yamlSyntax          = &Rule{RuleInfo: compose.YAMLSyntax}
	composeSchema       = &Rule{RuleInfo: schema.Info}
	composeConsistency  = &Rule{RuleInfo: compose.Consistency}
	composeFile         = &Rule{RuleInfo: compose.FileRule}
	envFileMissing      = &Rule{RuleInfo: compose.EnvFileMissing}
	interpolationSyntax = &Rule{RuleInfo: compose.InterpolationSyntax}
)

// suppressionRules are reported by the inline-suppression filter.
func suppressionRules() []*Rule {
	out := make([]*Rule, len(suppress.Rules))
	for i, info := range suppress.Rules {
		out[i] = &Rule{RuleInfo: info}
	}
	return out
}
