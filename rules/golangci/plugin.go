// Package golangci registers the hardcodedlocalhost analyzer as a golangci-lint
// v2 module plugin. It is separate from the analyzer so that only
// golangci-lint builds depend on plugin-module-register.
//
// A custom golangci-lint binary blank-imports this package; .golangci.yml
// then enables it:
//
//	linters:
//	  enable: [hardcodedlocalhost]
//	  settings:
//	    custom:
//	      hardcodedlocalhost:
//	        type: module
//	        settings:
//	          include-tests: false
//	          extra-sinks: ["github.com/nats-io/nats.go.Connect#0"]
package golangci

import (
	"github.com/golangci/plugin-module-register/register"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/analysis"
)

func init() {
	register.Plugin(hardcodedlocalhost.Name, New)
}

// Settings are the plugin's keys under settings: in .golangci.yml; unknown
// keys are rejected.
type Settings struct {
	IncludeTests bool     `json:"include-tests"`
	ExtraSinks   []string `json:"extra-sinks"`
}

// Plugin is the registered golangci-lint plugin.
type Plugin struct {
	cfg hardcodedlocalhost.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes settings from .golangci.yml.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, err
	}
	// golangci-lint would make each related location an issue of its own,
	// which a //nolint on the literal's line does not suppress; the message
	// names the sinks already.
	p := &Plugin{cfg: hardcodedlocalhost.Config{IncludeTests: s.IncludeTests, NoRelated: true, OwnCodeOnly: true}}
	for _, raw := range s.ExtraSinks {
		sk, err := hardcodedlocalhost.ParseSink(raw)
		if err != nil {
			return nil, err
		}
		p.cfg.ExtraSinks = append(p.cfg.ExtraSinks, sk)
	}
	return p, nil
}

// BuildAnalyzers returns the analyzer configured by the settings.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{hardcodedlocalhost.New(p.cfg)}, nil
}

// GetLoadMode asks for type information: sinks are recognised by type.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
