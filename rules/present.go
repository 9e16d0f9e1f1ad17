package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/network"
)

// QuoteList renders names as "a", "b" and "c".
func QuoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// sortedServices returns names sorted, without duplicates.
func sortedNames(ss []*compose.Service) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s.Name)
		}
	}
	sort.Strings(out)
	return out
}

// verb renders `service "a" reaches` or `services "a" and "b" reach`.
func verb(ss []*compose.Service, one, many string) string {
	if len(sortedNames(ss)) == 1 {
		return subject(ss) + " " + one
	}
	return subject(ss) + " " + many
}

// subject renders `service "a"` or `services "a" and "b"`.
func subject(ss []*compose.Service) string {
	names := sortedNames(ss)
	if len(names) == 1 {
		return fmt.Sprintf("service %q", names[0])
	}
	return "services " + QuoteList(names)
}

// networksNote is a related location listing the networks of s.
func networksNote(m *network.Model, s *compose.Service) diag.Related {
	rng := s.Key.Range
	if n := s.Node.Get("networks"); n != nil {
		rng = n.Range
	} else if s.NetworkMode != nil {
		rng = s.NetworkMode.Range
	}
	var names []string
	for _, r := range m.Networks(s) {
		names = append(names, r.Name)
	}
	msg := fmt.Sprintf("service %q is on networks %s", s.Name, QuoteList(names))
	switch {
	case s.NetworkMode != nil:
		msg = fmt.Sprintf("service %q uses network_mode %q", s.Name, s.NetworkMode.Value)
	case len(names) == 1 && names[0] == "default" && s.Node.Get("networks") == nil:
		msg = fmt.Sprintf("service %q is on the project's default network only", s.Name)
	case len(names) == 1:
		msg = fmt.Sprintf("service %q is on network %q only", s.Name, names[0])
	}
	return diag.Related{Range: rng, Message: msg}
}

// notes joins the parts of an explanation that are not empty with "; ".
func notes(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// longValue is the length in runes above which a headline names the
// address to use ("db:5432") rather than the whole value to write (a URL or
// DSN), which goes to the note: the headline stays one line.
const longValue = 24
