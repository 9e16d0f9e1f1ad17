package network

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

// Occurrence is one endpoint written in a service's configuration: in an
// environment variable or build argument (grouped by where the value is
// written, so that a value shared through an anchor or a .env line is one
// Occurrence naming every service that reads it), or in a command or
// entrypoint.
type Occurrence struct {
	Key      string // variable name; "" in a command or entrypoint
	Value    *Value // nil in a command or entrypoint
	EP       endpoint.Endpoint
	Services []*compose.Service
	Text     string // the string EP's offsets index
	Node     *compose.Node
	base     int  // offset of text in node.Value
	direct   bool // text == node.Value[base:base+len(text)]
	Word     diag.Range
	portHere bool // the port offsets index text (not another argument)

	// A host variable (DB_HOST=localhost) takes its port from elsewhere:
	// its port variable (DB_PORT), written in portNode, or what the name
	// and the project say (portFrom: "Redis's default port").
	HostVar  bool
	PortKey  string
	PortNode *compose.Node
	portFrom string
	// list: the value holds several endpoints (a seed or broker list).
	List bool
}

// commandEndpoints is endpoint.FromArgs of s's entrypoint and of its
// command.
func commandEndpoints(s *compose.Service) [2][]endpoint.ArgEndpoint {
	var out [2][]endpoint.ArgEndpoint
	for j, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		if len(args) > 0 {
			out[j] = endpoint.FromArgs(ArgValues(args))
		}
	}
	return out
}

// buildOccurrences finds the endpoints of the values and of the command
// lines (cmd: commandEndpoints of each service, nil when none has one).
func (m *Model) buildOccurrences(opts Options, cmd [][2][]endpoint.ArgEndpoint) []*Occurrence {
	var out []*Occurrence
	selectors := map[*compose.Service][]selector{} // each service's, found once
	apps := map[*compose.Service]bool{}            // BrowserApp, asked once a service
	browserApp := func(s *compose.Service) bool {
		b, ok := apps[s]
		if !ok {
			b = BrowserApp(s)
			apps[s] = b
		}
		return b
	}
	for _, v := range m.values {
		k := endpoint.ParseKey(v.Key)
		role := k.Role
		if role != endpoint.Browser && len(opts.BrowserPrefixes) > 0 {
			role = endpoint.KeyRole(v.Key, opts.BrowserPrefixes) // the configured prefixes, else k.Role
		}
		eps := k.Endpoints(v.text, role)
		hv, isHostVar := k.HostVar, k.IsHostVar
		for _, ep := range eps {
			o := &Occurrence{Key: v.Key, Value: v, EP: ep, Text: v.text, Node: v.Node, direct: true, portHere: true, List: len(eps) > 1}
			for _, u := range v.Uses {
				if isHostVar && switchedOff(selectorsOf(selectors, u.Service), v.Key, hv) {
					continue // the program does not use this host
				}
				o.Services = append(o.Services, u.Service)
			}
			if len(o.Services) == 0 {
				continue
			}
			if ep.Role == endpoint.Connect && !slices.ContainsFunc(o.Services, func(s *compose.Service) bool { return !browserApp(s) }) {
				o.EP.Role = endpoint.Browser // the app it serves reads it in the browser
			}
			if ep.Scheme == "" && ep.Listener == "" && ep.Port == 0 {
				out = append(out, m.pairPorts(o)...)
				continue
			}
			out = append(out, o)
		}
	}
	type argKey struct {
		node                   *compose.Node
		start, epStart, hostAt int
	}
	idx := map[argKey]*Occurrence{}
	for i, s := range m.p.Services {
		if cmd == nil {
			break // no service has a command line
		}
		for j, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
			for _, ep := range cmd[i][j] {
				a := args[ep.ArgIndex]
				k := argKey{a.Node, a.Start, ep.Start, ep.HostStart}
				if o := idx[k]; o != nil {
					o.Services = append(o.Services, s)
					continue
				}
				base, direct := WordBase(a)
				o := &Occurrence{EP: ep.Endpoint, Services: []*compose.Service{s}, Text: a.Value, Node: a.Node,
					base: base, direct: direct, Word: a.Range(), portHere: ep.PortArg == -1 || ep.PortArg == ep.ArgIndex}
				if !o.portHere {
					o.EP.PortStart, o.EP.PortEnd = -1, -1
				}
				idx[k] = o
				out = append(out, o)
			}
		}
	}
	// A server's default loopback address: entrypoint and command make one
	// command line ("entrypoint: [gunicorn]" with "command: [--bind, ...]").
	for _, s := range m.p.Services {
		args := append(slices.Clone(s.Entrypoint), s.Command...)
		if len(s.Entrypoint) == 0 {
			args = s.Command
		}
		if len(args) == 0 {
			continue
		}
		for _, ep := range endpoint.ImpliedBinds(ArgValues(args)) {
			a := args[ep.ArgIndex]
			base, direct := WordBase(a)
			out = append(out, &Occurrence{EP: ep.Endpoint, Services: []*compose.Service{s}, Text: a.Value, Node: a.Node,
				base: base, direct: direct, Word: a.Range(), portHere: true})
		}
	}
	if len(opts.AllowHosts) == 0 {
		return out
	}
	// Hosts the configuration allows are never reported, by any rule.
	allow := map[string]bool{}
	for _, h := range opts.AllowHosts {
		allow[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	kept := out[:0]
	for _, o := range out {
		if !allow[o.EP.Host] {
			kept = append(kept, o)
		}
	}
	return kept
}

// selectorWords end the names of variables that choose a backend
// (GEARMAN_QUEUE_TYPE, DB_CONNECTION, STORAGE).
var selectorWords = map[string]bool{
	"TYPE": true, "DRIVER": true, "BACKEND": true, "ENGINE": true, "STORAGE": true,
	"CONNECTION": true, "ADAPTER": true, "DIALECT": true, "PROVIDER": true,
}

// localBackends are backends that need no server: a host variable of a
// service configured with one of them is never read.
var localBackends = map[string]bool{
	"sqlite": true, "sqlite3": true, "file": true, "files": true, "filesystem": true, "builtin": true,
	"memory": true, "inmemory": true, "none": true, "local": true, "disk": true, "array": true,
	"null": true, "sync": true, "log": true, "dummy": true, "embedded": true, "h2": true,
}

// switchedOff reports a host variable that s's configuration makes unused:
// a selector beside it (GEARMAN_QUEUE_TYPE=builtin next to
// GEARMAN_MYSQL_HOST, DB_CONNECTION=sqlite next to DB_HOST,
// STORAGE=...file_storage next to MEMCACHE_STORAGE_SERVERS) picks a
// backend that needs no server, or one other than the server the host
// variable is named after.
func switchedOff(sel []selector, key string, hv endpoint.HostVar) bool {
	b := -1
	for i, w := range hv.Stem {
		if endpoint.BackingPort([]string{w}) != 0 {
			b = i
			break
		}
	}
	prefix := hv.Stem
	if b >= 0 {
		prefix = hv.Stem[:b]
	}
	for _, e := range sel {
		if e.key == key {
			continue
		}
		kw := e.words
		related := len(prefix) > 0 && len(kw) > len(prefix) && slices.Equal(kw[:len(prefix)], prefix) ||
			len(prefix) == 0 && slices.Contains(hv.Stem, kw[len(kw)-1])
		if !related {
			continue
		}
		for _, t := range strings.FieldsFunc(e.val, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }) {
			if localBackends[t] {
				return true
			}
		}
		if b >= 0 && endpoint.BackingPort(endpoint.KeyWords(e.val)) != 0 && endpoint.BackingPort(endpoint.KeyWords(e.val)) != endpoint.BackingPort(hv.Stem[b:b+1]) {
			return true // DB_TYPE=postgres next to DB_MYSQL_HOST
		}
	}
	return false
}

// selector is a variable that chooses a backend (DB_TYPE=sqlite): its
// name's words and its lower-cased value.
type selector struct {
	key   string
	words []string
	val   string
}

// selectorsOf returns s's selectors, remembered in memo.
func selectorsOf(memo map[*compose.Service][]selector, s *compose.Service) []selector {
	if sel, ok := memo[s]; ok {
		return sel
	}
	var sel []selector
	for _, e := range s.Env {
		if e.Value == nil || strings.Contains(e.Value.Value, "$") {
			continue
		}
		kw := endpoint.KeyWords(e.Key)
		if len(kw) == 0 || !selectorWords[kw[len(kw)-1]] {
			continue
		}
		if val := strings.ToLower(strings.TrimSpace(e.Value.Value)); val != "" {
			sel = append(sel, selector{e.Key, kw, val})
		}
	}
	memo[s] = sel
	return sel
}

// ArgOccurrence is ep found in the command-line word a of service s,
// with the port in the same word.
func ArgOccurrence(a compose.Arg, ep endpoint.Endpoint, s *compose.Service) *Occurrence {
	base, direct := WordBase(a)
	return &Occurrence{EP: ep, Services: []*compose.Service{s}, Text: a.Value, Node: a.Node,
		base: base, direct: direct, Word: a.Range(), portHere: true}
}

// pairPorts gives a host variable's endpoint the port it will be used
// with, per service that reads it: the value of its port variable there
// (DB_HOST with DB_PORT), else the port its name implies (REDIS_HOST:
// 6379), else the port of the project's only database (DB_HOST), else the
// port of the service it is named after when that service listens on one
// port only. Services that read the host with different ports get an
// Occurrence each. A port variable whose value is not a number leaves the
// port unknown.
func (m *Model) pairPorts(o *Occurrence) []*Occurrence {
	hv, ok := endpoint.ParseHostVar(o.Key)
	if !ok || o.EP.Role != endpoint.Connect {
		return []*Occurrence{o}
	}
	o.HostVar = true
	type group struct {
		node *compose.Node
		port int
		ss   []*compose.Service
	}
	var groups []*group
	for _, s := range o.Services {
		var n *compose.Node
		for i := range s.Env {
			if s.Env[i].Key == hv.PortKey {
				n = s.Env[i].Value
			}
		}
		port := 0
		if n != nil {
			v, err := strconv.Atoi(strings.TrimSpace(n.Value))
			if err != nil || v <= 0 || v > 65535 {
				v = -1 // written, but not known: say nothing about the port
			}
			port = v
		}
		var g *group
		for _, x := range groups {
			if x.port == port && (x.node == nil) == (n == nil) && (n == nil || x.node.Origin() == n.Origin()) {
				g = x
			}
		}
		if g == nil {
			g = &group{node: n, port: port}
			groups = append(groups, g)
		}
		g.ss = append(g.ss, s)
	}
	out := make([]*Occurrence, 0, len(groups))
	orig := *o // each group starts from the occurrence as read, not the first group's port
	for i, g := range groups {
		x := o
		if i > 0 {
			c := orig
			x = &c
		}
		x.Services = g.ss
		switch {
		case g.port > 0:
			x.EP.Port, x.PortNode, x.PortKey = g.port, g.node, hv.PortKey
		case g.port == 0:
			m.impliedPort(x, hv)
		}
		out = append(out, x)
	}
	return out
}

// impliedPort sets the port a host variable without a port variable is
// used with, when its name or the project makes it certain.
func (m *Model) impliedPort(o *Occurrence, hv endpoint.HostVar) {
	if d, name := endpoint.Backing(hv.Stem); d != 0 {
		o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("%s's default port", name)
		return
	}
	if hasDatabaseWord(hv.Stem) {
		var dbs []*compose.Service
		for _, t := range m.p.Services {
			if databaseImages[Software(t)] {
				dbs = append(dbs, t)
			}
		}
		if len(dbs) == 1 && len(m.Listen(dbs[0])) == 1 {
			for _, d := range m.Listen(dbs[0]) {
				o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("the port of the project's only database, %q", dbs[0].Name)
			}
		}
		return
	}
	stem := strings.Join(hv.Stem, "_")
	for _, t := range m.Named(stem) {
		if !NamesService(stem, t.Name) || len(m.Listen(t)) != 1 {
			continue
		}
		for _, d := range m.Listen(t) {
			o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("the port service %q listens on", t.Name)
		}
		return
	}
}

func hasDatabaseWord(words []string) bool {
	for _, w := range words {
		if w == "DB" || w == "DATABASE" {
			return true
		}
	}
	return false
}

// PortAt is the range of the port as written: in the value, or in the
// port variable's value; ok when an edit there is safe.
func (o *Occurrence) PortAt() (diag.Range, bool) {
	if o.EP.PortStart >= 0 {
		return o.At(o.EP.PortStart, o.EP.PortEnd)
	}
	if o.PortNode != nil {
		v := o.PortNode.Value
		i := len(v) - len(strings.TrimLeft(v, " \t"))
		j := len(strings.TrimRight(v, " \t"))
		if r, ok := o.PortNode.ExactRange(i, j); ok {
			return r, true
		}
		return o.PortNode.SubRange(0, len(v)), false
	}
	return o.HostAt()
}

// WordBase returns where a command word's text starts in its scalar, and
// whether it is written there byte for byte (plainly or inside quotes
// without escapes).
func WordBase(a compose.Arg) (int, bool) {
	if a.Node == nil || a.Start < 0 || a.Start > a.End || a.End > len(a.Node.Value) {
		return 0, false
	}
	w := a.Node.Value[a.Start:a.End]
	if w == a.Value {
		return a.Start, true
	}
	if len(w) == len(a.Value)+2 && (w[0] == '"' || w[0] == '\'') && w[len(w)-1] == w[0] && w[1:len(w)-1] == a.Value {
		return a.Start + 1, true
	}
	return 0, false
}

// At returns the source range of text[start:end], and whether an edit
// there is safe (the bytes map one to one onto a file).
func (o *Occurrence) At(start, end int) (diag.Range, bool) {
	if !o.direct || o.Node == nil {
		return o.Word, false
	}
	if r, ok := o.Node.ExactRange(o.base+start, o.base+end); ok {
		return r, true
	}
	return o.Node.SubRange(o.base+start, o.base+end), false
}

// HostAt is the range of the host, with an edit-safe flag.
func (o *Occurrence) HostAt() (diag.Range, bool) { return o.At(o.EP.HostStart, o.EP.HostEnd) }

// Related explains where the value is used when that is not where it is
// written (a .env line, an env_file, an anchor).
func (o *Occurrence) Related(rng diag.Range) []diag.Related {
	if o.Value == nil {
		return nil
	}
	uses := o.Value.Uses
	if len(o.Services) > 0 && len(o.Services) < len(uses) {
		// Only the services this Occurrence is about (a host variable
		// read with different ports is split by service).
		var kept []Use
		for _, u := range uses {
			if slices.Contains(o.Services, u.Service) {
				kept = append(kept, u)
			}
		}
		uses = kept
	}
	if len(uses) > 1 {
		// A value under an anchor: every use has the anchor's key, so
		// point at the services that inherit it instead.
		same := true
		for _, u := range uses {
			if u.Var.From == compose.FromEnvFile || u.Var.From == compose.FromMounted || u.Var.KeyAt == nil || uses[0].Var.KeyAt == nil || u.Var.KeyAt.Range != uses[0].Var.KeyAt.Range {
				same = false
			}
		}
		if same {
			var out []diag.Related
			for _, u := range uses {
				out = append(out, diag.Related{Range: u.Service.Key.Range, Message: fmt.Sprintf("service %q inherits this value", u.Service.Name)})
			}
			return out
		}
	}
	v := *o.Value
	v.Uses = uses
	return v.Related(rng)
}

// HostSpan returns the replacement of the endpoint's host by name (with
// IPv6 brackets widened) as [start,end) in o.Text.
func (o *Occurrence) HostSpan() (int, int) {
	start, end := o.EP.HostStart, o.EP.HostEnd
	if start > 0 && o.Text[start-1] == '[' && end < len(o.Text) && o.Text[end] == ']' {
		start, end = start-1, end+1
	}
	return start, end
}

// Addr renders host:port as written, with brackets around IPv6; a host
// variable's host alone (portNote says where its port comes from).
func (o *Occurrence) Addr() string {
	h := o.Text[o.EP.HostStart:o.EP.HostEnd]
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if o.HostVar {
		return h
	}
	if p := o.EP.EffectivePort(); p != 0 {
		return h + ":" + strconv.Itoa(p)
	}
	return h
}

// PortNote says, for a host variable, on which port it is used:
// ` on port 5432` (PortWhy says where the port comes from).
func (o *Occurrence) PortNote() string {
	switch {
	case !o.HostVar || o.EP.EffectivePort() == 0:
		return ""
	case o.PortKey != "":
		return fmt.Sprintf(" on port %d", o.EP.Port)
	case o.portFrom != "":
		return fmt.Sprintf(" on port %d", o.EP.EffectivePort())
	}
	return ""
}

// PortWhy says where the port of a PortNote comes from: `DB_PORT sets
// 5432`, `6379 is Redis's default port`; "" without a PortNote.
func (o *Occurrence) PortWhy() string {
	switch {
	case !o.HostVar || o.EP.EffectivePort() == 0:
		return ""
	case o.PortKey != "":
		return fmt.Sprintf("%s sets %d", o.PortKey, o.EP.Port)
	case o.portFrom != "":
		return fmt.Sprintf("%d is %s", o.EP.EffectivePort(), o.portFrom)
	}
	return ""
}
