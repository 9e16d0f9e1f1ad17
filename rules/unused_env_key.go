package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var unusedEnvKey = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unused-env-key", Severity: diag.Info, Enabled: false,
		Summary:    "a key of the project .env that no compose file interpolates",
		What:       "Reports keys of the project .env (or --env-file) that no compose file of the project uses as ${VAR}, that no service takes as a bare environment: key, that no other .env value references, and that Compose does not read itself (COMPOSE_*, DOCKER_*). Silent for a variant project whose directory holds other compose files; the directory's base project is still checked alone, so a key only a sibling file (not layered into it) uses is reported. Off by default: applications often read .env on their own, and a key only a sibling compose file uses is reported for the base project, as said above.",
		Why:        "The project .env feeds only ${VAR} interpolation, not the containers: a key nobody interpolates is either dead or meant for a service that never receives it (it needs env_file: or environment:).",
		Example:    "# file: .env\nTAG=1.4\nAPI_URL=http://api:3000\n# file: compose.yaml\nservices:\n  api:\n    image: nginx\n    environment:\n      TAG: ${TAG}\n",
		UseInstead: "# file: .env\nTAG=1.4\nAPI_URL=http://api:3000\n# file: compose.yaml\nservices:\n  api:\n    image: nginx\n    environment:\n      TAG: ${TAG}\n      API_URL: ${API_URL}\n",
	},
	Check: checkUnusedEnvKey,
}

// envRef finds ${NAME...} and $NAME in a .env value.
var envRef = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)
})

func checkUnusedEnvKey(p *Pass) {
	proj := p.Project
	if len(proj.Files) == 0 || len(proj.Siblings) > 0 || proj.Fragment {
		// A standalone env file has no compose file to use it; a .env
		// shared by sibling compose files may be used by another one.
		return
	}
	used := map[string]bool{}
	for _, ref := range proj.VarUses {
		used[ref.Use.Name] = true
	}
	for _, rq := range proj.Required {
		used[rq.Name] = true
	}
	// A bare "KEY" under environment: or build.args takes its value from
	// the interpolation environment, .env included.
	for _, sv := range proj.Services {
		for _, ev := range append(append([]compose.EnvVar(nil), sv.Env...), sv.BuildArgs...) {
			if ev.From != compose.FromEnvFile && ev.KeyAt != nil && (ev.Value == nil || ev.Value.Range.File != ev.KeyAt.Range.File) {
				used[ev.Key] = true
			}
		}
	}
	for _, ef := range envFiles(proj) {
		for _, e := range ef.Parsed.Entries {
			if e.Quote == '\'' {
				continue
			}
			for _, m := range envRef().FindAllStringSubmatch(e.Raw, -1) {
				used[m[1]] = true
			}
		}
	}
	for _, ef := range envFiles(proj) {
		if ef.Role != compose.RoleProject {
			continue // an env_file: target feeds a container
		}
		// The entry Compose keeps for each key (the last one set), found in
		// one pass: a Lookup per entry made 100k keys take minutes.
		last := map[string]int{}
		for i, e := range ef.Parsed.Entries {
			if !e.Unset {
				last[e.Key] = i
			}
		}
		for i, e := range ef.Parsed.Entries {
			if e.Key == "" || e.Unset || used[e.Key] || composeReads(e.Key) {
				continue
			}
			if li, ok := last[e.Key]; !ok || li != i {
				continue // duplicate-env-key covers the earlier lines
			}
			p.Report(diag.Diagnostic{Range: e.KeyRange,
				Message: fmt.Sprintf("%q is not used by any ${%s} in the compose files; reference it or remove it", e.Key, e.Key),
				Why: fmt.Sprintf("the project .env only feeds interpolation, not containers: reference it as environment: {%s: ${%s}}; keep it if an application reads the file itself",
					e.Key, e.Key)})
		}
	}
}

// composeReads reports whether Compose or the Docker CLI reads key from the
// project .env itself.
func composeReads(key string) bool {
	return strings.HasPrefix(key, "COMPOSE_") || strings.HasPrefix(key, "DOCKER_") || key == "BUILDKIT_PROGRESS"
}
