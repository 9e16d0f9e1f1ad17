package lsp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// MaxMessage bounds one message body, so a bad Content-Length cannot make
// the server allocate without limit.
const MaxMessage = 64 << 20

// maxHeaderLine bounds one header line.
const maxHeaderLine = 4096

// HeaderError is a header block the reader could not use. The reader has
// consumed the block; the stream goes on with the next one.
type HeaderError struct{ Msg string }

func (e *HeaderError) Error() string { return "bad message header: " + e.Msg }

// Reader reads Content-Length framed messages.
type Reader struct{ r *bufio.Reader }

// NewReader reads frames from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReader(r)} }

// Read returns the next message body. It returns io.EOF at a clean end of
// input, io.ErrUnexpectedEOF inside a message, and *HeaderError for a
// header block without a usable Content-Length.
func (r *Reader) Read() ([]byte, error) {
	length := -1
	var bad string
	lines := 0
	for {
		line, err := r.line()
		if err != nil {
			if errors.Is(err, io.EOF) && lines == 0 && line == "" {
				return nil, io.EOF
			}
			if errors.Is(err, io.EOF) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if line == "" {
			if lines == 0 {
				continue // stray blank line between messages
			}
			break
		}
		lines++
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", trim(line))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			switch {
			case err != nil || n < 0:
				bad = fmt.Sprintf("Content-Length %q is not a length", trim(value))
			case n > MaxMessage:
				bad = fmt.Sprintf("Content-Length %d is over the %d byte limit", n, MaxMessage)
			default:
				length = n
			}
		}
		// Other headers (Content-Type) are allowed and ignored.
	}
	if bad != "" {
		return nil, &HeaderError{Msg: bad}
	}
	if length < 0 {
		return nil, &HeaderError{Msg: "no Content-Length"}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body, nil
}

// line reads one header line without its CRLF (or LF). An overlong line is
// consumed and reported as a header of its own that has no colon.
func (r *Reader) line() (string, error) {
	var buf []byte
	for {
		chunk, err := r.r.ReadSlice('\n')
		if len(buf)+len(chunk) <= maxHeaderLine {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return string(bytes.TrimRight(buf, "\r\n")), err
		}
		if len(buf) == 0 {
			return "overlong header line", nil
		}
		return string(bytes.TrimRight(buf, "\r\n")), nil
	}
}

func trim(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Writer writes framed messages; it is safe for concurrent use.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter frames messages onto w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes one message body with its header.
func (w *Writer) Write(body []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := w.w.Write(body)
	return err
}
