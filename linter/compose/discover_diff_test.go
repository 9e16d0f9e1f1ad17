package compose

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/sirupsen/logrus"
)

// TestDiscoveryMatchesComposeGo: for every combination of Compose's base and
// override names in one directory, the project reachlint finds in it is the
// one compose-go's default discovery (what docker compose runs without -f)
// picks: the same base, the same override.
func TestDiscoveryMatchesComposeGo(t *testing.T) {
	names := []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
		"compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"}
	const svc = "services: {web: {image: nginx}}\n"
	logrus.SetLevel(logrus.ErrorLevel) // compose-go warns about several candidates
	for mask := 1; mask < 1<<len(names); mask++ {
		var present []string
		for i, n := range names {
			if mask&(1<<i) != 0 {
				present = append(present, n)
			}
		}
		if !slices.ContainsFunc(present, func(n string) bool { return slices.Contains(BaseNames, n) }) {
			continue // no base: docker compose needs -f
		}
		files := map[string]string{}
		for _, n := range present {
			files[n] = svc
		}
		dir := setup(t, files)
		o, err := cli.NewProjectOptions(nil, cli.WithWorkingDirectory(dir), cli.WithDefaultConfigPath)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, p := range o.ConfigPaths {
			want = append(want, filepath.Base(p))
		}
		spec, ok := finder(dir).DirProject(dir)
		var got []string
		for _, p := range spec.Files {
			got = append(got, filepath.Base(p))
		}
		if !ok || !slices.Equal(got, want) {
			t.Errorf("%s: reachlint %s, compose-go %s", strings.Join(present, " "), strings.Join(got, "+"), strings.Join(want, "+"))
		}
	}
}
