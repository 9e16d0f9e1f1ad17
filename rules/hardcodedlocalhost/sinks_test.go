package hardcodedlocalhost

import (
	"strings"
	"testing"
)

func TestParseSink(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Sink
		err  string
	}{
		{in: "github.com/nats-io/nats.go.Connect#0", want: Sink{Name: "github.com/nats-io/nats.go.Connect", What: "address", Env: "SERVICE_ADDR"}},
		{in: "(*example.com/c.Client).Do#2", want: Sink{Name: "(*example.com/c.Client).Do", Arg: 2, What: "address", Env: "SERVICE_ADDR"}},
		{in: " listen:example.com/s.Serve#1 ", want: Sink{Name: "example.com/s.Serve", Arg: 1, Kind: Listen, What: "address", Env: "SERVICE_ADDR"}},
		{in: "example.com/c.Options.URL", want: Sink{Name: "example.com/c.Options.URL", Field: true, What: "address", Env: "SERVICE_ADDR"}},
		{in: "Connect#0", err: "want import/path.Func#N"},
		{in: "example.com/c.F#one", err: "not a non-negative number"},
		{in: "", err: "want import/path"},
	} {
		got, err := ParseSink(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSink(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseSink(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestDefaultSinksUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range DefaultSinks {
		if seen[s.Name] {
			t.Errorf("sink %s listed twice", s.Name)
		}
		seen[s.Name] = true
		if s.Kind == Dial && (s.What == "" || s.Env == "") {
			t.Errorf("dial sink %s needs What and Env for its message", s.Name)
		}
	}
}
