package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/graph"
	"github.com/reachlint/reachlint/linter/graph/graphviz"
)

// graphFormats are what `reachlint graph --format` accepts.
var graphFormats = append(slices.Clone(graph.Formats), "svg")

// graphCmd is `reachlint graph [flags] [PATH]`: it lints one project and
// draws it, the connections a rule flags drawn broken. Drawing is its
// output, so findings do not change the exit code.
func graphCmd(args []string, e *Env) int {
	c := &cli{}
	var format, out string
	var focus commaMulti
	var collapse bool
	fs := flag.NewFlagSet("reachlint graph", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&format, "format", "mermaid", "diagram format: "+strings.Join(graphFormats, ", ")+" (svg runs Graphviz's dot)")
	fs.StringVar(&out, "output", "", "write the diagram to this file (default: stdout)")
	fs.Var(&focus, "focus", "draw these services, what they connect to or from and their namespaces; collapse the rest (comma-separated, repeatable)")
	fs.BoolVar(&collapse, "collapse", false, "collapse services without connections into one node per network")
	fs.Var(&c.files, "f", "compose file (repeatable), like docker compose -f")
	fs.Var(&c.files, "file", "same as -f")
	fs.StringVar(&c.projectDir, "project-directory", "", "project directory (default: the first compose file's directory)")
	fs.StringVar(&c.projectName, "p", "", "project name")
	fs.StringVar(&c.projectName, "project-name", "", "same as -p")
	fs.Var(&c.envFiles, "env-file", "env file for interpolation (repeatable; default: the project's .env)")
	fs.Var(&c.profiles, "profile", "draw only services of this profile (repeatable)")
	fs.BoolVar(&c.noEnv, "no-env", false, "ignore the process environment when interpolating")
	fs.StringVar(&c.configPath, "config", "", "configuration file (default: .reachlint.yaml found walking up)")
	fs.BoolVar(&c.noConfig, "no-config", false, "use no configuration file")
	fs.Var(&c.enable, "enable", "enable rules (comma-separated, repeatable, \"all\")")
	fs.Var(&c.disable, "disable", "disable rules (comma-separated, repeatable, \"all\")")
	fs.BoolVar(&c.noInline, "no-inline-ignore", false, "disregard reachlint-ignore comments and x-reachlint")
	fs.Usage = func() {}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.Stdout, `reachlint graph draws a project: services, networks, the host, and every connection reachlint
found in environment, env files, build args, commands and healthchecks; connections a rule flags are
red and dashed, labelled with the rule and the fix.

Usage:
  reachlint graph [flags] [PATH]

Flags:
`)
			fs.SetOutput(e.Stdout)
			fs.PrintDefaults()
			return ExitClean
		}
		fmt.Fprintln(e.Stderr, "run 'reachlint graph -h' for the flags")
		return ExitUsage
	}
	if !slices.Contains(graphFormats, format) {
		return usageErr(e, "unknown graph format %q (use %s)", format, strings.Join(graphFormats, ", "))
	}
	if len(paths) > 1 {
		return usageErr(e, "graph draws one project; give one PATH (got %d)", len(paths))
	}
	cfg, code := c.loadConfig(paths, e)
	if code != 0 {
		return code
	}
	o := linter.Options{
		FS: e.FS, Cwd: e.Cwd, Paths: paths, Files: c.files, ProjectDir: c.projectDir,
		Profiles: c.profiles, ProjectName: c.projectName, Config: cfg, NoInline: c.noInline,
		Environ: environMap(e.Environ), EnvFiles: c.envFiles, KeepModels: true,
	}
	if c.noEnv {
		o.Environ = nil
	}
	res, err := linter.Run(o)
	if err != nil {
		return usageErr(e, "%v", err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.Stderr, "reachlint: %s\n", n)
	}
	switch len(res.Models) {
	case 0:
		return usageErr(e, "no compose project to draw")
	case 1:
	default:
		var dirs []string
		for _, m := range res.Models {
			dirs = append(dirs, m.Project().Dir)
		}
		return usageErr(e, "graph draws one project; %d found (%s): give one of them", len(dirs), strings.Join(dirs, ", "))
	}
	g, err := graph.Build(res.Models[0], res.Diags, graph.Options{Focus: focus, Collapse: collapse, Mask: res.Mask})
	if err != nil {
		return usageErr(e, "%v", err)
	}
	var buf bytes.Buffer
	if format == "svg" {
		if err := graph.DOT(&buf, g); err != nil {
			return usageErr(e, "%v", err)
		}
		svg, err := graphviz.SVG(buf.Bytes())
		if err != nil {
			return usageErr(e, "%v", err)
		}
		buf.Reset()
		buf.Write(svg)
	} else if err := graph.Write(&buf, format, g); err != nil {
		fmt.Fprintf(e.Stderr, "reachlint: %v\n", err)
		return ExitInternal
	}
	w := e.Stdout
	if out != "" {
		f, err := os.Create(absOpt(e.Cwd, out))
		if err != nil {
			return usageErr(e, "cannot write %s: %v", out, unwrap(err))
		}
		defer func() { _ = f.Close() }()
		w = f
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return usageErr(e, "writing the diagram: %v", err)
	}
	return ExitClean
}

// writeGraphSummary appends the Mermaid diagram of each linted project to
// the GitHub step summary (--graph-summary).
func writeGraphSummary(w io.Writer, res *linter.Result) error {
	for _, m := range res.Models {
		g, err := graph.Build(m, res.Diags, graph.Options{Mask: res.Mask})
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := graph.Mermaid(&b, g); err != nil {
			return err
		}
		title := "the stack"
		if len(res.Models) > 1 {
			title = "project " + g.Project
		}
		broken := 0
		for _, e := range g.Edges {
			if e.Broken {
				broken++
			}
		}
		note := "no broken connection"
		if broken > 0 {
			note = fmt.Sprintf("%d broken connection(s) in red", broken)
		}
		if _, err := fmt.Fprintf(w, "\n### reachlint: %s (%s)\n\n```mermaid\n%s```\n", title, note, b.String()); err != nil {
			return err
		}
	}
	return nil
}
