package dockerfile

import (
	"path"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	const multi = "FROM python:3.12 AS base\nWORKDIR /app\nENV PYTHONUNBUFFERED=1 FLASK_RUN_HOST=0.0.0.0\n" +
		"FROM base AS dev\nCMD [\"flask\", \"run\", \"--debug\"]\n" +
		"FROM python:3.12-slim\nWORKDIR /srv\nENV PORT 8000\nCMD gunicorn app:app\n"
	for _, tc := range []struct{ df, target, want string }{
		{"FROM node:20 AS build\nWORKDIR /src\nCMD [\"npm\", \"test\"]\n\nFROM node:20-slim\nWORKDIR /app\n# CMD node nothing.js\nCOPY . .\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD node \\\n  server.js\n",
			"", "docker-entrypoint.sh|/bin/sh -c node server.js|/app|"},
		{"FROM golang:1.14\nWORKDIR /Go-LMS\nWORKDIR sub/dir\n", "", "||/Go-LMS/sub/dir|"},
		{"from alpine\nworkdir /srv/\ncmd [\"a\"]\n", "", "|a|/srv|"},
		{"FROM x\nENTRYPOINT [\"not json\"\n", "", "/bin/sh -c [\"not json\"|||"},
		{"", "", "|||"},
		{multi, "", "|/bin/sh -c gunicorn app:app|/srv|PORT"},
		{multi, "dev", "|flask run --debug|/app|PYTHONUNBUFFERED FLASK_RUN_HOST"},
		{multi, "DEV", "|flask run --debug|/app|PYTHONUNBUFFERED FLASK_RUN_HOST"},
		{multi, "base", "||/app|PYTHONUNBUFFERED FLASK_RUN_HOST"},
		{multi, "missing", "|/bin/sh -c gunicorn app:app|/srv|PORT"},
		{"FROM --platform=$BUILDPLATFORM node:20 AS web\nWORKDIR /web\nFROM web\nCMD [\"node\", \"s.js\"]\n", "", "|node s.js|/web|"},
	} {
		st := Read([]byte(tc.df), tc.target)
		got := strings.Join(st.Entrypoint, " ") + "|" + strings.Join(st.Cmd, " ") + "|" + st.Workdir + "|" + strings.Join(st.Env, " ")
		if got != tc.want {
			t.Errorf("%q (target %q): got %q, want %q", tc.df, tc.target, got, tc.want)
		}
	}
}

// FuzzRead: any text and target end without panicking, with a clean
// absolute working directory or none, and no empty variable name.
func FuzzRead(f *testing.F) {
	f.Add("FROM node\nWORKDIR /app\nCMD [\"npm\", \"start\"]\n", "")
	f.Add("ENTRYPOINT node \\\n a.js", "x")
	f.Add("FROM a AS b\nENV X=1 Y 2\nFROM b AS c\nWORKDIR ../..\n", "c")
	f.Fuzz(func(t *testing.T, df, target string) {
		st := Read([]byte(df), target)
		if st.Workdir != "" && (!strings.HasPrefix(st.Workdir, "/") || st.Workdir != path.Clean(st.Workdir)) {
			t.Fatalf("workdir %q from %q", st.Workdir, df)
		}
		for _, e := range st.Env {
			if e == "" {
				t.Fatalf("empty ENV name from %q", df)
			}
		}
	})
}

// TestBase: the image a stage starts from, through the stages it is built
// FROM.
func TestBase(t *testing.T) {
	const df = "FROM node:22-alpine AS builder\nRUN npm run build\nFROM --platform=$TARGETPLATFORM nginx:1.27-alpine AS runtime\nCOPY --from=builder /app/dist /usr/share/nginx/html\nFROM runtime AS final\n"
	for target, want := range map[string]string{"": "nginx:1.27-alpine", "builder": "node:22-alpine", "runtime": "nginx:1.27-alpine", "missing": "nginx:1.27-alpine"} {
		if got := Read([]byte(df), target).Base; got != want {
			t.Errorf("target %q: base %q, want %q", target, got, want)
		}
	}
	if got := Read([]byte("RUN x\n"), "").Base; got != "" {
		t.Errorf("no FROM: base %q", got)
	}
}

// TestSetsEnv: an ENV of any stage, in either form.
func TestSetsEnv(t *testing.T) {
	df := []byte("FROM node:20 AS build\nENV VITE_API_URL=http://localhost:8080/api/ MODE=prod\nRUN npm run build\nFROM nginx\nENV A b\nRUN echo NODE_ENV=x\n")
	for name, want := range map[string]bool{"VITE_API_URL": true, "MODE": true, "A": true, "VITE": false, "NODE_ENV": false} {
		if got := SetsEnv(df, name); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

// TestHealthcheck: a HEALTHCHECK with a command in the stage built (or the
// stage it starts from); NONE switches an inherited one off.
func TestHealthcheck(t *testing.T) {
	for df, want := range map[string]bool{
		"FROM alpine\nHEALTHCHECK --interval=5s CMD drill @127.0.0.1 example.com\n":         true,
		"FROM alpine\nhealthcheck CMD-SHELL true\n":                                         true,
		"FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nCMD run\n":                   true,
		"FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK NONE\n":          false,
		"FROM alpine AS build\nHEALTHCHECK CMD true\nFROM nginx\nCOPY --from=build /a /b\n": false,
		"FROM alpine\nHEALTHCHECK\n":                                                        false,
		"FROM alpine\n":                                                                     false,
	} {
		if got := Read([]byte(df), "").Healthcheck; got != want {
			t.Errorf("%q: healthcheck %v, want %v", df, got, want)
		}
	}
}

// TestSources: what the stages copy from the build context, and which
// files of the context that takes in.
func TestSources(t *testing.T) {
	df := `FROM golang:1.26 AS build
# packages/otel-collector only
COPY packages/otel-collector/go.mod packages/otel-collector/go.sum ./
COPY --chown=10001:10001 ["docker/otel-collector/config.yaml", "/etc/otel/"]
COPY --from=ocb /usr/local/bin/ocb /usr/local/bin/ocb
ADD https://example.com/x.tar.gz /tmp/
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=bind,source=tools/gen,target=/gen go run /gen
COPY <<MOTD /etc/motd
COPY package*.json ./
FROM alpine
COPY --from=build /out /out
`
	srcs, all := Sources([]byte(df))
	if all {
		t.Fatalf("all: %q", srcs)
	}
	for rel, want := range map[string]bool{
		"packages/otel-collector/go.mod":        true,
		"packages/otel-collector/main.go":       false,
		"docker/otel-collector/config.yaml":     true,
		"tools/gen/main.go":                     true,
		"package.json":                          true,
		"package-lock.json":                     true,
		"packages/app/pages/api/[...all].ts":    false,
		"packages/otel-collector-extra/x.go":    false,
		"docker/otel-collector/config.yaml.bak": false,
		"usr/local/bin/ocb":                     false,
		"src/package.json":                      false,
	} {
		if got := Copied(srcs, rel); got != want {
			t.Errorf("Copied(%q) = %v, want %v (sources %q)", rel, got, want, srcs)
		}
	}
	for _, whole := range []string{
		"FROM node\nCOPY . .\n",
		"FROM node\nCOPY ./ /app\n",
		"FROM node\nCOPY * /app/\n",
		"FROM node\nCOPY ${APP_DIR} /app\n",
		"FROM golang\nRUN --mount=type=bind,target=. go build ./...\n",
		"FROM node\nCOPY [\"a\", \n",
	} {
		if _, all := Sources([]byte(whole)); !all {
			t.Errorf("%q: want the whole context", whole)
		}
	}
}

// FuzzSources: any text ends without panicking, with clean relative
// sources, each of which Copied takes in.
func FuzzSources(f *testing.F) {
	f.Add("FROM node\nCOPY package*.json ./\nCOPY src/ ./src\n")
	f.Add("COPY --from=x a b\nADD [\"a b\", \"c\"]\nRUN --mount=type=bind,source=x,from=y true\n")
	f.Fuzz(func(t *testing.T, df string) {
		srcs, all := Sources([]byte(df))
		if all {
			return
		}
		for _, s := range srcs {
			if s == "" || strings.HasPrefix(s, "/") || path.Clean(s) != s || strings.HasPrefix(s, "../") {
				t.Fatalf("source %q from %q", s, df)
			}
			if !Copied(srcs, s) {
				t.Fatalf("Copied(%q) false for its own source (%q)", s, df)
			}
		}
	})
}
