package dotenv

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	cg "github.com/compose-spec/compose-go/v2/dotenv"
)

// benchInput is a 1000-line file mixing the usual statement kinds.
func benchInput() []byte {
	var b strings.Builder
	for i := range 125 {
		fmt.Fprintf(&b, "# section %d\n", i)
		fmt.Fprintf(&b, "KEY_%d=plain-value-%d\n", i, i)
		fmt.Fprintf(&b, "export URL_%d=http://api:%d/path # port\n", i, 3000+i)
		fmt.Fprintf(&b, "QUOTED_%d=\"a \\\"quoted\\\" value\\n\"\n", i)
		fmt.Fprintf(&b, "SINGLE_%d='single ${NOT_EXPANDED}'\n", i)
		fmt.Fprintf(&b, "REF_%d=${KEY_%d:-default}/x\n", i, i)
		fmt.Fprintf(&b, "MULTI_%d=\"line one\nline two\"\n", i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	data := benchInput()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if f := Parse("bench.env", data, nil); len(f.Problems) > 0 {
			b.Fatal(f.Problems)
		}
	}
}

// BenchmarkComposeGo is the reference: compose-go's own parser on the same
// input (no positions).
func BenchmarkComposeGo(b *testing.B) {
	data := benchInput()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cg.ParseWithLookup(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}
