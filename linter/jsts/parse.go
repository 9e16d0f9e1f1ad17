// Package jsts reads JavaScript and TypeScript sources (.js, .jsx, .mjs,
// .cjs, .ts, .tsx, .mts, .cts) for the js-hardcoded-localhost rule: it parses
// each file into an AST, decides which code runs on a server (Node entry
// points, Next.js server components and route handlers, Nuxt, SvelteKit and
// Remix server code) and which runs in the browser, and extracts the
// loopback addresses that reach network clients, servers' listen calls,
// environment fallbacks and dev-server proxies. It reports facts with
// positions; the rule judges them against the Compose project.
//
// Parsing is pure Go: plain JavaScript goes straight to
// github.com/tdewolff/parse/v2/js; TypeScript, JSX and syntax that parser
// lacks (using declarations) are first lowered to plain JavaScript by
// esbuild's Transform API, and positions come back through its source map.
package jsts

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Extensions are the file name endings read as JavaScript or TypeScript.
var Extensions = []string{".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}

// IsSource reports whether name is a JavaScript or TypeScript source file
// (declaration files excluded).
func IsSource(name string) bool {
	if strings.HasSuffix(name, ".d.ts") || strings.HasSuffix(name, ".d.mts") || strings.HasSuffix(name, ".d.cts") {
		return false
	}
	ext := filepath.Ext(name)
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Tree is a parsed file. Byte slices in the AST index either the source
// (when it was plain JavaScript) or esbuild's output; Offset maps them
// back to the source.
type Tree struct {
	AST *js.AST
	Src []byte
	buf []byte // what the AST's slices point into
	sm  *sourceMap
}

// Parse parses src, the content of the file called name. The error says
// why the file could not be read as JavaScript or TypeScript.
func Parse(name string, src []byte) (t *Tree, err error) {
	defer func() {
		// Neither parser should panic, but one file must never take the
		// run down.
		if e := recover(); e != nil {
			t, err = nil, fmt.Errorf("parser failure: %v", e)
		}
	}()
	if !utf8.Valid(src) {
		return nil, errors.New("not UTF-8 text")
	}
	switch filepath.Ext(name) {
	case ".js", ".mjs", ".cjs":
		// Most JavaScript needs no lowering; JSX in .js files (common
		// in React code) and newer syntax fall back to esbuild.
		if t, err := parseJS(src); err == nil {
			t.Src = src
			return t, nil
		}
	}
	return parseLowered(name, src)
}

func parseJS(src []byte) (*Tree, error) {
	// One byte of spare capacity lets the lexer add its NUL terminator in
	// place, so that every slice of the AST points into buf.
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		return nil, err
	}
	return &Tree{AST: ast, buf: buf}, nil
}

func loader(name string) api.Loader {
	switch filepath.Ext(name) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	}
	return api.LoaderJSX
}

func parseLowered(name string, src []byte) (*Tree, error) {
	r := api.Transform(string(src), api.TransformOptions{
		Loader:    loader(name),
		Sourcemap: api.SourceMapExternal,
		JSX:       api.JSXAutomatic,
		Target:    api.ESNext,
		// tdewolff's parser lacks explicit resource management; keep
		// everything else as written (?? and ?. must survive).
		Supported:     map[string]bool{"using": false},
		LegalComments: api.LegalCommentsNone,
		Charset:       api.CharsetUTF8,
		Sourcefile:    filepath.Base(name),
		LogLevel:      api.LogLevelSilent,
		TsconfigRaw:   `{"compilerOptions":{"experimentalDecorators":true}}`,
	})
	if len(r.Errors) > 0 {
		m := r.Errors[0]
		if m.Location != nil {
			return nil, fmt.Errorf("%d:%d: %s", m.Location.Line, m.Location.Column+1, m.Text)
		}
		return nil, errors.New(m.Text)
	}
	t, err := parseJS(r.Code)
	if err != nil {
		return nil, fmt.Errorf("reading the lowered code: %w", err)
	}
	t.Src = src
	t.sm = decodeSourceMap(r.Map)
	return t, nil
}

// Offset returns the source offset of b, a slice of the AST, and whether
// it is known.
func (t *Tree) Offset(b []byte) (int, bool) {
	if len(b) == 0 || len(t.buf) == 0 {
		return 0, false
	}
	// The lexer hands out sub-slices of buf with their capacity cut, so
	// only the addresses tell where a token is. Both point into one live
	// allocation, which Go's collector never moves.
	off := int(uintptr(unsafe.Pointer(unsafe.SliceData(b))) - uintptr(unsafe.Pointer(unsafe.SliceData(t.buf))))
	if off < 0 || off+len(b) > len(t.buf) || &t.buf[off] != &b[0] {
		return 0, false
	}
	if t.sm == nil {
		return off, true
	}
	return t.sm.original(t.buf, off, t.Src)
}

// Literal returns the source span of a string or template literal whose
// AST slice is b: the offsets of its opening and closing quotes (end
// exclusive), and whether the source there is a literal.
func (t *Tree) Literal(b []byte) (start, end int, ok bool) {
	start, ok = t.Offset(b)
	if !ok || start >= len(t.Src) {
		return 0, 0, false
	}
	q := t.Src[start]
	if q != '"' && q != '\'' && q != '`' {
		return 0, 0, false
	}
	for i := start + 1; i < len(t.Src); i++ {
		switch t.Src[i] {
		case '\\':
			i++
		case q:
			return start, i + 1, true
		case '$':
			if q == '`' && i+1 < len(t.Src) && t.Src[i+1] == '{' {
				return start, i, true // a template's head ends at its first substitution
			}
		case '\n':
			if q != '`' {
				return 0, 0, false
			}
		}
	}
	return 0, 0, false
}

// sourceMap holds esbuild's mappings: for each generated line, the
// segments (generated column, source line, source column), columns in
// UTF-16 code units.
type sourceMap struct {
	lines [][]segment
}

type segment struct{ genCol, srcLine, srcCol int }

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// decodeSourceMap reads the "mappings" of a version 3 source map with one
// source; anything malformed ends the decoding where it is.
func decodeSourceMap(m []byte) *sourceMap {
	sm := &sourceMap{}
	i := bytes.Index(m, []byte(`"mappings": "`))
	if i < 0 {
		return sm
	}
	s := m[i+len(`"mappings": "`):]
	if j := bytes.IndexByte(s, '"'); j >= 0 {
		s = s[:j]
	}
	var line []segment
	genCol, srcLine, srcCol := 0, 0, 0
	for len(s) > 0 {
		switch s[0] {
		case ';':
			sm.lines = append(sm.lines, line)
			line, genCol = nil, 0
			s = s[1:]
			continue
		case ',':
			s = s[1:]
			continue
		}
		var f [5]int
		n := 0
		for len(s) > 0 && s[0] != ',' && s[0] != ';' && n < 5 {
			v, rest, ok := vlq(s)
			if !ok {
				sm.lines = append(sm.lines, line)
				return sm
			}
			f[n], s, n = v, rest, n+1
		}
		genCol += f[0]
		if n >= 4 {
			srcLine += f[2]
			srcCol += f[3]
			line = append(line, segment{genCol, srcLine, srcCol})
		}
	}
	sm.lines = append(sm.lines, line)
	return sm
}

func vlq(s []byte) (int, []byte, bool) {
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(b64, s[i])
		if d < 0 || shift > 30 {
			return 0, nil, false
		}
		v |= (d & 31) << shift
		shift += 5
		if d&32 == 0 {
			if v&1 != 0 {
				return -(v >> 1), s[i+1:], true
			}
			return v >> 1, s[i+1:], true
		}
	}
	return 0, nil, false
}

// original maps offset off of the generated code gen to an offset of src.
// Only an exact mapping counts: esbuild maps the start of every
// expression it prints, and a guess would point at the wrong token.
func (sm *sourceMap) original(gen []byte, off int, src []byte) (int, bool) {
	line, col := lineCol16(gen, off)
	if line >= len(sm.lines) {
		return 0, false
	}
	for _, sg := range sm.lines[line] {
		if sg.genCol == col {
			return offset16(src, sg.srcLine, sg.srcCol)
		}
	}
	return 0, false
}

// lineCol16 returns the 0-based line and UTF-16 column of off in b.
func lineCol16(b []byte, off int) (int, int) {
	line, start := 0, 0
	for i := 0; i < off; i++ {
		if b[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf16Len(b[start:off])
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// offset16 returns the byte offset of 0-based line and UTF-16 column col.
func offset16(b []byte, line, col int) (int, bool) {
	i := 0
	for l := 0; l < line; l++ {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return 0, false
		}
		i += j + 1
	}
	for n := 0; n < col; {
		if i >= len(b) || b[i] == '\n' {
			return 0, false
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return i, true
}
