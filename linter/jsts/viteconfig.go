package jsts

import (
	"encoding/json"
	"strconv"

	"github.com/tdewolff/parse/v2/js"
)

// ViteListen is what a dev server's configuration (vite.config,
// astro.config, angular.json) says of where it listens.
type ViteListen struct {
	// Host: server.host or preview.host is set to anything but a
	// loopback address (true, "0.0.0.0", a variable).
	Host bool
	Port int // server.port when written as a number, else 0
}

// ReadViteConfig reads the server and preview settings of a vite.config
// file; false when it does not parse.
func ReadViteConfig(name string, src []byte) (ViteListen, bool) {
	t, err := parseSource(name, src)
	if err != nil {
		return ViteListen{}, false
	}
	v := &viteVisitor{}
	js.Walk(v, t.AST)
	return v.out, true
}

type viteVisitor struct{ out ViteListen }

func (v *viteVisitor) Enter(n js.INode) js.IVisitor {
	p, ok := n.(*js.Property)
	if !ok || p.Name == nil {
		return v
	}
	key := unquote(p.Name.Literal.Data)
	if key != "server" && key != "preview" {
		return v
	}
	o, ok := p.Value.(*js.ObjectExpr)
	if !ok {
		v.out.Host = true // server: sharedServer, server: () => ({...}): not in sight, taken as set
		return v
	}
	for _, q := range o.List {
		if q.Name == nil {
			if q.Spread {
				v.out.Host = true // ...shared: anything may be in it
			}
			continue
		}
		switch unquote(q.Name.Literal.Data) {
		case "host":
			l, lit := q.Value.(*js.LiteralExpr)
			switch {
			case !lit:
				v.out.Host = true // a variable or a call: taken as set
			case l.TokenType == js.StringToken:
				v.out.Host = v.out.Host || !loopbackWord(unquote(l.Data))
			case l.TokenType == js.TrueToken:
				v.out.Host = true
			}
		case "port":
			if l, ok := q.Value.(*js.LiteralExpr); ok && key == "server" {
				if n, err := strconv.Atoi(string(l.Data)); err == nil {
					v.out.Port = n
				}
			}
		}
	}
	return v
}

func (v *viteVisitor) Exit(js.INode) {}

// ReadAngularJSON reads the host and port the serve targets of an
// angular.json give ng serve (options and every configuration); false
// when it is not JSON.
func ReadAngularJSON(data []byte) (ViteListen, bool) {
	var doc any
	if json.Unmarshal(data, &doc) != nil {
		return ViteListen{}, false
	}
	var out ViteListen
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		m, ok := v.(map[string]any)
		if !ok || depth > 12 {
			return
		}
		for k, x := range m {
			if k != "serve" {
				walk(x, depth+1)
				continue
			}
			serve, _ := x.(map[string]any)
			sets := []any{serve["options"]}
			if cs, ok := serve["configurations"].(map[string]any); ok {
				for _, c := range cs {
					sets = append(sets, c)
				}
			}
			for _, o := range sets {
				opts, _ := o.(map[string]any)
				if h, ok := opts["host"]; ok {
					hs, isStr := h.(string)
					out.Host = out.Host || !isStr || !loopbackWord(hs)
				}
				if p, ok := opts["port"].(float64); ok && out.Port == 0 {
					out.Port = int(p)
				}
			}
		}
	}
	walk(doc, 0)
	return out, true
}
