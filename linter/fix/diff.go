package fix

import (
	"bytes"
	"fmt"
	"strings"
)

// context is the number of unchanged lines around each hunk, as in diff -u.
const context = 3

// UnifiedDiff returns a unified diff from old to new with "--- a/path" and
// "+++ b/path" headers, as git and patch -p1 expect, or "" when they are
// equal. A last line without a newline is marked "\ No newline at end of
// file". Lines keep their "\r", so CRLF files diff and apply exactly.
func UnifiedDiff(path string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", path, path)
	for _, h := range hunks(ops) {
		writeHunk(&sb, h, a, b)
	}
	return sb.String()
}

// splitLines splits after each "\n"; the last element may lack one.
func splitLines(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data))
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

type opKind byte

const (
	opEq  opKind = ' '
	opDel opKind = '-'
	opIns opKind = '+'
)

// op is one line of the edit script: a[ai] kept or deleted, or b[bi] inserted.
type op struct {
	kind   opKind
	ai, bi int
}

// diffLines computes a shortest edit script with Myers' O(ND) algorithm after
// trimming the common prefix and suffix, which is where fixes leave most lines.
func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{opEq, i, i})
	}
	for _, o := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		o.ai += pre
		o.bi += pre
		ops = append(ops, o)
	}
	for i := suf; i > 0; i-- {
		ops = append(ops, op{opEq, len(a) - i, len(b) - i})
	}
	return ops
}

func myers(a, b []string) []op {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	off := max
	v := make([]int, 2*max+2)
	var trace [][]int
	var dEnd int
search:
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insertion
			} else {
				x = v[off+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				dEnd = d
				break search
			}
		}
	}
	// Walk the trace backwards to recover the path.
	var rev []op
	x, y := n, m
	for d := dEnd; d > 0; d-- {
		pv := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && pv[off+k-1] < pv[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := pv[off+pk]
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, op{opEq, x, y})
		}
		if pk == k+1 {
			y--
			rev = append(rev, op{opIns, x, y})
		} else {
			x--
			rev = append(rev, op{opDel, x, y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, op{opEq, x, y})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// hunks groups changes with up to context equal lines around them, merging
// groups whose context would touch.
func hunks(ops []op) [][]op {
	var out [][]op
	i := 0
	for i < len(ops) {
		for i < len(ops) && ops[i].kind == opEq {
			i++
		}
		if i == len(ops) {
			break
		}
		start := max(i-context, 0)
		end := i
		for {
			for end < len(ops) && ops[end].kind != opEq {
				end++
			}
			eq := end
			for eq < len(ops) && ops[eq].kind == opEq {
				eq++
			}
			if eq < len(ops) && eq-end <= 2*context {
				end = eq
				continue
			}
			end = min(end+context, len(ops))
			break
		}
		out = append(out, ops[start:end])
		i = end
	}
	return out
}

func writeHunk(sb *strings.Builder, h []op, a, b []string) {
	// Start lines are the first line of the hunk in each file; a side with no
	// lines names the line before it, as diff -u does.
	var na, nb int
	as, bs := -1, -1
	for _, o := range h {
		if o.kind != opIns {
			na++
			if as < 0 {
				as = o.ai
			}
		}
		if o.kind != opDel {
			nb++
			if bs < 0 {
				bs = o.bi
			}
		}
	}
	if as < 0 {
		as = h[0].ai - 1
	}
	if bs < 0 {
		bs = h[0].bi - 1
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", rangeStr(as+1, na), rangeStr(bs+1, nb))
	for _, o := range h {
		var line string
		if o.kind == opIns {
			line = b[o.bi]
		} else {
			line = a[o.ai]
		}
		sb.WriteByte(byte(o.kind))
		sb.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func rangeStr(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
