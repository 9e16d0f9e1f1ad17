// Package graphviz renders a DOT graph as SVG by running Graphviz's dot.
// It is the only place reachlint starts a program to draw: `reachlint
// graph --format svg` needs it, every other format is written in-process.
package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ErrNotInstalled is returned when dot is not on PATH.
var ErrNotInstalled = errors.New("--format svg needs Graphviz's dot on PATH (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz); " +
	"or write --format dot and render it elsewhere, or use --format mermaid")

// timeout bounds a render: dot is fast on any graph reachlint draws, so a
// hang is a broken installation.
const timeout = 2 * time.Minute

// SVG renders dot source as SVG.
func SVG(dot []byte) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, ErrNotInstalled
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("running %s -Tsvg: %w: %s", path, err, strings.TrimSpace(errOut.String()))
	}
	return out.Bytes(), nil
}
