package jsts

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// The oracle for lower: esbuild's Transform API, which the lowering
// replaced in the binary (its packages were a fifth of the start-up of a
// run). Positions come back through esbuild's source map.

func esbuildLoader(name string) api.Loader {
	switch filepath.Ext(name) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	}
	return api.LoaderJSX
}

// parseEsbuild parses name's src as Parse did with esbuild: plain
// JavaScript directly, the rest lowered by esbuild.
func parseEsbuild(name string, src []byte) (*Tree, error) {
	switch filepath.Ext(name) {
	case ".js", ".mjs", ".cjs":
		if t, err := parseJS(src); err == nil {
			t.Src = src
			return t, nil
		}
	}
	r := api.Transform(string(src), api.TransformOptions{
		Loader:        esbuildLoader(name),
		Sourcemap:     api.SourceMapExternal,
		JSX:           api.JSXAutomatic,
		Target:        api.ESNext,
		Supported:     map[string]bool{"using": false},
		LegalComments: api.LegalCommentsNone,
		Charset:       api.CharsetUTF8,
		Sourcefile:    filepath.Base(name),
		LogLevel:      api.LogLevelSilent,
		TsconfigRaw:   `{"compilerOptions":{"experimentalDecorators":true}}`,
	})
	if len(r.Errors) > 0 {
		return nil, errors.New(r.Errors[0].Text)
	}
	t, err := parseJS(r.Code)
	if err != nil {
		return nil, fmt.Errorf("reading the lowered code: %w", err)
	}
	t.Src = src
	sm := decodeSourceMap(r.Map)
	t.remap = func(off int) (int, bool) { return sm.original(t.buf, off, src) }
	return t, nil
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
