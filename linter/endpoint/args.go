package endpoint

import (
	"path"
	"slices"
	"strconv"
	"strings"
)

// ArgEndpoint is an endpoint in a command or entrypoint. Offsets are into
// args[ArgIndex]; when the port came from a separate flag (-p 6380) or word
// (nc HOST PORT), the port offsets are into args[PortArg], or into
// args[ArgIndex] when PortArg is -1, and may then lie outside [Start,End).
type ArgEndpoint struct {
	Endpoint
	ArgIndex int
	PortArg  int
}

// word is one shell word: its text and where it sits in the argument list.
type word struct {
	text string
	arg  int // index into args
	off  int // byte offset of text in args[arg]
}

// FromArgs finds endpoints in a command or entrypoint given as an argument
// list (Compose's exec form; a shell-form string should be split by the
// caller). It understands:
//   - host flags: --host, --hostname, -h, -H (Bind for servers, Connect for
//     client tools such as redis-cli, psql, pg_isready, mysqladmin),
//     --bind, -b, --listen, --ip, --bind-address (Bind), --advertise* (Advertise),
//     and any --NAME whose name is a host-like variable name (--redis-host,
//     --bootstrap-server), in both "--flag value" and "--flag=value" forms;
//   - a port flag (-p/--port, -P for MySQL tools) completing a host flag;
//   - KEY=value assignments before the program, read like environment;
//   - URLs and host:port in any other argument (Connect; Bind after
//     "runserver" and "php -S"), bash's /dev/tcp/HOST/PORT, "nc HOST PORT",
//     curl/wget "host:port/path" without a scheme, sqlcmd -S;
//   - "sh -c SCRIPT": the script is split into words (quote-aware, on blanks
//     and ; & | ( )) and read the same way, offsets staying within the
//     script argument.
func FromArgs(args []string) []ArgEndpoint {
	return slices.DeleteFunc(scanArgs(args), func(e ArgEndpoint) bool { return e.Implied != "" })
}

// ImpliedBinds returns the loopback addresses servers on the command line
// listen on because it names none ("gunicorn app:app", "flask run"): args
// is the whole command line, entrypoint and command joined, as the
// container runs it.
func ImpliedBinds(args []string) []ArgEndpoint {
	if !slices.ContainsFunc(args, namesServer) {
		return nil // most command lines: no second scan
	}
	return slices.DeleteFunc(scanArgs(args), func(e ArgEndpoint) bool { return e.Implied == "" })
}

// namesServer reports an argument that may start one of loopbackServers.
func namesServer(a string) bool {
	for _, n := range []string{"gunicorn", "uvicorn", "hypercorn", "flask", "manage.py", "django-admin", "artisan"} {
		if strings.Contains(a, n) {
			return true
		}
	}
	return false
}

func scanArgs(args []string) []ArgEndpoint {
	words := make([]word, len(args))
	for i, a := range args {
		words[i] = word{text: a, arg: i}
	}
	var out []ArgEndpoint
	fromCommand(args, words, &out, 0)
	return out
}

const maxShellDepth = 4

var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true}

var wrappers = map[string]bool{"exec": true, "sudo": true, "env": true, "nohup": true, "time": true, "tini": true, "--": true, "dumb-init": true,
	// Shell keywords that start a command: the program comes after them.
	"until": true, "while": true, "if": true, "then": true, "else": true, "elif": true, "do": true, "!": true, "{": true}

var clients = map[string]bool{
	"redis-cli": true, "valkey-cli": true, "keydb-cli": true, "psql": true, "pg_isready": true, "pg_dump": true,
	"pg_dumpall": true, "pg_restore": true, "pg_basebackup": true, "mysql": true, "mysqladmin": true,
	"mysqldump": true, "mariadb": true, "mariadb-admin": true, "mariadb-dump": true, "mongo": true,
	"mongosh": true, "mongodump": true, "mongorestore": true, "nc": true, "ncat": true, "netcat": true,
	"telnet": true, "curl": true, "wget": true, "cqlsh": true, "clickhouse-client": true, "nats": true,
	"wait-for-it": true, "wait-for-it.sh": true, "wait-for": true, "wait-for.sh": true, "dockerize": true,
	"kafka-topics": true, "kafka-topics.sh": true, "kafka-console-producer": true,
	"kafka-console-producer.sh": true, "kafka-console-consumer": true, "kafka-console-consumer.sh": true,
	"rabbitmqadmin": true, "influx": true, "etcdctl": true, "ssh": true, "rpk": true, "grpcurl": true,
	"memtier_benchmark": true, "redis-benchmark": true, "pgbench": true, "sqlcmd": true,
}

var mysqlTools = map[string]bool{"mysql": true, "mysqladmin": true, "mysqldump": true, "mariadb": true, "mariadb-admin": true, "mariadb-dump": true}

// fromCommand reads a list of words that may hold several simple commands.
func fromCommand(args []string, words []word, out *[]ArgEndpoint, depth int) {
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || isOperator(words[i].text) {
			fromSimple(args, words[start:i], out, depth)
			start = i + 1
		}
	}
}

func isOperator(s string) bool {
	switch s {
	case "&&", "||", ";", "|", "&", "(", ")":
		return true
	}
	return false
}

// fromSimple reads one simple command: assignments, program, arguments.
func fromSimple(args []string, words []word, out *[]ArgEndpoint, depth int) {
	k := 0
	for ; k < len(words); k++ {
		w := words[k].text
		if eq := strings.IndexByte(w, '='); eq > 0 && isEnvName(w[:eq]) {
			for _, ep := range FromEnv(w[:eq], w[eq+1:], nil) {
				*out = append(*out, argEP(ep, words[k], eq+1))
			}
			continue
		}
		if isRedirect(w) {
			for _, ep := range FromString(w) {
				*out = append(*out, argEP(ep, words[k], 0))
			}
			continue
		}
		if !wrappers[path.Base(w)] {
			break
		}
	}
	if k == len(words) {
		return
	}
	prog := path.Base(words[k].text)
	client := clients[prog]
	portFlag := "p"
	if mysqlTools[prog] {
		portFlag = "P"
	}
	first := len(*out)
	var port *word // the port flag's value, if any
	portOff := 0
	nextBind := false
	for i := k + 1; i < len(words); i++ {
		w := words[i]
		t := w.text
		bindHere := nextBind
		nextBind = t == "runserver" || (prog == "php" && t == "-S")
		if shells[prog] && depth < maxShellDepth && isShellCFlag(t) && i+1 < len(words) {
			s := words[i+1]
			body, off := trimQuotes(s.text)
			fromCommand(args, splitShell(body, s.arg, s.off+off), out, depth+1)
			i++
			continue
		}
		if len(t) > 1 && t[0] == '-' && !isNumberish(t) {
			name, val, valOff, hasVal := t, "", 0, false
			eq := strings.IndexByte(t, '=')
			if sp := strings.IndexByte(t, ' '); sp > 0 && (eq < 0 || sp < eq) {
				eq = sp // one argument "--flag value", as some compose files write it
			}
			if eq > 0 {
				name, val, valOff, hasVal = t[:eq], t[eq+1:], eq+1, true
			}
			f := flagInfoOf(name)
			key, short := f.key, f.short
			if prog == "sqlcmd" && name == "-S" {
				key = "SERVER"
			}
			vw := w
			// "-Dkey=value" style single-dash words never take the next word,
			// and a flag whose name says nothing about addresses ("--fail")
			// may be boolean: its next word is read as a positional argument.
			takesNext := strings.HasPrefix(name, "--") || len(name) == 2
			if !hasVal && takesNext && i+1 < len(words) && !strings.HasPrefix(words[i+1].text, "-") && !isOperator(words[i+1].text) &&
				(short || key == "PORT" || (key == f.key && f.meaningful || key != f.key && meaningfulKey(key))) {
				vw = words[i+1]
				val, valOff, hasVal = vw.text, 0, true
			}
			if short && key == "" {
				if strings.TrimLeft(name, "-") == portFlag && hasVal {
					pw := vw
					port, portOff = &pw, valOff
					if vw != w {
						i++
					}
				}
				continue
			}
			if key == "PORT" {
				if hasVal {
					pw := vw
					port, portOff = &pw, valOff
					if vw != w {
						i++
					}
				}
				continue
			}
			if !hasVal {
				continue
			}
			body, qoff := trimQuotes(val)
			for _, ep := range FromEnv(key, body, nil) {
				if client && ep.Role == Bind && (key == "HOST" || key == "HOSTNAME") {
					ep.Role = Connect
				}
				*out = append(*out, argEP(ep, vw, valOff+qoff))
			}
			if vw != w {
				i++
			}
			continue
		}
		body, qoff := trimQuotes(t)
		if netcats[prog] {
			// nc [-z] HOST PORT: the first word is a host, a port follows.
			if ep, ok := parseHostPort(body, 0, len(body), hostOpts{bareV6: true}); ok && !notHostWord(ep.Host) {
				*out = append(*out, argEP(ep, w, qoff))
				if ep.Port == 0 && i+1 < len(words) {
					if _, ok := parsePort(words[i+1].text); ok {
						pw := words[i+1]
						port, portOff = &pw, 0
					}
				}
				finishPort(out, first, port, portOff)
				return
			}
		}
		if (prog == "curl" || prog == "wget") && !strings.Contains(body, "://") {
			// curl takes "host:port/path" without a scheme.
			if k := strings.IndexByte(body, '/'); k > 0 {
				if ep, ok := parseHostPort(body, 0, k, hostOpts{needPort: true}); ok {
					ep.Scheme, ep.End = "http", len(body)
					*out = append(*out, argEP(ep, w, qoff))
					continue
				}
			}
		}
		for _, ep := range FromString(body) {
			if bindHere {
				ep.Role = Bind
			}
			*out = append(*out, argEP(ep, w, qoff))
		}
	}
	finishPort(out, first, port, portOff)
	impliedBind(words[:k], words[k:], out, first)
}

// A loopbackServer listens on 127.0.0.1 unless a flag, a variable or its
// configuration file says otherwise.
type loopbackServer struct {
	sub       string   // the subcommand that serves ("run" of flask run), or ""
	port      int      // its default port
	hostFlags []string // flags that set the address (or read a config that may)
	portFlags []string
	env       []string // variables that set the address
}

var loopbackServers = map[string]loopbackServer{
	"gunicorn":  {"", 8000, []string{"-b", "--bind", "-c", "--config"}, nil, []string{"PORT", "GUNICORN_CMD_ARGS"}},
	"hypercorn": {"", 8000, []string{"-b", "--bind", "-c", "--config"}, nil, nil},
	"uvicorn":   {"", 8000, []string{"--host", "--uds", "--fd"}, []string{"--port"}, []string{"UVICORN_HOST", "UVICORN_UDS", "UVICORN_FD"}},
	"flask":     {"run", 5000, []string{"--host", "-h"}, []string{"--port", "-p"}, []string{"FLASK_RUN_HOST"}},
	"manage.py": {"runserver", 8000, nil, nil, nil},
	"artisan":   {"serve", 8000, []string{"--host"}, []string{"--port"}, []string{"SERVER_HOST"}},
}

// ImpliedEnv lists the variables with which the server an implied bind
// names ("flask run") is told another address.
func ImpliedEnv(server string) []string {
	name, _, _ := strings.Cut(server, " ")
	return loopbackServers[name].env
}

// runners start the program after them: "poetry run gunicorn app:app".
var runners = map[string]int{"poetry": 1, "uv": 1, "pipenv": 1, "pdm": 1, "hatch": 1, "rye": 1, "ddtrace-run": 0, "opentelemetry-instrument": 0}

// flaskGlobal are flask's options before its subcommand that take a value.
var flaskGlobal = map[string]bool{"--app": true, "-A": true, "--env-file": true, "-e": true}

// impliedBind adds the loopback address a server listens on by default
// when its command line names none: "gunicorn app:app", "flask run",
// "python manage.py runserver", "php artisan serve". pre are the words
// before the program (VAR=value assignments, env). Its span is the
// program's word and Implied names the server.
func impliedBind(pre, words []word, out *[]ArgEndpoint, first int) {
	for i := first; i < len(*out); i++ {
		if (*out)[i].Role == Bind {
			return // an address is written
		}
	}
	if len(words) == 0 {
		return
	}
	prog, rest := words[0], words[1:]
	name := path.Base(prog.text)
	if n, ok := runners[name]; ok && len(rest) > n && (n == 0 || rest[0].text == "run") {
		prog, rest = rest[n], rest[n+1:]
		name = path.Base(prog.text)
	}
	if strings.HasPrefix(name, "python") || name == "php" {
		for len(rest) > 0 && strings.HasPrefix(rest[0].text, "-") && rest[0].text != "-m" {
			rest = rest[1:] // python -u, php -d x=y ...
		}
		switch {
		case len(rest) >= 2 && rest[0].text == "-m":
			prog, rest = rest[1], rest[2:] // python -m gunicorn
		case len(rest) >= 1:
			prog, rest = rest[0], rest[1:] // python manage.py, php artisan
		default:
			return
		}
		name = path.Base(prog.text)
	}
	if name == "django-admin" {
		name = "manage.py"
	}
	srv, ok := loopbackServers[name]
	if !ok {
		return
	}
	for _, w := range pre {
		if k, _, ok := strings.Cut(w.text, "="); ok && slices.Contains(srv.env, k) {
			return // FLASK_RUN_HOST=0.0.0.0 flask run
		}
	}
	if srv.sub != "" {
		// Global options may come first: flask --app x --debug run.
		for len(rest) > 0 && strings.HasPrefix(rest[0].text, "-") {
			f, _, hasVal := strings.Cut(rest[0].text, "=")
			rest = rest[1:]
			if flaskGlobal[f] && !hasVal && len(rest) > 0 {
				rest = rest[1:]
			}
		}
		if len(rest) == 0 || rest[0].text != srv.sub {
			return
		}
		rest = rest[1:]
	}
	port := srv.port
	for i, w := range rest {
		if isOperator(w.text) {
			break
		}
		if name == "manage.py" && !strings.HasPrefix(w.text, "-") {
			return // runserver [options] ADDRPORT: read as written
		}
		flag, val, hasVal := strings.Cut(w.text, "=")
		for _, f := range srv.hostFlags {
			if flag == f || len(f) == 2 && strings.HasPrefix(w.text, f) {
				return
			}
		}
		if slices.Contains(srv.portFlags, flag) {
			if !hasVal && i+1 < len(rest) {
				val = rest[i+1].text
			}
			if p, err := strconv.Atoi(val); err == nil && p > 0 && p < 65536 {
				port = p
			}
		}
	}
	if srv.sub != "" {
		name += " " + srv.sub
	}
	ep := Endpoint{Host: "127.0.0.1", Port: port, Role: Bind, Implied: name,
		Start: 0, End: len(prog.text), HostStart: 0, HostEnd: len(prog.text), PortStart: -1, PortEnd: -1}
	*out = append(*out, argEP(ep, prog, 0))
}

var netcats = map[string]bool{"nc": true, "ncat": true, "netcat": true, "telnet": true}

// finishPort gives the port of a -p/--port flag (or nc's port word) to the
// host-only endpoints of the command found since index first.
func finishPort(out *[]ArgEndpoint, first int, port *word, portOff int) {
	if port == nil {
		return
	}
	pt, qoff := trimQuotes(port.text[portOff:])
	p, ok := parsePort(pt)
	if !ok {
		return
	}
	for i := first; i < len(*out); i++ {
		e := &(*out)[i]
		if e.Port == 0 && e.Scheme == "" && e.Listener == "" {
			e.Port, e.DefaultPort = p, 0
			if port.arg != e.ArgIndex {
				e.PortArg = port.arg
			}
			e.PortStart, e.PortEnd = port.off+portOff+qoff, port.off+portOff+qoff+len(pt)
		}
	}
}

// flagKey turns a flag name into the variable name whose meaning it shares
// ("--redis-host" -> REDIS_HOST). Short flags other than -h/-H/-b return
// short=true and key "".
// flagWords turns a flag's separators into a variable name's.
var flagWords = strings.NewReplacer("-", "_", ".", "_")

func flagKey(name string) (key string, short bool) {
	if !strings.HasPrefix(name, "--") {
		switch name {
		case "-h", "-H":
			return "HOST", true
		case "-b":
			return "BIND", true
		case "-p", "-P", "-S":
			return "", true
		}
		if len(name) == 2 {
			return "", true
		}
	}
	n := strings.ToUpper(strings.TrimLeft(name, "-"))
	n = flagWords.Replace(n)
	switch n {
	case "KAFKA_ADDR", "PANDAPROXY_ADDR", "SCHEMA_REGISTRY_ADDR", "RPC_ADDR":
		return "REDPANDA_" + n + "_LISTENERS", false // Redpanda's listen lists
	case "ADVERTISE_KAFKA_ADDR", "ADVERTISE_PANDAPROXY_ADDR", "ADVERTISE_RPC_ADDR":
		return "REDPANDA_" + n + "_LISTENERS", false
	case "ADDR", "ADDRESS", "IP":
		return "BIND_ADDRESS", false
	case "SERVER_ADDRESS":
		return "BIND_ADDRESS", false
	}
	return n, false
}

// flagInfo is what a flag's name says: its variable name (flagKey),
// whether it is short, and whether that name is meaningfulKey.
type flagInfo struct {
	key               string
	short, meaningful bool
}

var flagInfos NameMemo[flagInfo]

// flagInfoOf is flagInfo of name, once per name: command lines repeat
// their flags (every consumer of a stack runs --consumer-group ...).
func flagInfoOf(name string) flagInfo {
	return flagInfos.Get(name, func(name string) flagInfo {
		key, short := flagKey(name)
		return flagInfo{key: key, short: short, meaningful: meaningfulKey(key)}
	})
}

// meaningfulKey: the flag's value is read differently from a positional
// argument (a bare host, a role other than Connect, a listener list).
func meaningfulKey(key string) bool {
	ws := KeyWords(key)
	return isHostKey(ws) || hasWord(ws, "LISTENERS") || KeyRole(key, DefaultBrowserPrefixes) != Connect
}

// isRedirect: "3<>/dev/tcp/...", ">/dev/null", "2>&1" are not programs.
func isRedirect(t string) bool {
	i := 0
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	return i < len(t) && (t[i] == '<' || t[i] == '>')
}

func isShellCFlag(t string) bool {
	if len(t) < 2 || t[0] != '-' || !strings.Contains(t, "c") {
		return false
	}
	for i := 1; i < len(t); i++ {
		if !isLower(t[i]) {
			return false
		}
	}
	return true
}

func isNumberish(t string) bool {
	for i := 1; i < len(t); i++ {
		if !isDigit(t[i]) && t[i] != '.' {
			return false
		}
	}
	return true
}

func isEnvName(s string) bool {
	if s == "" || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && !isDigit(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}

// trimQuotes strips one pair of matching outer quotes and says how many bytes
// were removed in front.
func trimQuotes(s string) (string, int) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], 1
	}
	return s, 0
}

func argEP(ep Endpoint, w word, off int) ArgEndpoint {
	d := w.off + off
	ep.Start += d
	ep.End += d
	ep.HostStart += d
	ep.HostEnd += d
	if ep.PortStart >= 0 {
		ep.PortStart += d
		ep.PortEnd += d
	}
	return ArgEndpoint{Endpoint: ep, ArgIndex: w.arg, PortArg: -1}
}

// splitShell splits a shell script into words, quote-aware, on blanks and
// on the operators ; & | ( ) which become words of their own. Words keep
// their quotes; offsets are base + position.
func splitShell(s string, arg, base int) []word {
	var ws []word
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isBlank(c):
			i++
			continue
		case strings.IndexByte(";&|()", c) >= 0:
			j := i + 1
			if j < len(s) && (c == '&' || c == '|') && s[j] == c {
				j++
			}
			ws = append(ws, word{text: s[i:j], arg: arg, off: base + i})
			i = j
			continue
		}
		j := i
		for j < len(s) && !isBlank(s[j]) && strings.IndexByte(";&|()", s[j]) < 0 {
			if q := s[j]; q == '"' || q == '\'' {
				e := strings.IndexByte(s[j+1:], q)
				if e < 0 {
					j = len(s)
					break
				}
				j += e + 2
				continue
			}
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			j++
		}
		ws = append(ws, word{text: s[i:j], arg: arg, off: base + i})
		i = j
	}
	return ws
}
