package hardcodedlocalhost

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHosts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"http://localhost:8000/users", []string{"localhost"}},
		{"https://user:p@ss@127.0.0.1/x?y=z", []string{"127.0.0.1"}},
		{"http://[::1]:80/", []string{"::1"}},
		{"mongodb://a:1,b:2,localhost/db", []string{"a", "b", "localhost"}},
		{"dns:///localhost:50051", []string{"localhost"}},
		{"passthrough:///[::1]:1", []string{"::1"}},
		{"unix:///var/run/x.sock", nil},
		{"file:///etc/hosts", nil},
		{"app:pw@tcp(127.0.0.1:3306)/app", []string{"127.0.0.1"}},
		{"tcp(db)/app", []string{"db"}},
		{"host=localhost port=5432 user=app", []string{"localhost"}},
		{"Server=db;Database=app", []string{"db"}},
		{"host='127.0.0.1'", []string{"127.0.0.1"}},
		{"localhost:6379", []string{"localhost"}},
		{"localhost", []string{"localhost"}},
		{"::1", []string{"::1"}},
		{"[::1]", []string{"::1"}},
		{"redis-1:7000,localhost:7001", []string{"redis-1", "localhost"}},
		{"/var/run/app.sock", nil},
		{"could not reach localhost:8000", nil},
		{"", nil},
		{"file:app.db?cache=shared", nil},
	} {
		if got := hosts(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("hosts(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for h, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "localhost.": true, "api.localhost": true,
		"127.0.0.1": true, "127.255.0.9": true, "::1": true, "::ffff:127.0.0.1": true,
		"0.0.0.0": false, "::": false, "db": false, "localhost.example.com": false,
		"128.0.0.1": false, "10.0.0.1": false, "mylocalhost": false,
	} {
		if got := isLoopback(h); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", h, got, want)
		}
	}
	for h, want := range map[string]bool{"0.0.0.0": true, "::": true, "127.0.0.1": false, "db": false} {
		if got := isUnspecified(h); got != want {
			t.Errorf("isUnspecified(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestLoopbackListen(t *testing.T) {
	for _, tc := range []struct {
		in, host, port string
		ok             bool
	}{
		{"127.0.0.1:8080", "127.0.0.1", "8080", true},
		{"localhost:http", "localhost", "http", true},
		{"[::1]:9000", "::1", "9000", true},
		{"127.0.0.1:", "127.0.0.1", "", true},
		{"localhost", "localhost", "", true},
		{":8080", "", "", false},
		{"0.0.0.0:8080", "", "", false},
		{"[::]:8080", "", "", false},
		{"api:8080", "", "", false},
	} {
		h, p, ok := loopbackListen(tc.in)
		if h != tc.host || p != tc.port || ok != tc.ok {
			t.Errorf("loopbackListen(%q) = %q, %q, %v; want %q, %q, %v", tc.in, h, p, ok, tc.host, tc.port, tc.ok)
		}
	}
}

func TestImplicitLocal(t *testing.T) {
	for _, tc := range []struct {
		in, what, dials string
	}{
		{":6379", "address", "localhost:6379"},
		{"db:6379, :6380", "broker list", "localhost:6380"},
		{":x", "address", ""}, // a port known only at run time
		{":", "address", ""},
		{"db:6379", "address", ""},
		{":6379", "URL", ""},
		{":6379", "host", ""},
		{"root:pw@/app", "DSN", "127.0.0.1:3306"},
		{"root@tcp/app?parseTime=true", "DSN", "127.0.0.1:3306"},
		{"root@tcp()/app", "DSN", "127.0.0.1:3306"},
		{"root:p@ss@/app", "DSN", "127.0.0.1:3306"},
		{"root@tcp(:3307)/app", "DSN", "localhost:3307"},
		{"root@tcp(db:3306)/app", "DSN", ""},
		{"root@tcp(x)/app", "DSN", ""},
		{"root@unix(/run/mysqld.sock)/app", "DSN", ""},
		{"root@db/app", "DSN", ""}, // a network named db: an error of its own
		{"/app", "DSN", ""},
		{"/data/me@x/app.db", "DSN", ""},
		{"file:/data/me@/app.db", "DSN", ""},
		{"./me@/app.db", "DSN", ""},
		{"postgres://u@/app", "DSN", ""},
		{"user=a password=b@ dbname=/x", "DSN", ""},
		{"root:pw@/app", "address", ""},
	} {
		got, ok := implicitLocal(tc.in, tc.what)
		if got != tc.dials || ok != (tc.dials != "") {
			t.Errorf("implicitLocal(%q, %q) = %q, %v; want %q", tc.in, tc.what, got, ok, tc.dials)
		}
	}
}

// FuzzHosts checks that the endpoint parser never panics and that every host
// it returns is a piece of its input.
func FuzzHosts(f *testing.F) {
	for _, s := range []string{
		"http://localhost:8000/users", "mongodb://a:1,b:2/db", "dns:///[::1]:1", "u@tcp(127.0.0.1:3306)/d",
		"host=localhost port=1", "[::1", "::", "tcp(", "a=b;c", "http://@", "://",
		":6379", "root:pw@/app", "u@tcp(:1)/d", "u@tcp(/d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, h := range hosts(s) {
			if h == "" {
				t.Errorf("hosts(%q) returned an empty host", s)
			}
			if !strings.Contains(strings.ToLower(s), strings.ToLower(h)) {
				t.Errorf("hosts(%q) returned %q, which is not in the input", s, h)
			}
			isLoopback(h)
			isUnspecified(h)
		}
		loopbackListen(s)
		for _, what := range []string{"address", "DSN"} {
			if d, ok := implicitLocal(s, what); ok != (d != "") {
				t.Errorf("implicitLocal(%q, %q) = %q, %v", s, what, d, ok)
			}
		}
		if utf8.ValidString(s) {
			localHost(s)
		}
	})
}
