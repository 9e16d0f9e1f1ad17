package compose

import (
	"fmt"
	"testing"
)

func TestParsePortSpec(t *testing.T) {
	for in, want := range map[string]string{
		"3000":                    "|0-0|3000-3000|tcp",
		"3001:3002":               "|3001-3001|3002-3002|tcp",
		"127.0.0.1:3002:3002":     "127.0.0.1|3002-3002|3002-3002|tcp",
		"127.0.0.1::3003":         "127.0.0.1|0-0|3003-3003|tcp",
		"4000-4002:5000-5002":     "|4000-4002|5000-5002|tcp",
		"4000-4010:5000":          "|4000-4010|5000-5000|tcp",
		"6000-6001:6000-6001/UDP": "|6000-6001|6000-6001|udp",
		"[::1]:7000:7000":         "::1|7000-7000|7000-7000|tcp",
		"::1:7000:7000":           "::1|7000-7000|7000-7000|tcp",
		"[::1]::7000":             "::1|0-0|7000-7000|tcp",
		"[::1]:7000":              "invalid",
		"80/":                     "|0-0|80-80|tcp",
		"80/sctp":                 "|0-0|80-80|sctp",
		"abc:def":                 "invalid",
		"host:80:80":              "invalid",
		"1:2:3:4:5":               "invalid",
		"80:80/xyz":               "invalid",
		"1-3:1-2":                 "invalid",
		"70000":                   "invalid",
		"":                        "invalid",
	} {
		p, ok := ParsePortSpec(in)
		got := "invalid"
		if ok {
			got = fmt.Sprintf("%s|%d-%d|%d-%d|%s", p.HostIP, p.Published, p.PublishedEnd, p.Target, p.TargetEnd, p.Protocol)
		}
		if got != want {
			t.Errorf("ParsePortSpec(%q) = %s, want %s", in, got, want)
		}
	}
}
