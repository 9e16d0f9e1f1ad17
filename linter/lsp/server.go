// Package lsp is reachlint's language server (reachlint lsp): a small
// subset of the Language Server Protocol over stdin/stdout that lints
// compose and env files as the user types, unsaved buffers included, and
// offers the findings' fixes as quick fixes. It is a peer of the command
// line (internal/cli, which starts it for reachlint lsp): both lint through
// the engine, linter.Run.
package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

// JSON-RPC and LSP error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	codeNotInitialized = -32002
)

// DefaultDebounce is the pause after which a change counts as the first of
// a new burst and is linted at once; changes closer together are
// coalesced and linted burstDelay after the last one (see changeDelay).
const DefaultDebounce = 150 * time.Millisecond

// Options configure a Server.
type Options struct {
	FS       vfs.FS            // the disk under the editor buffers; nil = the OS
	Environ  map[string]string // the process environment used for interpolation
	Debounce time.Duration     // 0 = DefaultDebounce; negative = none
	Log      io.Writer         // diagnostics about the server itself; nil = discard
	// LintTimeout bounds one lint: past it the worker moves on to the
	// other documents (0 = DefaultLintTimeout).
	LintTimeout time.Duration
	// Hook is linter.Options.Hook, for tests.
	Hook func([]diag.Diagnostic) []diag.Diagnostic
}

// DefaultLintTimeout bounds the lint of one document.
const DefaultLintTimeout = 20 * time.Second

type doc struct {
	uri     string
	version int
	text    []byte
}

// Server is one language server session.
type Server struct {
	in   *Reader
	out  *Writer
	opts Options

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	enc         Encoding
	docChanges  bool // the client takes versioned documentChanges
	root        string
	folders     []string        // workspace folders (resolved); none: no restriction
	stuck       map[string]bool // documents whose lint overran LintTimeout and still runs
	docs        map[string]*doc // by absolute path
	pending     map[string]time.Time
	lastChange  map[string]time.Time            // when each document last changed
	deps        map[string]map[string]bool      // trigger -> paths its lint read
	results     map[string]map[string][]lspDiag // trigger -> path -> findings
	shown       map[string]bool                 // paths with published findings
	dirty       map[string]bool                 // paths to publish again
	publishedAt map[string]published            // path -> what the client has (for code actions)
	wake        chan struct{}
	done        chan struct{}
	workerDone  chan struct{}
}

// New returns a server reading requests from in and writing to out.
func New(in io.Reader, out io.Writer, o Options) *Server {
	if o.FS == nil {
		o.FS = vfs.OS{}
	}
	if o.Debounce == 0 {
		o.Debounce = DefaultDebounce
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return &Server{
		in: NewReader(in), out: NewWriter(out), opts: o, enc: UTF16,
		docs: map[string]*doc{}, pending: map[string]time.Time{}, lastChange: map[string]time.Time{},
		deps: map[string]map[string]bool{}, results: map[string]map[string][]lspDiag{},
		shown: map[string]bool{}, dirty: map[string]bool{},
		wake: make(chan struct{}, 1), done: make(chan struct{}), workerDone: make(chan struct{}),
	}
}

type rpcMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   rpcError        `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (s *Server) send(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.logf("cannot encode a message: %v", err)
		return
	}
	if err := s.out.Write(b); err != nil {
		s.logf("cannot write to the client: %v", err)
	}
}

func (s *Server) reply(id json.RawMessage, result any) {
	s.send(response{JSONRPC: "2.0", ID: id, Result: result})
}

func (s *Server) fail(id json.RawMessage, code int, msg string) {
	if id == nil {
		id = json.RawMessage("null")
	}
	s.send(errorResponse{JSONRPC: "2.0", ID: id, Error: rpcError{Code: code, Message: msg}})
}

func (s *Server) notify(method string, params any) {
	s.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, "reachlint lsp: "+format+"\n", args...)
}

// Run serves until exit or the end of input and returns the exit code.
func (s *Server) Run() int {
	go s.worker()
	defer func() {
		close(s.done)
		<-s.workerDone
	}()
	for {
		body, err := s.in.Read()
		if err != nil {
			var he *HeaderError
			if errors.As(err, &he) {
				s.logf("%v", err)
				continue
			}
			if !errors.Is(err, io.EOF) {
				s.logf("reading input: %v", err)
			}
			return 1 // the client went away without exit
		}
		if code, exit := s.handle(body); exit {
			return code
		}
	}
}

// handle processes one message; a panic in a handler answers the request
// with an error instead of ending the server.
func (s *Server) handle(body []byte) (code int, exit bool) {
	var m rpcMessage
	if err := json.Unmarshal(body, &m); err != nil {
		s.fail(nil, codeParseError, "invalid JSON: "+err.Error())
		return 0, false
	}
	isRequest := len(m.ID) > 0 && string(m.ID) != "null"
	defer func() {
		if r := recover(); r != nil {
			s.logf("internal error in %s: %v", m.Method, r)
			if isRequest {
				s.fail(m.ID, -32603, fmt.Sprintf("internal error: %v", r))
			}
		}
	}()
	if m.Method == "" {
		if isRequest {
			s.fail(m.ID, codeInvalidRequest, "a request needs a method")
		}
		return 0, false // a response to nothing we asked
	}
	if m.Method == "exit" {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.shutdown {
			return 0, true
		}
		return 1, true
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case !initialized && m.Method != "initialize":
		if isRequest {
			s.fail(m.ID, codeNotInitialized, "the server is not initialized")
		}
		return 0, false
	case shutdown:
		if isRequest {
			s.fail(m.ID, codeInvalidRequest, "the server is shut down")
		}
		return 0, false
	}
	result, rerr := s.dispatch(m.Method, m.Params, isRequest)
	if !isRequest {
		if rerr != nil && rerr.Code != codeMethodNotFound {
			s.logf("%s: %s", m.Method, rerr.Message)
		}
		return 0, false
	}
	if rerr != nil {
		s.fail(m.ID, rerr.Code, rerr.Message)
	} else {
		s.reply(m.ID, result)
	}
	return 0, false
}

func badParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

func (s *Server) dispatch(method string, params json.RawMessage, isRequest bool) (any, *rpcError) {
	decode := func(v any) *rpcError {
		if len(params) == 0 {
			return badParams(errors.New("missing"))
		}
		if err := json.Unmarshal(params, v); err != nil {
			return badParams(err)
		}
		return nil
	}
	switch method {
	case "initialize":
		var p initializeParams
		if len(params) > 0 {
			if err := json.Unmarshal(params, &p); err != nil {
				return nil, badParams(err)
			}
		}
		return s.initialize(p), nil
	case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		s.didOpen(p)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		s.didChange(p)
		return nil, nil
	case "textDocument/didSave":
		var p didSaveParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		s.didSave(p)
		return nil, nil
	case "textDocument/didClose":
		var p didCloseParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		s.didClose(p)
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.codeActions(p), nil
	case "workspace/executeCommand":
		var p executeCommandParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.executeCommand(p)
	}
	if !isRequest || strings.HasPrefix(method, "$/") {
		return nil, &rpcError{Code: codeMethodNotFound}
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not found: " + method}
}
