// Package dockerfile reads what a Dockerfile's final stage runs, and where,
// as text: the engine needs the command and the working directory of a
// service built from one, never a build.
package dockerfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path"
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
	// Base is the image the stage starts from, as written (a stage built
	// FROM an earlier one has that one's base).
	Base string
}

// Read reads the stage named target (build.target), or the final stage
// when target is "" or names none. A stage built FROM an earlier one starts
// from what that one set. Instructions are read as text: no build argument
// is expanded.
func Read(dockerfile []byte, target string) Stage {
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
	each(dockerfile, func(word, rest string) bool {
		switch word {
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
				} else {
					cur.Base = f[0]
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
		return !done
	})
	if !done {
		end()
	}
	if done {
		return named[strings.ToLower(target)]
	}
	return cur
}

// SetsEnv reports whether an ENV instruction of any stage sets name: a
// build stage's ENV VITE_API_URL=... before RUN npm run build is what the
// bundle holds.
func SetsEnv(dockerfile []byte, name string) bool {
	found := false
	each(dockerfile, func(word, rest string) bool {
		found = word == "ENV" && slices.Contains(envNames(rest), name)
		return !found
	})
	return found
}

// each calls fn with every instruction's word, upper-cased, and the rest
// of its logical line (continuations joined, comments skipped), until fn
// returns false.
func each(dockerfile []byte, fn func(word, rest string) bool) {
	sc := bufio.NewScanner(bytes.NewReader(dockerfile))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var line strings.Builder
	for sc.Scan() {
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
		if !fn(strings.ToUpper(word), strings.TrimSpace(rest)) {
			return
		}
	}
}

// instruction is one instruction of a Dockerfile: its word, upper-cased,
// and the rest of its logical line.
type instruction struct{ word, rest string }

// chain returns the instructions that build the stage named target (else
// the last), in order: those of the stages it is built FROM (by name),
// then its own, FROM lines left out. A stage starts at WORKDIR /.
func chain(dockerfile []byte, target string) []instruction {
	type stage struct {
		name string
		ins  []instruction
	}
	var stages []stage
	named := map[string]int{}
	each(dockerfile, func(word, rest string) bool {
		if word != "FROM" {
			if len(stages) == 0 {
				stages = append(stages, stage{}) // before any FROM: ARG
			}
			stages[len(stages)-1].ins = append(stages[len(stages)-1].ins, instruction{word, rest})
			return true
		}
		f := strings.Fields(rest)
		for len(f) > 0 && strings.HasPrefix(f[0], "--") {
			f = f[1:]
		}
		var st stage
		if len(f) > 0 {
			if b, ok := named[strings.ToLower(f[0])]; ok {
				st.ins = slices.Clip(stages[b].ins)
			}
		}
		if len(f) >= 3 && strings.EqualFold(f[1], "AS") {
			st.name = strings.ToLower(f[2])
			named[st.name] = len(stages)
		}
		stages = append(stages, st)
		return true
	})
	if len(stages) == 0 {
		return nil
	}
	if i, ok := named[strings.ToLower(target)]; ok && target != "" {
		return stages[i].ins
	}
	return stages[len(stages)-1].ins
}

// workdir is the working directory after WORKDIR rest in wd.
func workdir(wd, rest string) string {
	if path.IsAbs(rest) {
		return path.Clean(rest)
	}
	return path.Join(wd, rest)
}

// Sources are the paths of the build context a Dockerfile's stages copy
// into images (COPY and ADD without --from, RUN --mount=type=bind without
// from=), slash-separated and relative to the context, as written: globs
// stay globs. all is set when a source takes the whole context (".", a
// bind mount without source=) or cannot be read as text (a variable).
func Sources(dockerfile []byte) (srcs []string, all bool) {
	each(dockerfile, func(word, rest string) bool {
		switch word {
		case "COPY", "ADD":
			args, _ := copyArgs(rest)
			if args == nil {
				return true // --from=stage, a heredoc: nothing of the context
			}
			for _, a := range args {
				if strings.Contains(a, "://") || strings.HasPrefix(a, "git@") {
					continue // ADD of a URL
				}
				if src, ok := contextPath(a); ok {
					srcs = append(srcs, src)
				} else {
					all = true
				}
			}
		case "RUN":
			for _, f := range strings.Fields(rest) {
				opts, ok := strings.CutPrefix(f, "--mount=")
				if !ok {
					continue
				}
				bind, source, from := false, ".", ""
				for _, kv := range strings.Split(opts, ",") {
					k, v, _ := strings.Cut(kv, "=")
					switch k {
					case "type":
						bind = v == "bind"
					case "source", "src":
						source = v
					case "from":
						from = v
					}
				}
				if !bind || from != "" {
					continue
				}
				if src, ok := contextPath(source); ok {
					srcs = append(srcs, src)
				} else {
					all = true
				}
			}
		}
		return !all
	})
	return srcs, all
}

// copyArgs are the sources of a COPY or ADD (its flags dropped) and its
// destination; nil when it copies from a stage, an image or a heredoc.
func copyArgs(rest string) (srcs []string, dest string) {
	for strings.HasPrefix(rest, "--") {
		flag, after, _ := strings.Cut(rest, " ")
		if strings.HasPrefix(flag, "--from=") {
			return nil, ""
		}
		rest = strings.TrimSpace(after)
	}
	var args []string
	if strings.HasPrefix(rest, "[") {
		if json.Unmarshal([]byte(rest), &args) != nil {
			return []string{"$"}, "$" // unreadable: the whole context
		}
	} else {
		args = strings.Fields(rest)
	}
	if len(args) < 2 || slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "<<") }) {
		return nil, ""
	}
	return args[:len(args)-1], args[len(args)-1]
}

// contextPath cleans a source to a context-relative path; false when it
// names the whole context or holds a variable.
func contextPath(src string) (string, bool) {
	if strings.Contains(src, "$") {
		return "", false
	}
	p := path.Clean("/" + src)[1:]
	if p == "" || strings.HasPrefix(p, "*") && !strings.Contains(p, "/") && !strings.ContainsAny(p[1:], ".*?[") {
		return "", false // ".", "/", "*"
	}
	return p, true
}

// Copied reports whether rel, a slash-separated path relative to the build
// context, is among srcs or below one of them (a glob matches as many
// leading elements of rel as it has).
func Copied(srcs []string, rel string) bool {
	for _, s := range srcs {
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return true
		}
		if !strings.ContainsAny(s, "*?[") {
			continue
		}
		n := strings.Count(s, "/") + 1
		parts := strings.SplitN(rel, "/", n+1)
		if len(parts) < n {
			continue
		}
		if ok, err := path.Match(s, strings.Join(parts[:n], "/")); ok || err != nil {
			return true // a pattern path.Match cannot read: assume it copies
		}
	}
	return false
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
