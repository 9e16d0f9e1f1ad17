package dotenv

import "testing"

// A file parsed without a path (as COMPOSE_FILE lookups do) loads the same
// values as one with a path.
func TestParseWithoutPath(t *testing.T) {
	data := []byte("A=1\nB=${A}2\nexport C='x y'\n")
	with, without := Parse(".env", data, nil).Map(), Parse("", data, nil).Map()
	if len(without) != 3 || without["B"] != "12" || without["C"] != "x y" {
		t.Fatalf("without a path: %v", without)
	}
	for k, v := range with {
		if without[k] != v {
			t.Errorf("%s: %q with a path, %q without", k, v, without[k])
		}
	}
}
