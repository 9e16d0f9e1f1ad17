package rules

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var dependsOnUnhealthy = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "depends-on-unhealthy", Severity: diag.Warning, Enabled: true,
		Summary: "depends_on waits for service_healthy on a service without a healthcheck",
		What: "Reports depends_on with condition: service_healthy when the service waited for has no healthcheck in the compose files nor a HEALTHCHECK in the Dockerfile it is built from (in its build.target stage), " +
			"or has one that is switched off (disable: true, test: [\"NONE\"]). A switched-off healthcheck is an error; a missing one is a warning, " +
			"because the image may define its own HEALTHCHECK, which the compose file does not show (official images such as postgres, redis or mysql define none; images known to define one, such as mysql/mysql-server, are not reported).",
		Why: "Compose waits until the dependency reports healthy. A container without a healthcheck never does: docker compose up fails with " +
			"\"container ... has no healthcheck configured\" and the dependent service never starts.",
		Example: "services:\n  db:\n    image: postgres:16\n  api:\n    build: ./api\n    depends_on:\n      db:\n        condition: service_healthy\n",
		UseInstead: "services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n      interval: 5s\n" +
			"  api:\n    build: ./api\n    depends_on:\n      db:\n        condition: service_healthy\n",
	},
	Check: checkDependsOnUnhealthy,
}

// noHealthcheckImages are official images known to define no HEALTHCHECK
// instruction: waiting for them to be healthy needs one in the compose file.
var noHealthcheckImages = map[string]bool{
	"postgres": true, "mysql": true, "mariadb": true, "redis": true, "mongo": true, "rabbitmq": true,
	"memcached": true, "nginx": true, "httpd": true, "node": true, "python": true, "golang": true,
	"elasticsearch": true, "cassandra": true, "zookeeper": true, "busybox": true, "alpine": true,
	"ubuntu": true, "debian": true, "valkey/valkey": true, "bitnami/postgresql": true, "bitnami/redis": true,
}

// healthcheckImages are images known to define a HEALTHCHECK instruction
// (Oracle's mysql/mysql-server runs /healthcheck.sh): waiting for them to
// be healthy works without one in the compose file.
var healthcheckImages = map[string]bool{
	"mysql/mysql-server": true, "mysql/mysql-cluster": true, "gitlab/gitlab-ce": true, "gitlab/gitlab-ee": true,
	"pihole/pihole": true, "vaultwarden/server": true,
}

func checkDependsOnUnhealthy(p *Pass) {
	seen := map[diag.Range]bool{}
	for _, s := range p.Project.Services {
		for _, dep := range s.DependsOn {
			if dep.Condition != "service_healthy" {
				continue
			}
			t := p.Project.Service(dep.Service)
			if t == nil {
				continue // an unknown or inactive service: another diagnostic's business
			}
			cond := s.Node.Path("depends_on", dep.Service, "condition")
			rng := dep.Key.Range
			if cond != nil {
				rng = cond.Range
			}
			if seen[rng] {
				continue // written once under an anchor shared by several services
			}
			seen[rng] = true
			users := dependents(p.Project, cond, dep.Service)
			if len(users) == 0 {
				users = []*compose.Service{s}
			}
			off, offAt := healthcheckOff(t.Healthcheck)
			switch {
			case off:
				p.Report(diag.Diagnostic{Range: rng, Severity: diag.Error,
					Message: fmt.Sprintf("%s for service %q to be healthy, but its healthcheck is disabled; enable it",
						verb(users, "waits", "wait"), t.Name),
					Why:     "a service whose healthcheck is disabled never becomes healthy, and docker compose up fails; remove the disable, or use condition: service_started",
					Related: []diag.Related{{Range: offAt, Message: fmt.Sprintf("healthcheck of service %q disabled here", t.Name)}}})
			case (t.Healthcheck == nil || t.Healthcheck.Get("test") == nil) && !p.Project.ImageHealthcheck(t) &&
				!(t.Build == nil && healthcheckImages[network.ImageName(t.Image)]):
				what := "no healthcheck is defined for it in the compose file"
				if t.Healthcheck != nil {
					what = "its healthcheck: in the compose file sets no test"
				}
				img := ""
				sev := diag.Warning
				if t.Image != "" && t.Build == nil {
					img = fmt.Sprintf(" (unless image %q defines a HEALTHCHECK)", t.Image)
					if noHealthcheckImages[network.ImageName(t.Image)] {
						img = fmt.Sprintf(" (image %q defines none either)", t.Image)
						sev = diag.Error
					}
				} else if t.Build != nil {
					img = " (unless its Dockerfile defines a HEALTHCHECK)"
				}
				p.Report(diag.Diagnostic{Range: rng, Severity: sev,
					Message: fmt.Sprintf("%s for service %q to be healthy, which has no healthcheck; add one",
						verb(users, "waits", "wait"), t.Name),
					Why:     fmt.Sprintf("%s%s; without one it never becomes healthy and docker compose up fails: add a healthcheck test to it, or use condition: service_started", what, img),
					Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}})
			}
		}
	}
}

// dependents returns the services whose depends_on entry for name is the
// node cond (several when it is written under a shared anchor).
func dependents(p *compose.Project, cond *compose.Node, name string) []*compose.Service {
	if cond == nil {
		return nil
	}
	var out []*compose.Service
	for _, s := range p.Services {
		if s.Node.Path("depends_on", name, "condition") == cond {
			out = append(out, s)
		}
	}
	return out
}

// healthcheckOff reports a healthcheck switched off, and where.
func healthcheckOff(hc *compose.Node) (bool, diag.Range) {
	if hc == nil {
		return false, diag.Range{}
	}
	if d := hc.Get("disable"); d != nil && strings.EqualFold(d.Str(), "true") {
		return true, d.Range
	}
	if t := hc.Get("test"); t != nil {
		first := t.Str()
		if t.Kind == compose.Seq && len(t.Items) > 0 {
			first = t.Items[0].Str()
		}
		if strings.EqualFold(strings.TrimSpace(first), "NONE") {
			return true, t.Range
		}
	}
	return false, diag.Range{}
}
