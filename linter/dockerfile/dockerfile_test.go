package dockerfile

import (
	"path"
	"strings"
	"testing"
)

func TestCommand(t *testing.T) {
	for _, tc := range []struct{ df, want string }{
		{"FROM node:20 AS build\nWORKDIR /src\nCMD [\"npm\", \"test\"]\n\nFROM node:20-slim\nWORKDIR /app\n# CMD node nothing.js\nCOPY . .\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD node \\\n  server.js\n",
			"docker-entrypoint.sh|/bin/sh -c node server.js|/app"},
		{"FROM golang:1.14\nWORKDIR /Go-LMS\nWORKDIR sub/dir\n", "||/Go-LMS/sub/dir"},
		{"from alpine\nworkdir /srv/\ncmd [\"a\"]\n", "|a|/srv"},
		{"FROM x\nENTRYPOINT [\"not json\"\n", "/bin/sh -c [\"not json\"||"},
		{"", "||"},
	} {
		ep, cmd, wd := Command([]byte(tc.df))
		if got := strings.Join(ep, " ") + "|" + strings.Join(cmd, " ") + "|" + wd; got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.df, got, tc.want)
		}
	}
}

// FuzzCommand: any text ends without panicking, with a clean absolute
// working directory or none.
func FuzzCommand(f *testing.F) {
	f.Add("FROM node\nWORKDIR /app\nCMD [\"npm\", \"start\"]\n")
	f.Add("ENTRYPOINT node \\\n a.js")
	f.Add("CMD [\"node\"")
	f.Add("WORKDIR a\nWORKDIR ../..\n")
	f.Fuzz(func(t *testing.T, df string) {
		_, _, wd := Command([]byte(df))
		if wd != "" && (!strings.HasPrefix(wd, "/") || wd != cleanSlash(wd)) {
			t.Fatalf("workdir %q from %q", wd, df)
		}
	})
}

func cleanSlash(p string) string { return path.Clean(p) }
