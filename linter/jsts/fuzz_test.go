package jsts

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzAnalyze: any input, in any of the languages, parses or fails
// cleanly, and every finding's span lies in the source and holds its host.
func FuzzAnalyze(f *testing.F) {
	f.Add("fetch('http://localhost:3000')", 0)
	f.Add("const a: string = process.env.A ?? `http://127.0.0.1:${p}/x`; app.listen(1, '::1')", 1)
	f.Add("'use client'\nexport default () => <a href='http://localhost'>x</a>", 2)
	f.Add("await using r = g(); new Pool({host: 'localhost'})", 3)
	f.Add("import Redis from 'ioredis'; const r = new Redis(); const s = new Redis<T>(6379)", 1)
	f.Add("const { createClient } = require(\"redis\"); /* createClient( */ createClient({ socket: {} })", 0)
	names := []string{"a.js", "a.ts", "a.tsx", "a.mjs"}
	pkg := &Package{Deps: map[string]bool{"express": true}}
	f.Fuzz(func(t *testing.T, src string, n int) {
		name := names[(n%len(names)+len(names))%len(names)]
		r, err := Analyze(name, "src/"+name, []byte(src), pkg)
		if err != nil {
			return
		}
		for _, fd := range r.Findings {
			if fd.Start < 0 || fd.End > len(src) || fd.Start >= fd.End {
				t.Fatalf("span %d..%d outside %d bytes", fd.Start, fd.End, len(src))
			}
			if fd.Implicit && strings.TrimFunc(src[fd.Start:fd.End], func(r rune) bool {
				return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
			}) != "" {
				t.Fatalf("implicit %s placed at %q, not a name", fd.Sink, src[fd.Start:fd.End])
			}
			if fd.HostStart >= 0 && (fd.HostStart < fd.Start || fd.HostEnd > fd.End) {
				t.Fatalf("host %d..%d outside literal %d..%d", fd.HostStart, fd.HostEnd, fd.Start, fd.End)
			}
		}
	})
}

// FuzzEntry: command lines and import scans of any text end
// without panicking, and command lines name only paths.
func FuzzEntry(f *testing.F) {
	f.Add("FROM node\nWORKDIR /app\nCMD [\"npm\", \"start\"]\n", "sh -c 'cd a && node x.js'")
	f.Add("ENTRYPOINT node \\\n a.js", "npm run dev; nodemon")
	f.Add("CMD [\"node\"", "\"unterminated 'quote \\")
	pkg := &Package{Main: "m.js", Scripts: map[string]string{"start": "npm start", "dev": "node dev.js && npm run start", "web": "vite --host", "loop": "npm run loop"}}
	f.Fuzz(func(t *testing.T, dockerfile, cmd string) {
		argv := append(shellWords(dockerfile), shellWords(cmd)...)
		for _, p := range CommandScripts(argv, pkg) {
			if p == "" {
				t.Fatalf("empty path from %q", argv)
			}
		}
		RunsNode(argv)
		// Starting Vite is a fact of the command: known whenever it runs.
		if runs, known := ViteServer(argv, pkg); runs && !known {
			t.Fatalf("ViteServer(%q) runs but unknown", argv)
		}
		if d := DevServerOf(argv, pkg); !d.Runs && (d.Tool != "" || d.Host || d.Port != 0 || d.Script != "") {
			t.Fatalf("DevServerOf(%q) = %+v: flags of a server that does not run", argv, d)
		}
		ReadViteConfig("vite.config.ts", []byte(cmd))
		ReadAngularJSON([]byte(cmd))
		Imports([]byte(dockerfile + cmd))
		UsesClient([]byte(cmd))
	})
}
