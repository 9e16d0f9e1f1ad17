package golang

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGoCommands: the packages a Dockerfile's go commands build, as
// patterns relative to the build context: package paths, the directories
// of .go files named, ARG references with the service's build args or the
// ARG's default; not flags, the -o output or references without a value.
func TestGoCommands(t *testing.T) {
	for _, tc := range []struct {
		dockerfile string
		args       map[string]string
		builds     []string
		tests      []string
	}{
		{"RUN go build -o /api ./cmd/api\n", nil, []string{"./cmd/api"}, nil},
		{"RUN go build -ldflags=\"-w -s\" -o /app/server cmd/server/main.go\n", nil, []string{"./cmd/server"}, nil},
		{"RUN go build -o /app ./cmd/api/main.go && go test ./internal/...\n", nil, []string{"./cmd/api"}, []string{"./internal/..."}},
		{"RUN CGO_ENABLED=0 go build -o main main.go\n", nil, []string{"."}, nil},
		{"ARG BINARY=api\nRUN go build -o /out/app ./cmd/${BINARY}\n", nil, []string{"./cmd/api"}, nil},
		{"ARG BINARY=api\nRUN go build -o /out/app ./cmd/${BINARY}\n", map[string]string{"BINARY": "loadtest"}, []string{"./cmd/loadtest"}, nil},
		{"ARG BIN\nRUN go build -o /out/app ./cmd/$BIN\n", nil, nil, nil},
		{"RUN go build -ldflags \"-X main.version=${VERSION}\" -o /bin/app ./cmd/app\n", nil, []string{"./cmd/app"}, nil},
		{"COPY app /app\n", nil, nil, nil},
	} {
		path := filepath.Join(t.TempDir(), "Dockerfile")
		if err := os.WriteFile(path, []byte("FROM golang\n"+tc.dockerfile), 0o644); err != nil {
			t.Fatal(err)
		}
		d := goCommands(path, tc.args)
		var builds, tests []string
		if d != nil {
			builds, tests = d.builds, d.tests
		}
		if !slices.Equal(builds, tc.builds) || !slices.Equal(tests, tc.tests) {
			t.Errorf("%q %v: builds %q tests %q, want %q %q", tc.dockerfile, tc.args, builds, tests, tc.builds, tc.tests)
		}
	}
}

// TestNamesOnce: a service defined in a base and in a variant is named
// once, and in the singular.
func TestNamesOnce(t *testing.T) {
	a, b := &Service{Name: "migrate"}, &Service{Name: "migrate"}
	if got := names([]*Service{a, b}); got != `service "migrate"` {
		t.Errorf("got %s", got)
	}
	if got := names([]*Service{a, {Name: "api"}, b}); got != `services "migrate" and "api"` {
		t.Errorf("got %s", got)
	}
}
