package config

import "testing"

func TestGlob(t *testing.T) {
	cases := []struct {
		pat, path string
		want      bool
	}{
		{"legacy", "legacy/compose.yaml", true},
		{"legacy", "x/legacy/compose.yaml", false},
		{"legacy/**", "legacy/a/b/compose.yaml", true},
		{"**/legacy", "a/b/legacy/c.yml", true},
		{"**/*.local.yml", "compose.local.yml", true},
		{"**/*.local.yml", "a/b/compose.local.yml", true},
		{"*.local.yml", "a/compose.local.yml", false},
		{"a/**/c.yml", "a/c.yml", true},
		{"a/**/c.yml", "a/x/y/c.yml", true},
		{"a/**/c.yml", "b/a/c.yml", false},
		{"{docker-,}compose.y{a,}ml", "docker-compose.yml", true},
		{"{docker-,}compose.y{a,}ml", "compose.yaml", true},
		{"{docker-,}compose.y{a,}ml", "podman-compose.yml", false},
		{"env/{dev,prod/{eu,us}}/*.env", "env/prod/us/a.env", true},
		{"env/{dev,prod/{eu,us}}/*.env", "env/prod/asia/a.env", false},
		{"[abc]?.yml", "b1.yml", true},
		{"[!abc]?.yml", "b1.yml", false},
		{`\*.yml`, "*.yml", true},
		{`\*.yml`, "a.yml", false},
		{"./x.yml", "x.yml", true},
		{"/x.yml", "x.yml", true},
		{"*", "a/b", true}, // the directory a matches
		{"**", "a/b", true},
	}
	for _, c := range cases {
		g, err := compileGlob(c.pat)
		if err != nil {
			t.Errorf("%q: %v", c.pat, err)
			continue
		}
		if got := g.match(c.path); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.pat, c.path, got, c.want)
		}
	}
	for _, bad := range []string{"[a", "a{b", "a}b", "", `x\`} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func FuzzGlob(f *testing.F) {
	f.Add("a/**/{b,c}*.yml", "a/x/b1.yml")
	f.Fuzz(func(t *testing.T, pat, p string) {
		if len(pat) > 64 {
			return
		}
		g, err := compileGlob(pat)
		if err == nil {
			g.match(p)
		}
	})
}
