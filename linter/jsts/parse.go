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
// lacks (using declarations) are first lowered to plain JavaScript of the
// same length by lower, so that positions need no mapping. The tests hold
// lower to esbuild's Transform API, which it replaced.
package jsts

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

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

// Tree is a parsed file. Byte slices in the AST index the source or its
// lowering, whose offsets are the source's; Offset turns them into
// offsets.
type Tree struct {
	AST *js.AST
	Src []byte
	buf []byte // what the AST's slices point into
	// remap maps an offset of buf to one of Src when they differ (the
	// tests' lowering through esbuild); lower keeps them equal.
	remap func(off int) (int, bool)
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
		// in React code) and using declarations fall back to lower.
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
	return parseBuf(buf)
}

// parseBuf parses buf, which has a spare byte of capacity, in place.
func parseBuf(buf []byte) (*Tree, error) {
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		return nil, err
	}
	return &Tree{AST: ast, buf: buf}, nil
}

// parseLowered parses TypeScript, JSX, and JavaScript that tdewolff's
// parser lacks, through lower: the lowered code has the source's offsets.
func parseLowered(name string, src []byte) (*Tree, error) {
	ext := filepath.Ext(name)
	ts := ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts"
	jsx := ext != ".ts" && ext != ".mts" && ext != ".cts"
	buf, err := lower(src, ts, jsx)
	if err != nil {
		var le lowerError
		if errors.As(err, &le) {
			line, col := lineCol(src, le.off)
			return nil, fmt.Errorf("%d:%d: %s", line, col, le.msg)
		}
		return nil, err
	}
	t, err := parseBuf(buf)
	if err != nil {
		return nil, err
	}
	t.Src = src
	return t, nil
}

// lineCol returns the 1-based line and column (in bytes) of off in b.
func lineCol(b []byte, off int) (int, int) {
	off = min(off, len(b))
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(b[:off], '\n') + 1) + 1
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
	if t.remap != nil {
		return t.remap(off)
	}
	return off, true
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
