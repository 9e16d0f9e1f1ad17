package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// fingerprint identifies a finding across runs. It leaves out the line
// number so that inserting lines above a finding keeps its identity, and
// hashes the unmasked line text so that it does not depend on which secrets
// the environment happens to mask. Of the message it hashes the headline
// only, so rewording an explanation keeps identities. The occurrence suffix keeps identical
// findings (same rule, file, line text and message) apart.
func (c *context) fingerprint(d diag.Diagnostic) string {
	rel, _ := c.relPath(d.Range.File)
	text := c.fingerprintLine(d.Range.File, d.Range.Start.Line)
	h := sha256.New()
	for _, part := range []string{d.Rule, rel, text, d.Message} {
		// Length-prefixed so that parts cannot run into each other.
		fmt.Fprintf(h, "%d:%s\n", len(part), part)
	}
	sum := hex.EncodeToString(h.Sum(nil))[:32]
	if c.fps == nil {
		c.fps = map[string]int{}
	}
	c.fps[sum]++
	return fmt.Sprintf("%s:%d", sum, c.fps[sum])
}

// longLine is the length above which a line enters fingerprints as its own
// hash, computed once: many findings on one long line (a compose file
// written as one line of JSON) would otherwise hash it again each.
const longLine = 4096

// fingerprintLine is the trimmed line text a fingerprint hashes.
func (c *context) fingerprintLine(path string, n int) string {
	k := lineKey{path, n}
	if s, ok := c.lineHash[k]; ok {
		return s
	}
	text, _ := c.line(path, n)
	text = strings.TrimSpace(text)
	if len(text) <= longLine {
		return text
	}
	sum := sha256.Sum256([]byte(text))
	s := "sha256:" + hex.EncodeToString(sum[:])
	if c.lineHash == nil {
		c.lineHash = map[lineKey]string{}
	}
	c.lineHash[k] = s
	return s
}
