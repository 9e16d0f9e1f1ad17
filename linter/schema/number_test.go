package schema

import (
	"math"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// bigRatEqual is the comparison jsonschema makes, with no shortcut.
func bigRatEqual(f float64, s string) bool {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return false
	}
	fr, _ := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	return fr.Cmp(r) == 0
}

var numberTexts = []string{
	"0", "-0", "+0", "0.0", "0e0", "0e99999", "0.0e-99999", "0x0p999", "0b0e99999", "00", ".0",
	"1", "1.0", "1e0", "10e-1", "0.1e1", "+1", "-1", "1_0", "0x10", "0x1p4", "0b11", "0o7", "1/1", "2/2",
	"1e99999", "1e-99999", "-1e-99999", "1.0e-99999", "1e-400", "1e400", "1e-999", "1E-99999",
	"0b1e99999", "0b1e-99999", "0o7e-99999", "1_0e-9_999_99", "1e+99999", "0x1p-1074", "5e-324",
	"0.30000000000000004", "0.3", "1e308", "1.7976931348623157e308", "4.9406564584124654e-324",
	"0/1", "0/0", "1/0", "0x0/0x1", "377/0x5e400", "-377/0x5e400", "0/0x1e999", "0.5", "+.5", "inf", "-Inf", "nan", "1e", "e1", "", "--1", "0x", "1e-", "0e", "1000e-3",
	"100000000000000000000000000000000000000000000000000000000000e-59",
	"0.000000000000000000000000000000000000000000000000000000000000000000000000001e75",
}

var numberFloats = []float64{0, math.Copysign(0, -1), 1, -1, 10, 16, 3, 7, 0.5, 0.1, 0.3, 0.30000000000000004,
	1e308, math.MaxFloat64, 1.0 / 1024, -1.0 / 1024, 5e-324, math.SmallestNonzeroFloat64, 1e-300, 2}

// TestNumberTextLikeBigRat holds numberText's shortcuts to the comparison
// jsonschema makes, on spellings that reach each one: zero mantissas with
// any exponent, exponents far out of range, prefixes, underscores.
func TestNumberTextLikeBigRat(t *testing.T) {
	for _, s := range numberTexts {
		for _, f := range numberFloats {
			if got, want := numberText(f, s), bigRatEqual(f, s); got != want {
				t.Errorf("numberText(%v, %q) = %v, big.Rat says %v", f, s, got, want)
			}
		}
	}
}

// TestNumberTextLongLikeBigRat: long decimal spellings, where ParseFloat
// misreads exponents from 10,000 on and big.Rat reads every digit. (Other
// spellings over 10,000 characters are not taken for numbers: a stated
// difference from big.Rat, which would take seconds to read a megabyte.)
func TestNumberTextLongLikeBigRat(t *testing.T) {
	zeros := strings.Repeat("0", 20000)
	texts := []string{
		"1" + zeros + "e-20000", "1." + zeros, "0." + zeros + "1e20001", "-0." + zeros + "1e20001",
		"1" + zeros + "e-19999", "1" + zeros,
		"0." + zeros + "1", "0" + zeros + ".5", "5" + zeros + "e-20001", "1" + strings.Repeat("3", 900) + "e-900",
	}
	for _, s := range texts {
		for _, f := range []float64{0, 1, 10, 0.5, -1, 1e5} {
			if got, want := numberText(f, s), bigRatEqual(f, s); got != want {
				t.Errorf("numberText(%v, %.40q...) = %v, big.Rat says %v", f, s, got, want)
			}
		}
	}
}

// TestNumberTextHugeExponentsCheap: a string far out of range is told
// apart from a number without raising 10 to its exponent (big.Rat
// allocates megabytes and takes tens of milliseconds for each, and a
// uniqueItems list compares every pair: a small file took seconds).
func TestNumberTextHugeExponentsCheap(t *testing.T) {
	cases := []struct {
		f    float64
		s    string
		want bool
	}{{0, "1e-999999", false}, {0, "-1.0e-999999", false}, {1, "0b1e-999999", false}, {1, "1_0e9_999_99", false},
		{0, "0o7e-999999", false}, {1, "1e-999999", false}, {1, "1p-9999999", false},
		{1, "1." + strings.Repeat("0", 1000001), false}, // big.Rat refuses exponents beyond 10^6
		{1, "1" + strings.Repeat("0", 1000000) + "e-1000000", true}, {0, "0." + strings.Repeat("0", 1000000), true}}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := numberText(c.f, c.s)
		runtime.ReadMemStats(&after)
		if got != c.want {
			t.Errorf("numberText(%v, %.40q...) = %v", c.f, c.s, got)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 4096 {
			t.Errorf("numberText(%v, %.40q...) allocated %d bytes: it computed the power, or read every digit", c.f, c.s, n)
		}
	}
}

func FuzzNumberText(f *testing.F) {
	for _, s := range numberTexts {
		f.Add(0.0, s)
		f.Add(1.0, s)
	}
	f.Fuzz(func(t *testing.T, x float64, s string) {
		if math.IsInf(x, 0) || math.IsNaN(x) || len(s) > 64 {
			return // JSON numbers are finite; long texts make the reference slow
		}
		if got, want := numberText(x, s), bigRatEqual(x, s); got != want {
			t.Errorf("numberText(%v, %q) = %v, big.Rat says %v", x, s, got, want)
		}
	})
}
