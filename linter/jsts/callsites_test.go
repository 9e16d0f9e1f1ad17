package jsts

import (
	"slices"
	"testing"
)

// TestCallSites: the offsets where a name is called, not where it is
// named in a comment, a string, a declaration or a property.
func TestCallSites(t *testing.T) {
	src := "const { createClient } = require('redis') // createClient()\n" +
		"const a = createClient ()\n" +
		"const s = 'createClient(x)'\n" +
		"const b = redis.createClient/* c */({})\n" +
		"const c = createClient<Opts>()\n" +
		"x.createClient = 1\n"
	buf := append([]byte(src), 0)[:len(src)]
	want := []int{70, 130, 164}
	if got := callSites(buf, "createClient"); !slices.Equal(got, want) {
		t.Errorf("callSites = %v, want %v", got, want)
	}
	for _, off := range want {
		if string(buf[off:off+len("createClient")]) != "createClient" {
			t.Errorf("offset %d holds %q", off, buf[off:off+12])
		}
	}
}

func TestMajor(t *testing.T) {
	for spec, want := range map[string]int{"^4.6.14": 4, "~4.0": 4, "4.x": 4, ">=4.1": 4, "3.1.2": 3, "latest": 0, "": 0, "v5": 5, "workspace:*": 0} {
		if got := major(spec); got != want {
			t.Errorf("major(%q) = %d, want %d", spec, got, want)
		}
	}
}
