package endpoint

import (
	"encoding/json"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func seedValues(f *testing.F) []string {
	vals := []string{"http://localhost:3000", "PLAINTEXT://:9092,X://[::1]:1", "host=db port=5432", "Server=a,1;Port=2", "${A-http://b:1}", "a:1,b:2 c:3"}
	for _, l := range readLines(f, "env.txt") {
		if _, v, ok := strings.Cut(l, "="); ok {
			vals = append(vals, v)
		}
	}
	return vals
}

func FuzzFromEnv(f *testing.F) {
	keys := []string{"DB_HOST", "KAFKA_LISTENERS", "API_URL", "HOST", "X", "MEMCACHED_SERVERS"}
	for i, v := range seedValues(f) {
		f.Add(keys[i%len(keys)], v)
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		eps := FromEnv(key, value, nil)
		for _, e := range eps {
			checkInvariants(t, value, e)
		}
		// The name's facts, remembered or read afresh, and the default
		// prefixes, named or not, give the same endpoints.
		if k := parseKey(key); !reflect.DeepEqual(ParseKey(key), k) {
			t.Fatalf("ParseKey(%q) = %+v, read afresh %+v", key, ParseKey(key), k)
		}
		if again := FromEnv(key, value, DefaultBrowserPrefixes); !reflect.DeepEqual(again, eps) {
			t.Fatalf("%s=%q: %+v with the default prefixes named, %+v without", key, value, again, eps)
		}
		for _, e := range FromString(value) {
			checkInvariants(t, value, e)
		}
		if !mayHoldAddress(value) {
			if eps := scanValue(value, KeyWords(key)); len(eps) > 0 {
				t.Fatalf("mayHoldAddress(%q) is false, but the value holds %+v", value, eps[0])
			}
		}
	})
}

func FuzzFromArgs(f *testing.F) {
	for _, l := range readLines(f, "args.txt") {
		var args []string
		if json.Unmarshal([]byte(l), &args) == nil {
			f.Add(strings.Join(args, "\x00"))
		}
	}
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		for _, a := range args {
			// The memo of a flag's name answers as the functions it keeps.
			name, _, _ := strings.Cut(a, "=")
			key, short := flagKey(name)
			if got, want := flagInfoOf(name), (flagInfo{key: key, short: short, meaningful: meaningfulKey(key)}); got != want {
				t.Fatalf("flagInfoOf(%q) = %+v, want %+v", name, got, want)
			}
		}
		for _, e := range scanArgs(args) { // FromArgs and ImpliedBinds
			if e.ArgIndex < 0 || e.ArgIndex >= len(args) {
				t.Fatalf("arg index %d of %d", e.ArgIndex, len(args))
			}
			a := args[e.ArgIndex]
			if e.Start < 0 || e.Start > e.HostStart || e.HostStart > e.HostEnd || e.HostEnd > e.End || e.End > len(a) {
				t.Fatalf("ranges %+v in %q", e, a)
			}
			if e.Implied != "" {
				// No address written: the span is the server's program word.
				if e.Host != "127.0.0.1" || e.Role != Bind || e.Start != e.HostStart || e.End != e.HostEnd || e.Start == e.End {
					t.Fatalf("implied %+v in %q", e, a)
				}
				continue
			}
			if !strings.EqualFold(a[e.HostStart:e.HostEnd], e.Host) {
				t.Fatalf("host %q but text %q", e.Host, a[e.HostStart:e.HostEnd])
			}
			if e.PortStart >= 0 {
				pa := a
				if e.PortArg >= 0 {
					if e.PortArg >= len(args) {
						t.Fatalf("port arg %d", e.PortArg)
					}
					pa = args[e.PortArg]
				}
				if e.PortStart > e.PortEnd || e.PortEnd > len(pa) {
					t.Fatalf("port range %d,%d in %q", e.PortStart, e.PortEnd, pa)
				}
				if p, err := strconv.Atoi(pa[e.PortStart:e.PortEnd]); err != nil || p != e.Port {
					t.Fatalf("port %d but text %q", e.Port, pa[e.PortStart:e.PortEnd])
				}
			}
		}
	})
}

func BenchmarkFromEnv(b *testing.B) {
	var kvs [][2]string
	for _, l := range readLines(b, "env.txt") {
		k, v, _ := strings.Cut(l, "=")
		kvs = append(kvs, [2]string{k, v})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, kv := range kvs {
			FromEnv(kv[0], kv[1], nil)
		}
	}
}

func BenchmarkFromArgs(b *testing.B) {
	var all [][]string
	for _, l := range readLines(b, "args.txt") {
		var args []string
		if json.Unmarshal([]byte(l), &args) == nil {
			all = append(all, args)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range all {
			FromArgs(a)
		}
	}
}

// BenchmarkLongValue guards against quadratic scans on a large value.
func BenchmarkLongValue(b *testing.B) {
	v := strings.Repeat("http://a:1,b://c@d:2 e:3 ", 4000)
	for b.Loop() {
		FromEnv("X", v, nil)
	}
}

// IsLoopback parses only what can be an address: it answers as parsing
// every host would.
func FuzzIsLoopback(f *testing.F) {
	for _, h := range []string{"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "::", "::ffff:127.0.0.1", "fe80::1%eth0", "db", "LOCALHOST.", "127.0.0.11", "a.localhost", "Ab::1", "1.2.3.4", ""} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, host string) {
		want := false
		h := normHost(host)
		switch {
		case h == "localhost", h == "ip6-localhost", h == "ip6-loopback", h == "localhost.localdomain", h == "localhost6", h == "localhost6.localdomain6", strings.HasSuffix(h, ".localhost"):
			want = true
		case h == "127.0.0.11":
		default:
			if a, err := netip.ParseAddr(h); err == nil {
				a = a.Unmap()
				want = a.IsLoopback() || a.IsUnspecified()
			}
		}
		if got := IsLoopback(host); got != want {
			t.Fatalf("IsLoopback(%q) = %v, parsing says %v", host, got, want)
		}
	})
}

// FuzzMayBeIP: whatever netip.ParseAddr accepts, MayBeIP lets through, so
// the shortcut never changes an answer.
func FuzzMayBeIP(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "::1", "fe80::1%eth0", "::ffff:10.0.0.1", "db", "1.2.3", "", "0", "a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := netip.ParseAddr(s); err == nil && !MayBeIP(s) {
			t.Fatalf("ParseAddr accepts %q, MayBeIP says no", s)
		}
	})
}
