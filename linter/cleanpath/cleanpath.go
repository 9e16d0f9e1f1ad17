// Package cleanpath is path/filepath's Clean, Join, Dir and Rel for the
// clean absolute paths a run mostly handles, without filepath.Clean's pass
// over every byte (a tenth of a small project's lint went to it). Any other
// path goes to filepath, so every result is filepath's; the fuzz tests hold
// each function to its filepath counterpart.
package cleanpath

import (
	"path/filepath"
	"strings"
)

// IsAbs reports an absolute path that filepath.Clean leaves as it is.
func IsAbs(p string) bool {
	if filepath.Separator != '/' {
		return filepath.IsAbs(p) && filepath.Clean(p) == p
	}
	if p == "/" {
		return true
	}
	return len(p) > 1 && p[0] == '/' && cleanNames(p[1:])
}

// cleanNames reports a relative path that filepath.Clean leaves as it is
// and that names something below its base: names separated by single
// slashes, none empty, "." or "..".
func cleanNames(p string) bool {
	for {
		i := strings.IndexByte(p, '/')
		name := p
		if i >= 0 {
			name = p[:i]
		}
		if name == "" || name == "." || name == ".." {
			return false
		}
		if i < 0 {
			return true
		}
		p = p[i+1:]
	}
}

// Clean is filepath.Clean.
func Clean(p string) string {
	if IsAbs(p) {
		return p
	}
	return filepath.Clean(p)
}

// Join is filepath.Join(dir, name).
func Join(dir, name string) string {
	if filepath.Separator == '/' && IsAbs(dir) {
		// "./x" and "." (a build context, a volume's source) are x and
		// nothing below dir.
		for strings.HasPrefix(name, "./") {
			name = strings.TrimLeft(name[2:], "/")
		}
		if name == "." || name == "" {
			return dir
		}
	}
	if filepath.Separator == '/' && IsAbs(dir) && cleanNames(name) {
		if dir == "/" {
			return "/" + name
		}
		return dir + "/" + name
	}
	return filepath.Join(dir, name)
}

// Dir is filepath.Dir.
func Dir(p string) string {
	if filepath.Separator == '/' && IsAbs(p) {
		if i := strings.LastIndexByte(p, '/'); i > 0 {
			return p[:i]
		}
		return "/"
	}
	return filepath.Dir(p)
}

// Rel is filepath.Rel.
func Rel(base, target string) (string, error) {
	if filepath.Separator == '/' && IsAbs(base) && IsAbs(target) {
		switch {
		case base == target:
			return ".", nil
		case base == "/":
			return target[1:], nil
		case len(target) > len(base) && target[len(base)] == '/' && strings.HasPrefix(target, base):
			return target[len(base)+1:], nil
		}
	}
	return filepath.Rel(base, target)
}
