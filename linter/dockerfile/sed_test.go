package dockerfile

import (
	"path"
	"slices"
	"strings"
	"testing"
)

// edited is line as the edits of rel's copy leave it.
func edited(df, target, rel, line string) string {
	_, edits := Edits([]byte(df), target, rel)
	for _, e := range edits {
		line = e.Apply(line)
	}
	return line
}

// TestEditsSed: sed's options, scripts, regular expressions and
// replacements, on a file COPY . . puts in /app.
func TestEditsSed(t *testing.T) {
	const line = `connect("mongodb://localhost:27017/app")`
	for _, tc := range []struct{ run, want string }{
		// The makinhs/rest-api-tutorial fix.
		{`sed -i "s/mongodb:\/\/localhost/mongodb:\/\/mongo/g" src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i 's|localhost|mongo|' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i 's#//localhost:27017#//db:27017#' /app/src/db.js`, `connect("mongodb://db:27017/app")`},
		{`sed -i.bak s/localhost/mongo/ src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i'' -e 's/localhost/mongo/' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed --in-place=.orig --expression=s/localhost/mongo/ src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i -es/localhost/mongo/ -e 's/27017/27018/' src/db.js`, `connect("mongodb://mongo:27018/app")`},
		{`sed -ie 's/localhost/mongo/' src/db.js`, `connect("mongodb://mongo:27017/app")`}, // -i with suffix "e"
		{`sed -Ei 's/(local)(host)/\2\1/' src/db.js`, `connect("mongodb://hostlocal:27017/app")`},
		{`sed -ri 's/o+/0/g' src/db.js`, `c0nnect("m0ng0db://l0calh0st:27017/app")`},
		{`sed -n -s -u -i 's/localhost/mongo/p' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed --regexp-extended --in-place 's/local(host)?/mongo/' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i 's/localhost/mongo/; s/27017/1/' src/db.js`, `connect("mongodb://mongo:1/app")`},
		{`["sed", "-i", "-e", "s/localhost/mongo/\ns/app/db/", "src/db.js"]`, `connect("mongodb://mongo:27017/db")`},
		{`sed 's/localhost/mongo/' -i src/db.js`, `connect("mongodb://mongo:27017/app")`}, // GNU permutes
		{`sed -i -- 's/localhost/mongo/' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		// BRE operators and literals.
		{`sed -i 's/local\(host\)/\1name/' src/db.js`, `connect("mongodb://hostname:27017/app")`},
		{`sed -i 's/o\{2\}/0/' src/db.js`, line},
		{`sed -i 's/[0-9]\+/N/' src/db.js`, `connect("mongodb://localhost:N/app")`},
		{`sed -i 's/[[:digit:]]\{5\}/N/' src/db.js`, `connect("mongodb://localhost:N/app")`},
		{`sed -i 's/host\|app/X/g' src/db.js`, `connect("mongodb://localX:27017/X")`},
		{`sed -i 's/t+/X/' src/db.js`, line},                                               // + is literal in a BRE
		{`sed -i 's.local\.ost.mongo.' src/db.js`, `connect("mongodb://mongo:27017/app")`}, // GNU: \<delim> is the bare delimiter
		{`sed -i 's/[.:]/!/' src/db.js`, `connect("mongodb!//localhost:27017/app")`},
		{`sed -i 's/7[\/]a/X/' src/db.js`, `connect("mongodb://localhost:2701Xpp")`}, // a / in brackets
		{`sed -i 's/(/ (/' src/db.js`, `connect ("mongodb://localhost:27017/app")`},
		{`sed -i 's/*/X/' src/db.js`, line}, // a leading * is literal
		{`sed -i 's/^connect/open/' src/db.js`, `open("mongodb://localhost:27017/app")`},
		{`sed -i 's/)$/);/' src/db.js`, `connect("mongodb://localhost:27017/app");`},
		{`sed -i 's/a$b/X/' src/db.js`, line},
		{`sed -i 's/[^/]*:27017/db:27017/' src/db.js`, `connect("mongodb://db:27017/app")`},
		{`sed -i 's/local\|localhost/X/' src/db.js`, `connect("mongodb://X:27017/app")`}, // leftmost-longest
		{`sed -i 's/LOCALHOST/mongo/I' src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`sed -i 's/o/0/2' src/db.js`, `connect("m0ngodb://localhost:27017/app")`},
		{`sed -i 's/o/0/3g' src/db.js`, `connect("mong0db://l0calh0st:27017/app")`},
		// Replacements.
		{`sed -i 's/localhost/[&]/' src/db.js`, `connect("mongodb://[localhost]:27017/app")`},
		{`sed -i 's/localhost/a\&b/' src/db.js`, `connect("mongodb://a&b:27017/app")`},
		{`sed -i "s/localhost/${DB_HOST}/" src/db.js`, `connect("mongodb://${DB_HOST}:27017/app")`},
		{`sed -i 's/localhost/$1/' src/db.js`, `connect("mongodb://$1:27017/app")`},
		{`sed -i 's/localhost/\//' src/db.js`, `connect("mongodb:///:27017/app")`},
		{`sed -i 's/)\r*$/)/;s/(/\t(/' src/db.js`, "connect\t(\"mongodb://localhost:27017/app\")"},
		// Commands around it, exec forms.
		{`npm ci && sed -i s/localhost/mongo/ src/db.js || true`, `connect("mongodb://mongo:27017/app")`},
		{`set -e; cd src; sed -i s/localhost/mongo/ db.js 2>/dev/null`, `connect("mongodb://mongo:27017/app")`},
		{`cd /tmp && sed -i s/localhost/mongo/ src/db.js`, line},
		{`HOST=x /bin/sed -i s/localhost/mongo/ ./src/*.js # to mongo`, `connect("mongodb://mongo:27017/app")`},
		{`--mount=type=cache,target=/root/.npm sed -i s/localhost/mongo/ src/db.js`, `connect("mongodb://mongo:27017/app")`},
		{`["sed", "-i", "s/localhost/mongo/", "src/db.js"]`, `connect("mongodb://mongo:27017/app")`},
		{`["/bin/sh", "-c", "sed -i 's/localhost/mongo/' src/db.js"]`, `connect("mongodb://mongo:27017/app")`},
		// Ignored: not in place, another file, what sed is not read for.
		{`sed 's/localhost/mongo/' src/db.js > src/db2.js`, line},
		{`sed -i s/localhost/mongo/ src/other.js`, line},
		{`sed -i s/localhost/mongo/ $APP/src/db.js`, line},
		{`sed -i s/localhost/mongo/`, line},
		{`sed -i -f fix.sed src/db.js`, line},
		{`sed -z -i s/localhost/mongo/ src/db.js`, line},
		{`sed --posix -i s/localhost/mongo/ src/db.js`, line},
		{`sed -i '/connect/s/localhost/mongo/' src/db.js`, line},
		{`sed -i '1s/localhost/mongo/' src/db.js`, line},
		{`sed -i 's/localhost/mongo/;/^$/d' src/db.js`, line},
		{`sed -i 's/localhost/mongo/w out' src/db.js`, line},
		{`sed -i 's/localhost/mongo/e' src/db.js`, line},
		{`sed -i 's/localhost/mongo/m' src/db.js`, line},
		{`sed -i 's/\(o\)\1/mongo/' src/db.js`, line},
		{`sed -i 's/localhost/\U&/' src/db.js`, line},
		{`sed -i 's/localhost/\2/' src/db.js`, line},
		{`sed -i 's/localhost/mongo' src/db.js`, line},
		{`sed -i 's/[[.a.]]/mongo/' src/db.js`, line},
		{`sed -i 's/\d/mongo/' src/db.js`, line},
	} {
		df := "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN " + tc.run + "\nCMD [\"node\", \"src/db.js\"]\n"
		if got := edited(df, "", "src/db.js", line); got != tc.want {
			t.Errorf("RUN %s:\ngot  %s\nwant %s", tc.run, got, tc.want)
		}
	}
}

// TestEditsCopies: which COPY puts the file where, and which stage's
// edits count.
func TestEditsCopies(t *testing.T) {
	const sed = "RUN sed -i s/localhost/db/ "
	for _, tc := range []struct {
		df, target, rel string
		at              string // where the image holds rel
		edited          bool
	}{
		{"FROM node\nWORKDIR /usr/src/app\nCOPY . .\n" + sed + "common/db.js\n", "", "common/db.js", "/usr/src/app/common/db.js", true},
		{"FROM node\nCOPY . /app\n" + sed + "/app/db.js\n", "", "db.js", "/app/db.js", true},
		{"FROM node\nCOPY . /app\n" + sed + "db.js\n", "", "db.js", "/app/db.js", false}, // WORKDIR is /
		{"FROM node\nWORKDIR /app\nCOPY src/ /app/src/\n" + sed + "src/db.js\n", "", "src/db.js", "/app/src/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY ./src ./lib\n" + sed + "lib/db.js\n", "", "src/db.js", "/app/lib/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY src/db.js .\n" + sed + "db.js\n", "", "src/db.js", "/app/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY src/db.js /srv/db.js\n" + sed + "/srv/db.js\n", "", "src/db.js", "/srv/db.js", true},
		{"FROM node\nCOPY src/db.js /srv\n" + sed + "/srv/db.js\n", "", "src/db.js", "/srv /srv/db.js", false}, // a file or a directory
		{"FROM node\nCOPY package.json db.js /srv\n" + sed + "/srv/db.js\n", "", "db.js", "/srv/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY src/*.js ./\n" + sed + "*.js\n", "", "src/db.js", "/app/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY [\"src\", \"./\"]\n" + sed + "db.js\n", "", "src/db.js", "/app/db.js", true},
		{"FROM node\nWORKDIR /app\nADD --chown=node . .\n" + sed + "db.js\n", "", "db.js", "/app/db.js", true},
		{"FROM node\nWORKDIR /app\nCOPY lib/ .\n" + sed + "db.js\n", "", "src/db.js", "", false},
		{"FROM node\nWORKDIR /app\nCOPY $SRC .\n" + sed + "db.js\n", "", "db.js", "", false},
		{"FROM node\nWORKDIR /app\nCOPY --from=build /app .\n" + sed + "db.js\n", "", "db.js", "", false},
		// Order: a sed before the COPY, a COPY after the sed.
		{"FROM node\nWORKDIR /app\n" + sed + "db.js\nCOPY . .\n", "", "db.js", "/app/db.js", false},
		{"FROM node\nWORKDIR /app\nCOPY . .\n" + sed + "db.js\nCOPY db.js .\n", "", "db.js", "/app/db.js", false},
		{"FROM node\nWORKDIR /app\nCOPY db.js .\n" + sed + "db.js\nCOPY . .\n", "", "db.js", "/app/db.js", false},
		// Copies edited differently.
		{"FROM node\nCOPY . /a\nCOPY . /b\n" + sed + "/a/db.js\n", "", "db.js", "/a/db.js /b/db.js", false},
		{"FROM node\nCOPY . /a\nCOPY . /b\n" + sed + "/a/db.js /b/db.js\n", "", "db.js", "/a/db.js /b/db.js", true},
		// Stages.
		{"FROM node AS build\nWORKDIR /app\nCOPY . .\n" + sed + "db.js\nFROM node\nWORKDIR /app\nCOPY . .\n", "", "db.js", "/app/db.js", false},
		{"FROM node AS base\nWORKDIR /app\nCOPY . .\n" + sed + "db.js\nFROM base\nCMD [\"node\", \"db.js\"]\n", "", "db.js", "/app/db.js", true},
		{"FROM node AS base\nWORKDIR /app\nCOPY . .\nFROM base AS prod\n" + sed + "db.js\nFROM base AS dev\n", "dev", "db.js", "/app/db.js", false},
		{"FROM node AS base\nWORKDIR /app\nCOPY . .\nFROM base AS prod\n" + sed + "db.js\nFROM base AS dev\n", "PROD", "db.js", "/app/db.js", true},
		{"FROM node AS base\nWORKDIR /app\nCOPY . .\nFROM base AS a\n" + sed + "db.js\nFROM base AS b\nRUN sed -i s/localhost/x/ db.js\nFROM a\n", "", "db.js", "/app/db.js", true},
	} {
		at, _ := Edits([]byte(tc.df), tc.target, tc.rel)
		if got := strings.Join(at, " "); got != tc.at {
			t.Errorf("%q (%s): at %q, want %q", tc.df, tc.rel, got, tc.at)
		}
		if got := edited(tc.df, tc.target, tc.rel, "localhost") == "db"; got != tc.edited {
			t.Errorf("%q (%s): edited %v, want %v", tc.df, tc.rel, got, tc.edited)
		}
	}
}

// TestEditRepl: the literal text a replacement writes.
func TestEditRepl(t *testing.T) {
	for script, want := range map[string]string{
		`s/localhost/127.0.0.1/`:                 "127.0.0.1",
		`s/\(https*\):\/\/localhost/\1:\/\/api/`: "://api",
		`s|localhost|&.internal|g`:               ".internal",
		`s/a/$x\&\n/`:                            "$x&\n",
	} {
		edits, ok := parseScript(script, false)
		if !ok || len(edits) != 1 || edits[0].Repl != want {
			t.Errorf("%s: %v %+v, want Repl %q", script, ok, edits, want)
		}
	}
}

// FuzzEdits: any Dockerfile, file and line end without panicking, soon,
// with clean absolute image paths.
func FuzzEdits(f *testing.F) {
	f.Add("FROM node\nWORKDIR /app\nCOPY . .\nRUN sed -i \"s/mongodb:\\/\\/localhost/mongodb:\\/\\/mongo/g\" db.js\n", "db.js", `connect("mongodb://localhost")`)
	f.Add("FROM a AS b\nCOPY src/*.js /x/\nFROM b\nRUN cd /x && sed -Ei -e 's/(a|b)+$/\\1&/2g;s,[[:alpha:]]*,$,I' *.js", "src/a.js", "aab")
	f.Add("RUN [\"sh\", \"-c\", \"sed -i 's/\\\\(x\\\\)*\\\\{2,3\\\\}/\\\\n/' f\"]\nCOPY f .\nRUN sed -i s/^*$// f", "f", "xx")
	f.Fuzz(func(t *testing.T, df, rel, line string) {
		if len(df) > 4096 || len(line) > 4096 {
			return
		}
		at, edits := Edits([]byte(df), "", rel)
		for _, p := range at {
			if !path.IsAbs(p) || p != path.Clean(p) {
				t.Fatalf("image path %q from %q", p, df)
			}
		}
		if edits != nil && len(at) == 0 {
			t.Fatalf("edits without a copy from %q", df)
		}
		for _, e := range edits {
			line = e.Apply(line)
		}
		for _, src := range CopiedTo([]byte(df), "", "/"+rel) {
			if strings.HasPrefix(src, "/") || strings.HasPrefix(src, "../") || src == ".." {
				t.Fatalf("context directory %q from %q", src, df)
			}
		}
	})
}

// TestCopiedTo: the context directories a Dockerfile copies to an image
// directory, through WORKDIR and named stages.
func TestCopiedTo(t *testing.T) {
	for _, tc := range []struct {
		df, target, dir string
		want            []string
	}{
		{"FROM node\nWORKDIR /app\nCOPY frontend .\nCMD npm run dev\n", "", "/app", []string{"frontend"}},
		{"FROM node\nCOPY ./web/ /srv/web\nWORKDIR /srv/web\n", "", "/srv/web", []string{"web"}},
		{"FROM node\nWORKDIR /app\nCOPY . .\n", "", "/app", []string{""}},
		{"FROM node\nWORKDIR /app\nCOPY package.json yarn.lock ./\nCOPY --from=build /out .\n", "", "/app", nil},
		{"FROM node AS dev\nWORKDIR /app\nCOPY client .\nFROM nginx\nCOPY --from=dev /app/dist /usr/share/nginx/html\n", "dev", "/app", []string{"client"}},
		{"FROM node AS base\nWORKDIR /app\nCOPY ui .\nFROM base AS dev\nCMD npm run dev\n", "", "/app", []string{"ui"}},
		{"FROM node\nWORKDIR /app\nCOPY ${SRC} .\n", "", "/app", nil},
	} {
		if got := CopiedTo([]byte(tc.df), tc.target, tc.dir); !slices.Equal(got, tc.want) {
			t.Errorf("%q at %s: %q, want %q", tc.df, tc.dir, got, tc.want)
		}
	}
}
