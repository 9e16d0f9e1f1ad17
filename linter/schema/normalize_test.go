package schema

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/reachlint/reachlint/linter/diag"
)

// call records the locate requests Validate makes.
type call struct {
	path string
	key  bool
}

func validateRecording(doc any) ([]diag.Diagnostic, []call) {
	var calls []call
	ds := Validate(doc, func(path []string, key bool) diag.Range {
		calls = append(calls, call{strings.Join(path, "/"), key})
		return diag.Range{File: "f", Start: diag.Pos{Line: 1, Col: len(calls)}}
	})
	return ds, calls
}

func TestValuesJSONCannotHold(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		doc := map[string]any{"services": map[string]any{"a": map[string]any{"image": "x", "cpus": f}}}
		ds, calls := validateRecording(doc)
		if len(ds) != 1 || !strings.Contains(ds[0].Message, "services.a.cpus: ") || calls[0] != (call{"services/a/cpus", false}) {
			t.Errorf("%v: got %+v, calls %v", f, ds, calls)
		}
		// compose-go fails on it too (encoding/json refuses the value).
		if composeValidate(doc) == nil {
			t.Errorf("%v: compose-go accepted it", f)
		}
	}
}

// Go integer types, float32, time.Time and non-string keys must be judged as
// compose-go judges them after its JSON round trip.
func TestGoTypesAgreeWithCompose(t *testing.T) {
	docs := []map[string]any{
		{"services": map[string]any{"a": map[string]any{"image": "x", "ports": []any{int8(1), uint64(2), int64(3)}}}},
		{"services": map[string]any{"a": map[string]any{"image": "x", "cpus": float32(0.5)}}},
		{"services": map[string]any{"a": map[string]any{"image": "x", "ports": []any{int(80), float64(80)}}}},
		{"services": map[string]any{"a": map[string]any{"image": time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}}},
		{"services": map[string]any{"a": map[string]any{"image": "x", "healthcheck": map[string]any{"retries": uint(3)}}}},
		{"services": map[string]any{"a": map[string]any{"image": "x", "healthcheck": map[string]any{"retries": 1.5}}}},
		{"services": map[string]any{"a": map[string]any{"image": "x", "labels": map[string]any{"k": "\xff\xfe"}}}},
	}
	for i, doc := range docs {
		ds, _ := validateRecording(doc)
		if (composeValidate(doc) != nil) != (len(ds) > 0) {
			t.Errorf("doc %d: compose-go %v, we %+v", i, composeValidate(doc), ds)
		}
	}
	// A mapping YAML decoded with a non-string key still validates.
	doc := map[any]any{"services": map[any]any{"a": map[any]any{"image": "x", 1: "y"}}}
	if ds, calls := validateRecording(doc); len(ds) != 1 || calls[0] != (call{"services/a/1", true}) {
		t.Errorf("non-string key: %+v %v", ds, calls)
	}
}

func TestEmptyDocument(t *testing.T) {
	if ds, _ := validateRecording(nil); ds != nil {
		t.Errorf("empty document: %+v", ds)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"environment", "image", "ports", "expose", "healthcheck", "networks"}
	for in, want := range map[string]string{
		"enviroment": "environment", "imgae": "image", "port": "ports", "IMAGE": "image",
		"helthcheck": "healthcheck", "xyz": "", "e": "", "network": "networks", "exposed": "expose",
	} {
		if got := closest(in, names); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSubject(t *testing.T) {
	doc := map[string]any{"services": map[string]any{"my.api": map[string]any{"ports": []any{"1"}, "labels": map[string]any{"com.x": "y"}}}}
	for _, tc := range []struct {
		path []string
		want string
	}{
		{nil, "the top level"},
		{[]string{"services", "my.api", "ports", "0"}, `services["my.api"].ports[0]`},
		{[]string{"services", "my.api", "labels", "com.x"}, `services["my.api"].labels["com.x"]`},
		{[]string{"services", "my.api", "missing", "0"}, `services["my.api"].missing.0`},
	} {
		if got := subject(doc, tc.path); got != tc.want {
			t.Errorf("subject(%q) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

// The duration format follows compose-go: Go durations, strings only. The
// current schema does not use it, but a future one may.
func TestDurationFormat(t *testing.T) {
	for v, ok := range map[any]bool{"10s": true, "1m30s": true, "-1h": true, "10": false, "ten": false, "": false, 10.0: false} {
		if err := durationFormat(v); (err == nil) != ok {
			t.Errorf("durationFormat(%#v) = %v", v, err)
		}
	}
}

// Projects are linted in parallel: Validate shares only the schema nodes,
// which it never changes.
func TestConcurrentValidate(t *testing.T) {
	doc := map[string]any{"services": map[string]any{"a": map[string]any{"imgae": "x"}}}
	want, _ := validateRecording(doc)
	done := make(chan []diag.Diagnostic)
	for range 8 {
		go func() {
			ds, _ := validateRecording(doc)
			done <- ds
		}()
	}
	for range 8 {
		if got := <-done; len(got) != len(want) || got[0].Message != want[0].Message {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
}
