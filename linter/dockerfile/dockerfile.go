// Package dockerfile reads what a Dockerfile's final stage runs, and where,
// as text: the engine needs the command and the working directory of a
// service built from one, never a build.
package dockerfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
)

// Stage is what a build stage leaves in its image.
type Stage struct {
	Entrypoint, Cmd []string // argument lists; a shell form becomes sh -c
	Workdir         string   // absolute, "" when none is set
	Env             []string // the names ENV sets
	// Healthcheck is set by a HEALTHCHECK with a command: the container
	// reports health without a healthcheck in the compose file.
	Healthcheck bool
}

// Read reads the stage named target (build.target), or the final stage
// when target is "" or names none. A stage built FROM an earlier one starts
// from what that one set. Instructions are read as text: no build argument
// is expanded.
func Read(dockerfile []byte, target string) Stage {
	sc := bufio.NewScanner(bytes.NewReader(dockerfile))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var line strings.Builder
	var cur Stage
	named := map[string]Stage{}
	name := ""
	done := false
	end := func() {
		if name != "" {
			named[name] = cur
		}
		if target != "" && strings.EqualFold(name, target) {
			done = true
		}
	}
	for !done && sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if line.Len() == 0 && (t == "" || strings.HasPrefix(t, "#")) {
			continue
		}
		if strings.HasSuffix(t, "\\") {
			line.WriteString(strings.TrimSpace(strings.TrimSuffix(t, "\\")))
			line.WriteByte(' ')
			continue
		}
		line.WriteString(t)
		inst := line.String()
		line.Reset()
		word, rest, _ := strings.Cut(inst, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(word) {
		case "FROM":
			end()
			if done {
				break
			}
			f := strings.Fields(rest)
			for len(f) > 0 && strings.HasPrefix(f[0], "--") {
				f = f[1:] // --platform=...
			}
			cur, name = Stage{}, ""
			if len(f) > 0 {
				if base, ok := named[strings.ToLower(f[0])]; ok {
					cur = base
					cur.Env = slices.Clone(base.Env)
				}
			}
			if len(f) >= 3 && strings.EqualFold(f[1], "AS") {
				name = strings.ToLower(f[2])
			}
		case "WORKDIR":
			if filepath.IsAbs(rest) {
				cur.Workdir = filepath.Clean(rest)
			} else {
				cur.Workdir = filepath.Join("/", cur.Workdir, rest)
			}
		case "CMD":
			cur.Cmd = dockerArgs(rest)
		case "ENTRYPOINT":
			cur.Entrypoint, cur.Cmd = dockerArgs(rest), nil
		case "ENV":
			cur.Env = append(cur.Env, envNames(rest)...)
		case "HEALTHCHECK":
			f := strings.Fields(rest)
			cur.Healthcheck = len(f) > 0 && !strings.EqualFold(f[0], "NONE")
		}
	}
	if !done {
		end()
	}
	if done {
		return named[strings.ToLower(target)]
	}
	return cur
}

// envNames are the names "ENV A=1 B=2" or the legacy "ENV A 1" set.
func envNames(rest string) []string {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return nil
	}
	if !strings.Contains(f[0], "=") {
		return f[:1]
	}
	var out []string
	for _, w := range f {
		if k, _, ok := strings.Cut(w, "="); ok && k != "" && !strings.ContainsAny(k, "\"'") {
			out = append(out, k)
		}
	}
	return out
}

func dockerArgs(s string) []string {
	if strings.HasPrefix(s, "[") {
		var a []string
		if json.Unmarshal([]byte(s), &a) == nil {
			return a
		}
	}
	return []string{"/bin/sh", "-c", s}
}
