package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// normalize returns v as the JSON values compose-go validates: compose-go
// round-trips the document through encoding/json first (the validator rejects
// derived types), so numbers become float64 and invalid UTF-8 becomes U+FFFD.
// Doing the same conversion directly is cheaper and gives the validator
// identical input. Values JSON cannot encode, which make compose-go's
// validation fail, are reported at their path.
func (c *collector) normalize(v any, path []string) any {
	switch v := v.(type) {
	case nil, bool:
		return v
	case string:
		return jsonString(v)
	case float64:
		return c.float(v, path)
	case float32:
		// encoding/json formats a float32 with 32-bit precision.
		f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(v), 'g', -1, 32), 64)
		return c.float(f, path)
	case int:
		return float64(v)
	case int8:
		return float64(v)
	case int16:
		return float64(v)
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case uint:
		return float64(v)
	case uint8:
		return float64(v)
	case uint16:
		return float64(v)
	case uint32:
		return float64(v)
	case uint64:
		return float64(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		orig := map[string]string{}
		for k, e := range v {
			c.setKey(out, orig, k, e, path)
		}
		return out
	case map[any]any:
		// YAML decodes a mapping with a non-string key this way; compose-go
		// rejects such keys before validating, so their spelling here only
		// has to be stable.
		out := make(map[string]any, len(v))
		orig := map[string]string{}
		for k, e := range v {
			ks, ok := k.(string)
			if !ok {
				ks = fmt.Sprint(k)
			}
			c.setKey(out, orig, ks, e, path)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = c.normalize(e, append(path[:len(path):len(path)], strconv.Itoa(i)))
		}
		return out
	}
	// Anything else (time.Time, typed maps, ...) takes the real round trip.
	b, err := json.Marshal(v)
	if err == nil {
		var out any
		if err = json.Unmarshal(b, &out); err == nil {
			return out
		}
	}
	c.bad = append(c.bad, badValue{path, fmt.Sprintf("a value of type %T cannot be represented in a Compose file", v)})
	return nil
}

// setKey stores e under the JSON form of k. Two keys that differ only in
// invalid bytes collide; encoding/json writes keys in sorted order and
// decoding keeps the last, so the greater original key wins.
func (c *collector) setKey(out map[string]any, orig map[string]string, k string, e any, path []string) {
	jk := jsonString(k)
	if prev, ok := orig[jk]; ok && prev > k {
		return
	}
	orig[jk] = k
	out[jk] = c.normalize(e, append(path[:len(path):len(path)], jk))
}

func (c *collector) float(f float64, path []string) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		c.bad = append(c.bad, badValue{path, fmt.Sprintf("%v is not a number a Compose file can hold", f)})
		return float64(0)
	}
	return f
}

// badValue is a value JSON cannot encode, reported once the whole document
// is known (paths are spelled from it).
type badValue struct {
	path []string
	msg  string
}

// jsonString replaces each invalid byte with U+FFFD, as encoding/json does.
func jsonString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
