// Package dockerfile reads what a Dockerfile's final stage runs, and where,
// as text: the engine needs the command and the working directory of a
// service built from one, never a build.
package dockerfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
)

// Command reads the final stage of a Dockerfile: its ENTRYPOINT and CMD as
// argument lists (a shell form becomes sh -c) and its WORKDIR. Instructions
// are read as text: no build argument is expanded.
func Command(dockerfile []byte) (entrypoint, cmd []string, workdir string) {
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
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(word) {
		case "FROM":
			entrypoint, cmd, workdir = nil, nil, ""
		case "WORKDIR":
			if filepath.IsAbs(rest) {
				workdir = filepath.Clean(rest)
			} else {
				workdir = filepath.Join("/", workdir, rest)
			}
		case "CMD":
			cmd = dockerArgs(rest)
		case "ENTRYPOINT":
			entrypoint, cmd = dockerArgs(rest), nil
		}
	}
	return entrypoint, cmd, workdir
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
