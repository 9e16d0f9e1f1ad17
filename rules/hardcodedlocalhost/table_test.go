package hardcodedlocalhost_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestEverySinkFires generates, for every entry of DefaultSinks, a stub of
// its package with the function, method or field (all parameters strings:
// sinks are matched by name and argument index) and a call or composite
// literal that passes "localhost:1" to it, and expects one finding each.
// The hand-written fixtures (dial, clients, ...) check real signatures;
// this keeps the whole table honest, including entries added later.
func TestEverySinkFires(t *testing.T) {
	dir := t.TempDir()
	type pkgStub struct {
		name  string
		decls []string
	}
	stubs := map[string]*pkgStub{}
	var body []string
	imports := map[string]string{} // path -> alias
	alias := func(path string) string {
		if a, ok := imports[path]; ok {
			return a
		}
		a := fmt.Sprintf("p%d", len(imports))
		imports[path] = a
		return a
	}
	method := regexp.MustCompile(`^\(\*(.+)\.([A-Za-z0-9_]+)\)\.([A-Za-z0-9_]+)$`)
	for _, sk := range hardcodedlocalhost.DefaultSinks {
		var path, typ, member string
		if m := method.FindStringSubmatch(sk.Name); m != nil {
			path, typ, member = m[1], m[2], m[3]
		} else if sk.Field {
			rest := sk.Name[:strings.LastIndex(sk.Name, ".")]
			member = sk.Name[len(rest)+1:]
			path, typ = rest[:strings.LastIndex(rest, ".")], rest[strings.LastIndex(rest, ".")+1:]
		} else {
			path, member = sk.Name[:strings.LastIndex(sk.Name, ".")], sk.Name[strings.LastIndex(sk.Name, ".")+1:]
		}
		if !strings.Contains(strings.Split(path, "/")[0], ".") {
			continue // the standard library: covered by the dial and listen fixtures
		}
		st := stubs[path]
		if st == nil {
			st = &pkgStub{name: fmt.Sprintf("stub%d", len(stubs))}
			stubs[path] = st
		}
		a := alias(path)
		params := make([]string, sk.Arg+1)
		args := make([]string, sk.Arg+1)
		for j := range params {
			params[j] = fmt.Sprintf("a%d string", j)
			args[j] = `"x"`
		}
		args[sk.Arg] = `"localhost:1"`
		want := "// want `reaches`"
		switch {
		case sk.Field:
			st.decls = append(st.decls, fmt.Sprintf("type %s struct{ %s string }", typ, member))
			body = append(body, fmt.Sprintf("\t_ = %s.%s{%s: \"localhost:1\"} %s", a, typ, member, want))
		case typ != "":
			st.decls = append(st.decls, fmt.Sprintf("type %s struct{}", typ), fmt.Sprintf("func (*%s) %s(%s) {}", typ, member, strings.Join(params, ", ")))
			body = append(body, fmt.Sprintf("\tnew(%s.%s).%s(%s) %s", a, typ, member, strings.Join(args, ", "), want))
		default:
			st.decls = append(st.decls, fmt.Sprintf("func %s(%s) {}", member, strings.Join(params, ", ")))
			body = append(body, fmt.Sprintf("\t%s.%s(%s) %s", a, member, strings.Join(args, ", "), want))
		}
	}
	for path, st := range stubs {
		// One declaration per type name: a type with a field and a method
		// would be declared twice; merge by keeping distinct lines.
		seen := map[string]bool{}
		var decls []string
		for _, d := range st.decls {
			if !seen[d] {
				seen[d] = true
				decls = append(decls, d)
			}
		}
		writeStub(t, filepath.Join(dir, "src", path, "stub.go"), "package "+st.name+"\n\n"+strings.Join(mergeTypes(decls), "\n\n")+"\n")
	}
	var imp []string
	for path, a := range imports {
		imp = append(imp, fmt.Sprintf("\t%s %q", a, path))
	}
	writeStub(t, filepath.Join(dir, "src", "everysink", "everysink.go"),
		"package everysink\n\nimport (\n"+strings.Join(imp, "\n")+"\n)\n\nfunc f() {\n"+strings.Join(body, "\n")+"\n}\n")
	analysistest.Run(t, dir, hardcodedlocalhost.Analyzer, "everysink")
}

// mergeTypes joins "type T struct{ A string }" declarations of one type
// into one struct and drops a plain "type T struct{}" when T has fields.
func mergeTypes(decls []string) []string {
	fields := map[string][]string{}
	var order []string
	var rest []string
	re := regexp.MustCompile(`^type (\w+) struct\{ (\w+) string \}$`)
	for _, d := range decls {
		if m := re.FindStringSubmatch(d); m != nil {
			if _, ok := fields[m[1]]; !ok {
				order = append(order, m[1])
			}
			fields[m[1]] = append(fields[m[1]], m[2]+" string")
			continue
		}
		rest = append(rest, d)
	}
	var out []string
	for _, typ := range order {
		out = append(out, fmt.Sprintf("type %s struct{ %s }", typ, strings.Join(fields[typ], "; ")))
	}
	for _, d := range rest {
		if typ, _, ok := strings.Cut(strings.TrimPrefix(d, "type "), " struct{}"); ok && strings.HasPrefix(d, "type ") {
			if _, has := fields[typ]; has {
				d = d[strings.Index(d, "\n\n")+2:] // keep the method, not a second type
			}
		}
		out = append(out, d)
	}
	return out
}

func writeStub(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
