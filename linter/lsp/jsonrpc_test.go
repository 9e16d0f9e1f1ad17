package lsp

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func frame(body string) string {
	return "Content-Length: " + itoa(len(body)) + "\r\n\r\n" + body
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func readAll(r *Reader) (bodies []string, errs []error) {
	for {
		b, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			errs = append(errs, err)
			var he *HeaderError
			if !errors.As(err, &he) {
				return
			}
			continue
		}
		bodies = append(bodies, string(b))
	}
}

func TestReaderFraming(t *testing.T) {
	two := frame(`{"a":1}`) + frame(`{"b":"é"}`)
	for _, tc := range []struct {
		name   string
		r      io.Reader
		bodies []string
		errs   int
	}{
		{"several messages in one read", bytes.NewReader([]byte(two)), []string{`{"a":1}`, `{"b":"é"}`}, 0},
		{"one byte per read", iotest.OneByteReader(bytes.NewReader([]byte(two))), []string{`{"a":1}`, `{"b":"é"}`}, 0},
		{"half reads", iotest.HalfReader(bytes.NewReader([]byte(two))), []string{`{"a":1}`, `{"b":"é"}`}, 0},
		{"content-type and case", bytes.NewReader([]byte("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")), []string{"{}"}, 0},
		{"LF only", bytes.NewReader([]byte("Content-Length: 2\n\n{}")), []string{"{}"}, 0},
		{"no length, then a good message", bytes.NewReader([]byte("Content-Type: x\r\n\r\n" + frame("{}"))), []string{"{}"}, 1},
		{"bad length", bytes.NewReader([]byte("Content-Length: -3\r\n\r\n" + frame("{}"))), []string{"{}"}, 1},
		{"not a number", bytes.NewReader([]byte("Content-Length: ten\r\n\r\n" + frame("{}"))), []string{"{}"}, 1},
		{"huge length", bytes.NewReader([]byte("Content-Length: 99999999999\r\n\r\n" + frame("{}"))), []string{"{}"}, 1},
		{"no colon", bytes.NewReader([]byte("garbage\r\n\r\n" + frame("{}"))), []string{"{}"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bodies, errs := readAll(NewReader(tc.r))
			if len(errs) != tc.errs {
				t.Errorf("errors = %v, want %d", errs, tc.errs)
			}
			if len(bodies) != len(tc.bodies) {
				t.Fatalf("bodies = %q, want %q", bodies, tc.bodies)
			}
			for i := range bodies {
				if bodies[i] != tc.bodies[i] {
					t.Errorf("body %d = %q, want %q", i, bodies[i], tc.bodies[i])
				}
			}
		})
	}
}

func TestReaderTruncated(t *testing.T) {
	for _, in := range []string{"Content-Length: 10\r\n\r\n{}", "Content-Length: 10\r\n"} {
		_, err := NewReader(bytes.NewReader([]byte(in))).Read()
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%q: err = %v, want unexpected EOF", in, err)
		}
	}
}

func TestWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, b := range []string{`{"x":"🚀"}`, `[]`} {
		if err := w.Write([]byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if want := frame(`{"x":"🚀"}`) + frame(`[]`); buf.String() != want {
		t.Fatalf("wrote %q, want %q", buf.String(), want)
	}
}

// FuzzReader: any input ends in EOF or an error, never a panic or a body
// longer than the limit, and a framed body reads back whole.
func FuzzReader(f *testing.F) {
	f.Add([]byte(frame(`{"jsonrpc":"2.0"}`)))
	f.Add([]byte("Content-Length: 5\r\n\r\n{}"))
	f.Add([]byte("Content-Length: x\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for range 1000 {
			b, err := r.Read()
			if err != nil {
				var he *HeaderError
				if errors.As(err, &he) {
					continue
				}
				break
			}
			if len(b) > MaxMessage {
				t.Fatalf("body of %d bytes", len(b))
			}
		}
		body := string(data)
		got, err := NewReader(bytes.NewReader([]byte(frame(body)))).Read()
		if err != nil || string(got) != body {
			t.Fatalf("round trip of %q: %q, %v", body, got, err)
		}
	})
}
