package schema

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// nodesFile holds the compose-spec schema's nodes as Go data: what
// buildFast makes of compose-spec.json, written out by generateNodes.
const nodesFile = "nodes_gen.go"

// TestGeneratedNodes keeps nodes_gen.go what the builder makes of the
// embedded schema, byte for byte. With -update (which `go generate` passes)
// it rewrites the file.
func TestGeneratedNodes(t *testing.T) {
	want, err := generateNodes(specJSON)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(nodesFile)
	if err == nil && bytes.Equal(got, want) {
		return
	}
	if *update {
		if err := os.WriteFile(nodesFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s rewritten; rebuild and rerun the tests", nodesFile)
		return
	}
	t.Errorf("%s is not what compose-spec.json builds into; run go generate ./linter/schema", nodesFile)
}

// TestGeneratedNodesMatchBuilder compares the nodes the binary links with
// those the builder makes of the embedded schema, field by field (the same
// graph, the same values), so that a field the writer leaves out cannot
// hide behind TestGeneratedNodes, which only compares the writer with
// itself.
func TestGeneratedNodesMatchBuilder(t *testing.T) {
	got, want := dumpNodes(fast().root), dumpNodes(buildFast(specJSON).root)
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("the generated nodes differ from the builder's at line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	t.Fatalf("the generated nodes differ from the builder's: %d lines, want %d", len(g), len(w))
}

// The writer breaks cycles of $refs, which Go's initialization of
// variables does not allow, with assignments in init; the package
// type-checks with the file it writes (go/types reports initialization
// cycles as the compiler does).
func TestGenerateRecursiveDefs(t *testing.T) {
	src, err := generateNodes(`{"$defs": {
	  "a": {"properties": {"p": {"$ref": "#/$defs/a"}}},
	  "b": {"items": {"$ref": "#/$defs/c"}},
	  "c": {"properties": {"q": {"$ref": "#/$defs/b"}}}
	}, "$ref": "#/$defs/a", "properties": {"b": {"$ref": "#/$defs/b"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"defA.properties[0].n.ref = &defA", "defC.properties[0].n.ref = &defB"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("no %q in\n%s", want, src)
		}
	}
	fset := token.NewFileSet()
	var files []*ast.File
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || name == nodesFile {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	f, err := parser.ParseFile(fset, nodesFile, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("github.com/reachlint/reachlint/linter/schema", fset, append(files, f), nil); err != nil {
		t.Errorf("%v\n%s", err, src)
	}
}

// generateNodes writes the nodes buildFast makes of the schema text as Go
// source: the root and each of $defs a variable, every other node a
// composite literal inside its parent's, so that the compiler lays it all
// out statically and no code runs at start-up.
func generateNodes(text string) ([]byte, error) {
	fs, defs := buildNodes(text)
	if len(fs.unsupported) > 0 {
		return nil, fmt.Errorf("the schema uses what the validators do not implement: %v", fs.unsupported)
	}
	w := &nodeWriter{
		names:    map[uintptr]string{reflect.ValueOf(fs.root).Pointer(): "schemaRoot"},
		matchers: map[uintptr]string{},
		numbers:  map[float64]string{},
		inline:   map[uintptr]bool{},
		back:     map[[2]string]bool{},
	}
	defNames := slices.Sorted(maps.Keys(defs))
	taken := map[string]string{}
	for _, name := range defNames {
		id := goName("def", name)
		if other, ok := taken[id]; ok {
			return nil, fmt.Errorf("$defs %q and %q have the same Go name %s", other, name, id)
		}
		taken[id] = name
		w.names[reflect.ValueOf(defs[name]).Pointer()] = id
	}
	w.breakCycles(fs.root, defs, defNames)

	var body bytes.Buffer
	w.out = &body
	fmt.Fprintf(&body, "var composeSchema = fastSchema{root: &schemaRoot}\n\n")
	w.variable("schemaRoot", "#, the schema itself", fs.root)
	for _, name := range defNames {
		w.variable(w.names[reflect.ValueOf(defs[name]).Pointer()], "#/$defs/"+name, defs[name])
	}
	if w.err != nil {
		return nil, w.err
	}
	fmt.Fprintf(&body, "// The values that nodes point at.\nvar (\n\tschemaTrue  = true\n\tschemaFalse = false\n")
	for _, e := range w.matcherDecls {
		body.WriteString(e)
	}
	for _, f := range slices.Sorted(maps.Keys(w.numbers)) {
		fmt.Fprintf(&body, "\t%s = %s\n", w.numbers[f], floatLiteral(f))
	}
	body.WriteString(")\n")
	if len(w.fixups) > 0 {
		body.WriteString("\n// $refs that close a cycle, which a variable's initializer cannot hold.\nfunc init() {\n")
		for _, f := range w.fixups {
			body.WriteString("\t" + f + "\n")
		}
		body.WriteString("}\n")
	}

	var src bytes.Buffer
	src.WriteString("// Code generated by TestGeneratedNodes (go generate ./linter/schema) from compose-spec.json; DO NOT EDIT.\n\n")
	src.WriteString("package schema\n\n")
	if w.usesJSON {
		src.WriteString("import \"encoding/json\"\n\n")
	}
	src.Write(body.Bytes())
	return format.Source(src.Bytes())
}

// goName turns a $defs name into a Go identifier after prefix:
// "list_or_dict" becomes defListOrDict.
func goName(prefix, name string) string {
	var b strings.Builder
	b.WriteString(prefix)
	upper := true
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			if upper {
				b.WriteString(strings.ToUpper(string(r)))
			} else {
				b.WriteRune(r)
			}
			upper = false
		default:
			upper = true
		}
	}
	return b.String()
}

// floatLiteral spells a number of the schema (an integer float64 holds
// exactly, as the builder requires) as a float64.
func floatLiteral(f float64) string {
	return "float64(" + strconv.FormatFloat(f, 'f', -1, 64) + ")"
}

var (
	nodeType    = reflect.TypeFor[*node]()
	matcherType = reflect.TypeFor[*matcher]()
	boolPtrType = reflect.TypeFor[*bool]()
	floatPtr    = reflect.TypeFor[*float64]()
	onceType    = reflect.TypeFor[sync.Once]()
	regexpType  = reflect.TypeFor[*regexp.Regexp]()
)

// nodeWriter writes nodes as Go composite literals, every field the
// builder set, through reflection, so that a field added to node needs no
// change here.
type nodeWriter struct {
	out          *bytes.Buffer
	names        map[uintptr]string // the nodes written as variables: the root and $defs
	inline       map[uintptr]bool   // the nodes written inside another's literal
	matchers     map[uintptr]string
	matcherDecls []string
	numbers      map[float64]string
	back         map[[2]string]bool // $refs from a variable to one whose initialization depends on it
	fixups       []string
	cur          string // the variable being written
	usesJSON     bool
	err          error
}

// breakCycles finds the references between the variables (the root and
// the $defs) that close a cycle, which Go rejects in initializers: the
// back edges of a depth-first search.
func (w *nodeWriter) breakCycles(root *node, defs map[string]*node, names []string) {
	refs := func(n *node) []string {
		var out []string
		w.walkRefs(reflect.ValueOf(n).Elem(), &out)
		return out
	}
	const (
		open = 1
		done = 2
	)
	state := map[string]int{}
	byName := map[string]*node{"schemaRoot": root}
	for _, name := range names {
		byName[w.names[reflect.ValueOf(defs[name]).Pointer()]] = defs[name]
	}
	var visit func(id string)
	visit = func(id string) {
		state[id] = open
		for _, to := range refs(byName[id]) {
			switch state[to] {
			case open:
				w.back[[2]string{id, to}] = true
			case 0:
				visit(to)
			}
		}
		state[id] = done
	}
	for _, id := range slices.Sorted(maps.Keys(byName)) {
		if state[id] == 0 {
			visit(id)
		}
	}
}

// walkRefs lists the variables that the literal of v names.
func (w *nodeWriter) walkRefs(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Type() == nodeType {
			if name, ok := w.names[v.Pointer()]; ok {
				*out = append(*out, name)
				return
			}
		}
		w.walkRefs(v.Elem(), out)
	case reflect.Struct:
		for i := range v.NumField() {
			w.walkRefs(v.Field(i), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			w.walkRefs(v.Index(i), out)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			w.walkRefs(it.Value(), out)
		}
	}
}

func (w *nodeWriter) fail(format string, args ...any) string {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
	return "nil"
}

func (w *nodeWriter) variable(name, comment string, n *node) {
	w.cur = name
	fmt.Fprintf(w.out, "// %s\nvar %s = %s\n\n", comment, name, w.expr(reflect.ValueOf(n).Elem(), name))
}

// expr returns the Go expression of v, which the variable being written
// holds at path.
func (w *nodeWriter) expr(v reflect.Value, path string) string {
	switch t := v.Type(); {
	case t == nodeType:
		if v.IsNil() {
			return "nil"
		}
		if name, ok := w.names[v.Pointer()]; ok {
			if w.back[[2]string{w.cur, name}] {
				w.fixups = append(w.fixups, path+" = &"+name)
				return "nil"
			}
			return "&" + name
		}
		if w.inline[v.Pointer()] {
			return w.fail("a node that is not one of $defs is shared (at %s)", path)
		}
		w.inline[v.Pointer()] = true
		return "&" + w.expr(v.Elem(), path)
	case t == matcherType:
		return w.matcher(v)
	case t == boolPtrType:
		if v.Elem().Bool() {
			return "&schemaTrue"
		}
		return "&schemaFalse"
	case t == floatPtr:
		f := v.Elem().Float()
		name := "schemaNumber" + strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), "-", "Minus", 1)
		w.numbers[f] = name
		return "&" + name
	case t == onceType || t == regexpType:
		if !v.IsZero() {
			return w.fail("%s: lazily set state at generation time", path)
		}
		return ""
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		return "&" + w.expr(v.Elem(), path)
	case reflect.Struct:
		var fields []string
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if v.Field(i).IsZero() {
				continue
			}
			var e string
			if f.Type.Kind() == reflect.Uint8 && (f.Name == "types" || f.Name == "enumTypes") {
				e = typeBits(uint8(v.Field(i).Uint()))
			} else {
				e = w.expr(v.Field(i), path+"."+f.Name)
			}
			fields = append(fields, f.Name+": "+e)
		}
		return goType(v.Type()) + composite(fields)
	case reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
		// The type of an element that is a struct or a pointer to one goes
		// without saying.
		elem := ""
		switch et := v.Type().Elem(); {
		case et.Kind() == reflect.Struct:
			elem = goType(et)
		case et.Kind() == reflect.Pointer && et.Elem().Kind() == reflect.Struct:
			elem = "&" + goType(et.Elem()) + "{"
		}
		var items []string
		for i := range v.Len() {
			e := w.expr(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			if elem != "" && strings.HasPrefix(e, elem) {
				e = strings.TrimPrefix(e, strings.TrimSuffix(elem, "{"))
			}
			items = append(items, e)
		}
		if v.Type().Elem().Kind() == reflect.Uint16 {
			return goType(v.Type()) + packed(items)
		}
		return goType(v.Type()) + composite(items)
	case reflect.Map:
		if v.IsNil() {
			return "nil"
		}
		var items []string
		for _, k := range slices.SortedFunc(func(yield func(reflect.Value) bool) {
			for it := v.MapRange(); it.Next(); {
				if !yield(it.Key()) {
					return
				}
			}
		}, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) }) {
			items = append(items, strconv.Quote(k.String())+": "+w.expr(v.MapIndex(k), ""))
		}
		return goType(v.Type()) + composite(items)
	case reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		e := v.Elem()
		switch e.Kind() {
		case reflect.String, reflect.Bool, reflect.Slice, reflect.Map:
			return w.expr(e, path)
		case reflect.Float64:
			return floatLiteral(e.Float())
		}
		return w.fail("%s: a constant of type %s", path, e.Type())
	case reflect.String:
		if name := goType(v.Type()); name != "string" {
			if name == "json.Number" {
				w.usesJSON = true
			}
			return name + "(" + strconv.Quote(v.String()) + ")"
		}
		return strconv.Quote(v.String())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint16:
		return strconv.FormatUint(v.Uint(), 10)
	}
	return w.fail("%s: cannot write a %s", path, v.Type())
}

func (w *nodeWriter) matcher(v reflect.Value) string {
	if v.IsNil() {
		return "nil"
	}
	if name, ok := w.matchers[v.Pointer()]; ok {
		return "&" + name
	}
	name := fmt.Sprintf("schemaPattern%d", len(w.matchers))
	w.matchers[v.Pointer()] = name
	w.matcherDecls = append(w.matcherDecls, fmt.Sprintf("\t%s = %s\n", name, w.expr(v.Elem(), name)))
	return "&" + name
}

// composite wraps the elements of a composite literal, on one line when
// they are short.
func composite(elems []string) string {
	line := strings.Join(elems, ", ")
	if len(line) <= 80 && !strings.Contains(line, "\n") {
		return "{" + line + "}"
	}
	return "{\n" + strings.Join(elems, ",\n") + ",\n}"
}

// packed wraps short elements (numbers) several to a line.
func packed(elems []string) string {
	if len(elems) <= 16 {
		return composite(elems)
	}
	var b strings.Builder
	b.WriteString("{\n")
	for i := 0; i < len(elems); i += 16 {
		b.WriteString(strings.Join(elems[i:min(i+16, len(elems))], ", ") + ",\n")
	}
	b.WriteString("}")
	return b.String()
}

func goType(t reflect.Type) string {
	s := strings.ReplaceAll(t.String(), "interface {}", "any")
	return strings.ReplaceAll(s, "schema.", "")
}

// typeBits spells the type bits of a node with their constants.
func typeBits(b uint8) string {
	var out []string
	for _, c := range []struct {
		bit  uint8
		name string
	}{{tNull, "tNull"}, {tBool, "tBool"}, {tObject, "tObject"}, {tArray, "tArray"},
		{tNumber, "tNumber"}, {tString, "tString"}, {tInteger, "tInteger"}} {
		if b&c.bit != 0 {
			out = append(out, c.name)
		}
	}
	return strings.Join(out, " | ")
}

// dumpNodes prints the graph of nodes from root with every field the
// builder sets: each node once, numbered in the order of the walk, and the
// lazily set state of matchers left out.
func dumpNodes(root *node) string {
	var b strings.Builder
	ids := map[uintptr]int{}
	var dump func(v reflect.Value, indent string)
	dump = func(v reflect.Value, indent string) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				b.WriteString("nil\n")
				return
			}
			if v.Type() == nodeType {
				if id, ok := ids[v.Pointer()]; ok {
					fmt.Fprintf(&b, "-> node %d\n", id)
					return
				}
				ids[v.Pointer()] = len(ids)
				fmt.Fprintf(&b, "node %d ", len(ids)-1)
			}
			dump(v.Elem(), indent)
		case reflect.Struct:
			b.WriteString("{\n")
			for i := range v.NumField() {
				if t := v.Field(i).Type(); t == onceType || t == regexpType || t.Kind() == reflect.Func {
					continue // set on first use
				}
				fmt.Fprintf(&b, "%s  %s: ", indent, v.Type().Field(i).Name)
				dump(v.Field(i), indent+"  ")
			}
			fmt.Fprintf(&b, "%s}\n", indent)
		case reflect.Slice:
			if v.IsNil() {
				b.WriteString("nil\n")
				return
			}
			b.WriteString("[\n")
			for i := range v.Len() {
				fmt.Fprintf(&b, "%s  ", indent)
				dump(v.Index(i), indent+"  ")
			}
			fmt.Fprintf(&b, "%s]\n", indent)
		case reflect.Map:
			if v.IsNil() {
				b.WriteString("nil\n")
				return
			}
			b.WriteString("map[\n")
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			for _, k := range keys {
				fmt.Fprintf(&b, "%s  %q: ", indent, k.String())
				dump(v.MapIndex(k), indent+"  ")
			}
			fmt.Fprintf(&b, "%s]\n", indent)
		case reflect.Interface:
			if v.IsNil() {
				b.WriteString("nil\n")
				return
			}
			fmt.Fprintf(&b, "%s ", v.Elem().Type())
			dump(v.Elem(), indent)
		default:
			fmt.Fprintf(&b, "%v\n", v)
		}
	}
	dump(reflect.ValueOf(root), "")
	return b.String()
}
