package config

import (
	"path/filepath"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Loaded is the configuration that applies to a run.
type Loaded struct {
	*Config
	// Path is the file read, as displayed ("" when none applies).
	Path string
	// Problems are the file's errors, each at its position. The parser
	// drops only the bad entries: the rest of Config still applies (the
	// language server uses it; the CLI refuses to run).
	Problems []diag.Diagnostic
}

// Load finds and reads the configuration for a run: the file explicit
// names (relative to cwd), else .reachlint.yaml found walking up from start
// to the repository root; the defaults when there is none. display turns
// an absolute path into the one shown in messages. Both the CLI and the
// language server load through here, so they read the same file the same
// way (size-limited, regular files only).
func Load(fsys vfs.FS, cwd, start, explicit string, known []diag.RuleInfo, display func(string) string) (Loaded, error) {
	path := explicit
	if path == "" {
		p, ok := Find(fsys, start)
		if !ok {
			return Loaded{Config: Default()}, nil
		}
		path = p
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, abs)
	}
	data, err := vfs.ReadLimit(fsys, abs, DefaultMaxFileSize)
	if err != nil {
		return Loaded{}, err
	}
	disp := abs
	if display != nil {
		disp = display(abs)
	}
	cfg, ds := Parse(disp, data, known)
	cfg.SetDir(filepath.Dir(abs))
	return Loaded{Config: cfg, Path: disp, Problems: ds}, nil
}
