package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var yaml11Scalar = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "yaml-1-1-scalar", Severity: diag.Info, Enabled: true,
		Summary: "a value YAML 1.1 and YAML 1.2 read differently",
		What: "Reports, at the value, the YAML 1.1 spellings Compose still accepts but YAML 1.2 readers take otherwise: yes/no/on/off/y/n for a boolean field " +
			"(privileged, read_only, init, tty, external, ...), which compose-go converts with a warning that has no position; a mode or umask written with a leading 0 " +
			"(0755: octal to Compose, decimal 755 to YAML 1.2 readers); an unquoted port whose last part is below 60 (2222:22, a base-60 number to YAML 1.1). " +
			"Each has a fix that keeps the value Compose loads: true/false, 0o755, the port in quotes.",
		Why: "Compose reads these as meant, but prints \"is not supported by YAML 1.2\" on every run for the booleans, and every other tool in the chain " +
			"(editors' YAML servers, yq, docker-compose v1, linters) reads another value: a file mode of 755 decimal, a port of 133342, the string \"yes\". " +
			"The file means different things to different readers until it is spelled one way.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    privileged: yes\n    ports:\n      - 2222:22\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports:\n      - \"2222:22\"\n",
	},
	Check: checkYAML11Scalar,
}

var (
	yaml11Octal = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^0[0-7]+$`)
	})
	// YAML 1.1's base-60 integer: 190:20:30, 2222:22.
	yaml11Sexagesimal = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[1-9][0-9_]*(:[0-5]?[0-9])+$`)
	})
)

func checkYAML11Scalar(p *Pass) {
	// A node under an anchor is reached once per alias and merge key; it
	// is reported once. (Parsing bounds what aliases expand to.)
	reported := map[*compose.Node]bool{}
	path := make([]string, 0, 16) // deep enough for nearly every file: one buffer
	for _, d := range p.Project.Docs {
		walkYAML11(p, d.Root, path, reported)
	}
}

func walkYAML11(p *Pass, n *compose.Node, path []string, reported map[*compose.Node]bool) {
	if n == nil || reported[n] {
		return
	}
	if len(path) > 0 && strings.HasPrefix(path[0], "x-") {
		return
	}
	// path is one buffer for the whole walk: a value only reads it.
	switch n.Kind {
	case compose.Map:
		for _, pr := range n.Pairs {
			if len(path) > 0 && strings.HasPrefix(pr.Key.Value, "x-") {
				continue
			}
			walkYAML11(p, pr.Val, append(path, pr.Key.Value), reported)
		}
	case compose.Seq:
		for i, it := range n.Items {
			walkYAML11(p, it, append(path, strconv.Itoa(i)), reported)
		}
	case compose.Scalar:
		yaml11Value(p, n, path, reported)
	}
}

func yaml11Value(p *Pass, n *compose.Node, path []string, reported map[*compose.Node]bool) {
	if n.Segs != nil || n.Raw != n.Value {
		return // interpolated: the value is not what is written
	}
	report := func(msg, why, newText, desc string) {
		reported[n] = true
		d := diag.Diagnostic{Range: n.Range, Message: msg, Why: why}
		if newText != "" {
			d.Fix = &diag.Fix{Description: desc, Edits: []diag.TextEdit{{Range: n.Range, NewText: newText}}}
		}
		p.Report(d)
	}
	field := path[len(path)-1]
	if n.Tag == "!!str" && len(n.Value) <= 3 && compose.CastKind(path) == "bool" {
		var b string
		switch strings.ToLower(n.Value) {
		case "y", "yes", "on":
			b = "true"
		case "n", "no", "off":
			b = "false"
		default:
			return
		}
		report(fmt.Sprintf("%s: %s is a YAML 1.1 boolean; write %s", field, n.Raw, b),
			fmt.Sprintf("Compose reads %s but warns on every run that YAML 1.2 does not support it, and YAML 1.2 readers see the string %q", b, n.Value),
			b, "write "+b)
		return
	}
	if n.Quoted {
		return
	}
	if modeField(path) && n.Tag == "!!int" && yaml11Octal().MatchString(n.Raw) {
		fixed := "0o" + strings.TrimLeft(n.Raw, "0")
		report(fmt.Sprintf("%s: %s has a leading 0, octal only to YAML 1.1; write %s", field, n.Raw, fixed),
			fmt.Sprintf("Compose reads it as octal, as YAML 1.1 does, but YAML 1.2 readers read the decimal %s; both read %s as octal", strings.TrimLeft(n.Raw, "0"), fixed),
			fixed, "write "+fixed)
		return
	}
	if len(path) == 4 && path[0] == "services" && path[2] == "ports" && n.Tag == "!!str" && yaml11Sexagesimal().MatchString(n.Value) {
		report(fmt.Sprintf("the unquoted port %s is a base-60 number to YAML 1.1 readers; quote it", n.Value),
			fmt.Sprintf("docker-compose v1 reads %d; Compose reads it as a string, as meant", sexagesimal(n.Value)),
			`"`+n.Value+`"`, "quote the port")
	}
}

// modeField reports the file modes and umask, written as octal numbers.
func modeField(path []string) bool {
	if len(path) < 3 || path[0] != "services" {
		return false
	}
	last := path[len(path)-1]
	switch {
	case len(path) == 3 && last == "umask":
		return true
	case len(path) == 5 && last == "mode" && (path[2] == "configs" || path[2] == "secrets"):
		return true
	case len(path) == 6 && last == "mode" && path[2] == "volumes" && path[4] == "tmpfs":
		return true
	}
	return false
}

func sexagesimal(s string) int {
	v := 0
	for _, part := range strings.Split(strings.ReplaceAll(s, "_", ""), ":") {
		d, _ := strconv.Atoi(part) // the callers matched digits only
		v = v*60 + d
	}
	return v
}
