package rules

import "testing"

func TestCommentedKey(t *testing.T) {
	for text, want := range map[string]string{
		"# DATABASE_TYPE=postgres":   "DATABASE_TYPE",
		"#LOG_LEVEL=info":            "LOG_LEVEL",
		"## export REDIS_URL=redis":  "REDIS_URL",
		"# DEBUG=":                   "DEBUG",
		"# See https://x.io/?a=b":    "",
		"# Copy to .env and fill in": "",
		"# 1PASSWORD=x":              "",
		"# KEY-NAME=x":               "",
		"#":                          "",
	} {
		got, ok := commentedKey(text)
		if got != want || ok != (want != "") {
			t.Errorf("commentedKey(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
}

func TestTemplateLike(t *testing.T) {
	for name, want := range map[string]bool{
		".env.example": true, ".env-example": true, "example.env": true, ".env.dev.default": true, "env.sample": true,
		".env.docker-compose": false, "common.env": false, ".env.production": false,
	} {
		if got := templateLike(name); got != want {
			t.Errorf("templateLike(%q) = %v, want %v", name, got, want)
		}
	}
}
