package fastyaml

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
)

// gen writes random YAML documents in the shapes Compose files take, with
// the corner cases of each form, for TestGenerated to compare with yaml/v4.
type gen struct {
	r       *rand.Rand
	b       strings.Builder
	anchors []string
}

var plains = []string{"a", "api", "nginx:1.27", "http://db:5432/x", "yes", "No", "on", "true", "False", "null", "~", "1", "-1", "+2",
	"0x1F", "0o17", "017", "08", "1_000", "1e3", ".5", "1.", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14 21:59:43.10",
	"a#b", "a b", "é ü", "${VAR:-x}", "$$x", "-x", "--flag=1", "a:b", "a,b", "a[0]", "a}", "<<", "=", "9223372036854775808", "-0"}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) line(indent int, s string) {
	g.b.WriteString(strings.Repeat(" ", indent))
	g.b.WriteString(s)
	if g.r.IntN(8) == 0 {
		g.b.WriteString(" # c")
	}
	g.b.WriteByte('\n')
	switch g.r.IntN(12) {
	case 0:
		g.b.WriteString("\n")
	case 1:
		g.b.WriteString(strings.Repeat(" ", g.r.IntN(indent+3)) + "# comment\n")
	}
}

func (g *gen) quoted() string {
	parts := []string{"x", " ", "é", "#", ": ", "'", `\"`, `\\`, `\n`, `\t`, `\x41`, `\u00e9`, `\/`, "a"}
	var s strings.Builder
	for range g.r.IntN(4) {
		s.WriteString(g.pick(parts))
	}
	if g.r.IntN(2) == 0 {
		return `"` + s.String() + `"`
	}
	return "'" + strings.NewReplacer(`\"`, `"`, "'", "''").Replace(s.String()) + "'"
}

// scalar is a one-line value: plain, quoted, alias, or flow collection.
func (g *gen) scalar(depth int) string {
	switch g.r.IntN(10) {
	case 0, 1:
		return g.quoted()
	case 2:
		if len(g.anchors) > 0 {
			return "*" + g.pick(g.anchors)
		}
	case 3:
		if depth < 3 {
			return g.flow(depth + 1)
		}
	}
	return g.pick(plains)
}

func (g *gen) flow(depth int) string {
	n := g.r.IntN(4)
	var items []string
	isMap := g.r.IntN(2) == 0
	for range n {
		v := g.scalar(depth)
		if isMap {
			k := g.pick([]string{"a", "b", `"c"`, "'d'", "1", "e f"})
			v = k + g.pick([]string{": ", ":  "}) + v
		}
		items = append(items, v)
	}
	sep := g.pick([]string{", ", ",", " , ", ",\n      "})
	s := strings.Join(items, sep)
	if n > 0 && g.r.IntN(6) == 0 {
		s += ","
	}
	if isMap {
		return "{" + s + "}"
	}
	return "[" + s + "]"
}

// block writes a block scalar's header and lines under indent.
func (g *gen) block(indent int) string {
	header := g.pick([]string{"|", "|-", "|+", ">", ">-", ">+"})
	ci := indent + 1 + g.r.IntN(3)
	var lines []string
	for range 1 + g.r.IntN(4) {
		switch g.r.IntN(5) {
		case 0:
			lines = append(lines, "")
		case 1:
			lines = append(lines, strings.Repeat(" ", ci+1+g.r.IntN(2))+"more indented")
		default:
			lines = append(lines, strings.Repeat(" ", ci)+g.pick([]string{"text", "# not a comment", "a: b", "x  y"}))
		}
	}
	if g.r.IntN(3) == 0 {
		lines = append(lines, "")
	}
	return header + "\n" + strings.Join(lines, "\n")
}

// value writes the value of an entry at column indent, after "key:" or
// "-" already written on the current line.
func (g *gen) value(indent, depth int) {
	anchor := ""
	if g.r.IntN(10) == 0 {
		a := g.pick([]string{"x", "base", "y_1", "z-2"})
		anchor = " &" + a
		defer func() { g.anchors = append(g.anchors, a) }()
	}
	switch k := g.r.IntN(10); {
	case depth < 4 && k < 4:
		g.b.WriteString(anchor + "\n")
		child := indent + 1 + g.r.IntN(3)
		if g.r.IntN(2) == 0 {
			g.mapping(child, depth+1)
		} else {
			g.sequence(child, depth+1)
		}
	case k == 4:
		g.b.WriteString(anchor + " " + g.block(indent) + "\n")
	case k == 5:
		g.b.WriteString(anchor + " " + g.pick(plains) + "\n" + strings.Repeat(" ", indent+2) + g.pick(plains) + "\n")
	case k == 6:
		g.b.WriteString(anchor + "\n") // null
	default:
		g.b.WriteString(anchor)
		g.line(0, " "+g.scalar(depth))
	}
}

func (g *gen) mapping(indent, depth int) {
	for i := range 1 + g.r.IntN(4) {
		key := g.pick([]string{"services", "image", "api", `"quoted key"`, "'single'", "8080", "true", "a b", "<<", "environment",
			"a:b", "key  ", "-k", "é", `"a\"b"`, "'it''s'", "~", "[a]", "a#b", "a #b"})
		if i > 0 && key == "<<" {
			key = "other"
		}
		g.b.WriteString(strings.Repeat(" ", indent) + key + ":")
		if g.r.IntN(6) == 0 && depth < 4 {
			// A sequence at the key's own column.
			g.b.WriteString("\n")
			g.sequence(indent, depth+1)
			continue
		}
		g.value(indent, depth)
	}
}

func (g *gen) sequence(indent, depth int) {
	for range 1 + g.r.IntN(4) {
		g.b.WriteString(strings.Repeat(" ", indent) + "-")
		if g.r.IntN(4) == 0 && depth < 4 {
			// A mapping starting on the item's line.
			gap := 1 + g.r.IntN(3)
			g.b.WriteString(strings.Repeat(" ", gap))
			at := indent + 1 + gap
			g.b.WriteString(g.pick([]string{"name", "target"}) + ":")
			g.value(at, depth+1)
			if g.r.IntN(2) == 0 {
				g.b.WriteString(strings.Repeat(" ", at) + "published:")
				g.value(at, depth+1)
			}
			continue
		}
		g.value(indent, depth)
	}
}

// TestGenerated compares Parse with yaml/v4 on random documents in the
// forms Compose files are written in (more of them with REACHLINT_LONG, or
// FASTYAML_SEEDS of them).
func TestGenerated(t *testing.T) {
	n := 20000
	if s := os.Getenv("FASTYAML_SEEDS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	if testenv.Long() {
		n = 300000
	}
	accepted := 0
	for seed := range n {
		g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 7))}
		if g.r.IntN(10) == 0 {
			g.b.WriteString("---\n")
		}
		if g.r.IntN(5) == 0 {
			g.sequence(g.r.IntN(2), 0)
		} else {
			g.mapping(g.r.IntN(2), 0)
		}
		if agree(t, "generated", []byte(g.b.String())) {
			accepted++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("accepted %d of %d", accepted, n)
	if accepted < n/4 {
		t.Errorf("accepted %d of %d generated documents: the generator no longer tests the fast path", accepted, n)
	}
}
