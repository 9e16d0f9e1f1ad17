package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/linter/diag"
)

// parsed is a YAML file decoded twice: as values to validate and as nodes to
// find positions in, the way the loader will hand them over.
type parsed struct {
	file string
	root *yaml.Node // the document's content node
	doc  any
}

func parse(file string, data []byte) (*parsed, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	p := &parsed{file: file}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		p.root = n.Content[0]
	}
	if p.root != nil {
		if err := p.root.Decode(&p.doc); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// locate finds path in the node tree; it stops at the deepest node it can
// reach, so every path gets a valid range.
func (p *parsed) locate(path []string, key bool) diag.Range {
	if p.root == nil {
		return diag.Range{File: p.file, Start: diag.Pos{Line: 1, Col: 1}, End: diag.Pos{Line: 1, Col: 1}}
	}
	cur, keyNode := p.root, (*yaml.Node)(nil)
	for _, seg := range path {
		k, v := child(cur, seg)
		if v == nil {
			keyNode = nil
			break
		}
		cur, keyNode = v, k
	}
	n := cur
	if key && keyNode != nil {
		n = keyNode
	}
	return nodeRange(p.file, n)
}

func nodeRange(file string, n *yaml.Node) diag.Range {
	start := diag.Pos{Line: n.Line, Col: n.Column, Offset: -1}
	end := start
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		end.Col += utf8.RuneCountInString(n.Value)
	} else {
		end.Col++
	}
	return diag.Range{File: file, Start: start, End: end}
}

// child returns the key and value nodes for seg under n, following aliases
// and merge keys as the YAML decoder does.
func child(n *yaml.Node, seg string) (key, val *yaml.Node) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.SequenceNode:
		i, err := strconv.Atoi(seg)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil, nil
		}
		v := n.Content[i]
		for v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		return nil, v
	case yaml.MappingNode:
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag != "!!str" {
				merges = append(merges, v)
				continue
			}
			if keyString(k) == seg {
				key, val = k, v
			}
		}
		if val != nil {
			for val.Kind == yaml.AliasNode {
				val = val.Alias
			}
			return key, val
		}
		for _, m := range merges {
			for m.Kind == yaml.AliasNode {
				m = m.Alias
			}
			srcs := []*yaml.Node{m}
			if m.Kind == yaml.SequenceNode {
				srcs = m.Content
			}
			for _, s := range srcs {
				if k, v := child(s, seg); v != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

func keyString(k *yaml.Node) string {
	if k.Kind == yaml.ScalarNode {
		return k.Value
	}
	return fmt.Sprint(k.Value)
}

// render prints diagnostics the way the golden files hold them.
func render(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s [%s]\n", d.Range.File, d.Range.Start.Line, d.Range.Start.Col,
			d.Range.End.Line, d.Range.End.Col, d.Severity, d.Message, d.Rule)
		if d.Why != "" {
			fmt.Fprintf(&b, "  note: %s\n", d.Why)
		}
	}
	return b.String()
}
