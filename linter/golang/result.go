package golang

import (
	"go/token"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/analysis"
)

// pkgResult is what the analyzer found in one package, with positions as
// absolute paths and byte offsets: independent of a token.FileSet, so it can
// be cached and converted later. Who runs the code (the compose services) is
// decided when it is converted, not here.
type pkgResult struct {
	HostPkg   bool          `json:"hostPkg,omitempty"` // the package runs docker
	Main      bool          `json:"main,omitempty"`    // the package is a program
	Findings  []finding     `json:"findings,omitempty"`
	Fallbacks []fallbackRec `json:"fallbacks,omitempty"`
	// FieldUses are the struct fields (their declarations) whose values
	// reach sinks in the package, and where.
	FieldUses []fieldUse `json:"fieldUses,omitempty"`
}

// fieldUse is a read of a field, declared at Field, that reaches a sink at At.
type fieldUse struct {
	Field span `json:"field"`
	At    span `json:"at"`
}

// span is a byte range of a file: [start, end) offsets.
type span struct {
	File    string `json:"file"`
	Offsets [2]int `json:"offsets"`
}

type finding struct {
	At      span         `json:"at"`
	Message string       `json:"message"`
	Related []relatedRec `json:"related,omitempty"`
	Fix     *fixRec      `json:"fix,omitempty"`
	// Listen is the port of a listen address on loopback (-1 when the port
	// is not known), 0 for a destination.
	Listen int `json:"listen,omitempty"`
}

type relatedRec struct {
	At      span   `json:"at"`
	Message string `json:"message"`
}

type fixRec struct {
	Message string    `json:"message"`
	Edits   []editRec `json:"edits"`
}

type editRec struct {
	Offsets [2]int `json:"offsets"`
	Text    string `json:"text"`
}

type fallbackRec struct {
	At   span   `json:"at"`
	Var  string `json:"var,omitempty"`
	Flag string `json:"flag,omitempty"`
	// FlagSet is the subcommand the flag belongs to, "" for the program's.
	FlagSet string `json:"flagSet,omitempty"`
	Value   string `json:"value"`
	Host    string `json:"host"`
	Field   *span  `json:"field,omitempty"` // a struct-tag default's field
}

func spanOf(fset *token.FileSet, pos, end token.Pos) (span, bool) {
	if !pos.IsValid() {
		return span{}, false
	}
	// Unadjusted: offsets must index the file as it is on disk, not where a
	// //line directive says it came from.
	p := fset.PositionFor(pos, false)
	e := p
	if end.IsValid() {
		e = fset.PositionFor(end, false)
	}
	return span{File: p.Filename, Offsets: [2]int{p.Offset, e.Offset}}, true
}

// resultOf records a root action's findings.
func resultOf(act *action) pkgResult {
	r := pkgResult{HostPkg: runsDocker(act.pkg), Main: act.pkg.Name == "main"}
	fset := act.pkg.Fset
	for _, d := range act.diags {
		if f, ok := findingOf(fset, d); ok {
			r.Findings = append(r.Findings, f)
		}
	}
	fbs, _ := act.result.([]hardcodedlocalhost.Fallback)
	for _, fb := range fbs {
		at, ok := spanOf(fset, fb.Pos, fb.End)
		if !ok {
			continue
		}
		var field *span
		if fb.Field.IsValid() {
			if fs, ok := spanOf(fset, fb.Field, token.NoPos); ok {
				field = &fs
			}
		}
		switch {
		case fb.Use && field != nil:
			r.FieldUses = append(r.FieldUses, fieldUse{Field: *field, At: at})
		case !fb.Use:
			r.Fallbacks = append(r.Fallbacks, fallbackRec{At: at, Var: fb.Var, Flag: fb.Flag, FlagSet: fb.FlagSet, Value: fb.Value, Host: fb.Host, Field: field})
		}
	}
	return r
}

// listenPort reads the analyzer's category of a listen address:
// "listen:6060" is 6060, "listen" -1, anything else 0.
func listenPort(category string) int {
	rest, ok := strings.CutPrefix(category, hardcodedlocalhost.ListenCategory)
	switch {
	case !ok:
		return 0
	case rest == "":
		return -1
	}
	if p, err := strconv.Atoi(strings.TrimPrefix(rest, ":")); err == nil && p > 0 && strings.HasPrefix(rest, ":") {
		return p
	}
	return -1
}

func findingOf(fset *token.FileSet, d analysis.Diagnostic) (finding, bool) {
	at, ok := spanOf(fset, d.Pos, d.End)
	if !ok {
		return finding{}, false
	}
	f := finding{At: at, Message: d.Message, Listen: listenPort(d.Category)}
	for _, r := range d.Related {
		if rr, ok := spanOf(fset, r.Pos, r.End); ok {
			f.Related = append(f.Related, relatedRec{At: rr, Message: r.Message})
		}
	}
	// diag carries one fix; the analyzer offers at most one.
	if len(d.SuggestedFixes) > 0 {
		sf := d.SuggestedFixes[0]
		fix := &fixRec{Message: sf.Message}
		for _, e := range sf.TextEdits {
			start, end := fset.PositionFor(e.Pos, false), fset.PositionFor(e.End, false)
			if !e.End.IsValid() {
				end = start
			}
			if start.Filename != at.File {
				fix = nil // an edit in another file: not expressible here
				break
			}
			fix.Edits = append(fix.Edits, editRec{Offsets: [2]int{start.Offset, end.Offset}, Text: string(e.NewText)})
		}
		f.Fix = fix
	}
	return f, true
}

// probes reports whether the program in file's directory is the one the
// healthcheck of every service in services runs (by the directory's name).
func probes(services []*Service, file string) bool {
	if len(services) == 0 {
		return false
	}
	dir := filepath.Base(filepath.Dir(file))
	for _, s := range services {
		if s.Probe == "" || s.Probe != dir {
			return false
		}
	}
	return true
}

// reachedOn reports whether one of services can be reached on port: it
// publishes or exposes it, something connects to it, or its ports are not
// known.
func reachedOn(services []*Service, port int) bool {
	for _, s := range services {
		if s.Ports == nil || s.Ports[port] {
			return true
		}
	}
	return false
}

// apply converts a package's findings into diagnostics, naming the services
// that run the code; root is the directory the run started from.
func (c *converter) apply(r pkgResult, root string) {
	for _, f := range r.Findings {
		w := c.where(f.At.File, r, root)
		sev := diag.Warning
		msg := f.Message
		var why string
		var rel []diag.Related
		if f.Listen == 0 && r.Main && probes(w.services, f.At.File) {
			// The service's own healthcheck program (go build -o
			// /healthcheck ./healthcheck, test: ["CMD", "/healthcheck"])
			// runs in its container and checks it there: localhost is it.
			continue
		}
		if f.Listen > 0 && len(w.services) > 0 && !strings.HasSuffix(f.At.File, "_test.go") && !reachedOn(w.services, f.Listen) {
			// A debug or admin endpoint kept inside the container on
			// purpose (net/http/pprof's localhost:6060): no service
			// publishes or exposes the port, and nothing connects to it.
			continue
		}
		switch {
		case len(w.services) > 0 && !strings.HasSuffix(f.At.File, "_test.go"):
			// (Tests of a service's code run where go test does, not in it.)
			msg = withContext(msg, ", which runs in "+names(w.services))
			rel = runsNotes(w.services)
		case w.host != "" && f.Listen != 0:
			// A program for the host that listens on loopback keeps its
			// port off the network: right there.
			continue
		case w.host != "":
			// A program for the host: localhost there is the host.
			sev = diag.Info
			msg = withContext(msg, " in a program meant for the host")
			why = "the program is meant for the host (" + w.host + ")"
		}
		c.add(f, msg, sev, why, rel)
	}
	for _, u := range r.FieldUses {
		if c.fieldUses == nil {
			c.fieldUses = map[span][]string{}
		}
		c.fieldUses[u.Field] = append(c.fieldUses[u.Field], u.At.File)
	}
	for _, fb := range r.Fallbacks {
		w := c.where(fb.At.File, r, root)
		if w.host != "" {
			continue
		}
		if fb.Field != nil {
			// Decided once every package is read: which services read
			// the field into a sink.
			c.tagDefaults = append(c.tagDefaults, tagDefault{fb, w})
			continue
		}
		if rng, _, ok := c.rangeOf(fb.At); ok {
			c.fallback(fb, w, rng)
		}
	}
}
