package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dotenv"
	"github.com/reachlint/reachlint/linter/secret"
)

// Example and UseInstead are .env files.
var duplicateEnvKey = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "duplicate-env-key", Severity: diag.Warning, Enabled: true,
		Summary:    "a key is set twice in one .env file or environment: list",
		What:       "Reports a key written more than once in the same .env or env_file file, or in one environment: list of a compose file (\"- TZ=UTC\" twice), at the definition Compose uses (the last one), pointing at the earlier ones. A line that repeats an earlier one exactly has a fix that removes it.",
		Why:        "Compose silently keeps the last value: editing the first line has no effect, which is a classic way to lose an hour on a wrong URL. In an environment: list the Compose schema requires unique items: docker-compose v1 refuses a file that repeats an entry, compose-go keeps the last one without a word.",
		Example:    "API_URL=http://api:3000\nDEBUG=1\nAPI_URL=http://localhost:3000\n",
		UseInstead: "API_URL=http://api:3000\nDEBUG=1\n",
	},
	Check: checkDuplicateEnvKey,
}

func checkDuplicateEnvKey(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		f := ef.Parsed
		for _, dup := range f.Duplicates() {
			if dup.Key == "" {
				continue // env-syntax reports values without a key
			}
			reportDuplicate(p, ef, dup)
		}
	}
	seen := map[*compose.Node]bool{}
	for _, d := range p.Project.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != compose.Map {
			continue
		}
		for _, pr := range svcs.Pairs {
			env := pr.Val.Get("environment")
			if env == nil || env.Kind != compose.Seq || seen[env] {
				continue
			}
			seen[env] = true
			duplicateListEntries(p, d, pr.Key.Value, env)
		}
	}
}

// duplicateListEntries reports KEY=VALUE items of one environment: list
// that set the same key. compose-go keeps the last entry for a key (at the
// place of the first one).
func duplicateListEntries(p *Pass, d compose.FileDoc, service string, env *compose.Node) {
	// The entries' keys, counted; only a repeated key's entries are gathered.
	key := func(it *compose.Node) string {
		if it.Kind != compose.Scalar || it.File != d.File {
			return ""
		}
		k, _, _ := strings.Cut(it.Value, "=")
		return k
	}
	count := make(map[string]int, len(env.Items))
	var keys []string // repeated, in the order of their first entry
	for _, it := range env.Items {
		if k := key(it); k != "" {
			if count[k]++; count[k] == 2 {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) > 1 {
		first := map[string]int{}
		for i, it := range env.Items {
			if k := key(it); k != "" {
				if _, ok := first[k]; !ok {
					first[k] = i
				}
			}
		}
		slices.SortFunc(keys, func(a, b string) int { return first[a] - first[b] })
	}
	for _, k := range keys {
		its := make([]*compose.Node, 0, count[k])
		for _, it := range env.Items {
			if key(it) == k {
				its = append(its, it)
			}
		}
		last, prev := its[len(its)-1], its[len(its)-2]
		var lines []string
		var rel []diag.Related
		for _, it := range its[:len(its)-1] {
			lines = append(lines, fmt.Sprint(it.Range.Start.Line))
			rel = append(rel, diag.Related{Range: it.Range, Message: fmt.Sprintf("%q set here first, overridden on line %d", k, last.Range.Start.Line)})
		}
		where := "line " + strings.Join(lines, ", ")
		if len(lines) > 1 {
			where = "lines " + strings.Join(lines, ", ")
		}
		dg := diag.Diagnostic{Range: last.SubRange(0, len(k)), Related: rel}
		_, val, hasVal := strings.Cut(last.Value, "=")
		switch {
		case last.Raw == prev.Raw && last.Value == prev.Value:
			dg.Message = fmt.Sprintf("service %q sets %q again, as on line %d; remove this line", service, k, prev.Range.Start.Line)
			dg.Why = "the same entry repeats in its environment: list; docker-compose v1 refuses the file (the schema wants unique items) and compose-go ignores the repeat"
			dg.Fix = deleteLines(d.File.Data, d.File.Range, last, last, fmt.Sprintf("remove the repeated line %d", last.Range.Start.Line))
		case !hasVal:
			dg.Message = fmt.Sprintf("service %q sets %q again (also on %s); keep the one you mean", service, k, where)
			dg.Why = "in its environment: list Compose uses this last entry, a bare key that takes its value from the shell or the project .env, and ignores the earlier ones"
		default:
			dg.Message = fmt.Sprintf("service %q sets %q again (also on %s); keep the one you mean", service, k, where)
			dg.Why = fmt.Sprintf("in its environment: list Compose uses this last entry, %s, and ignores the earlier ones", shown(k, val))
		}
		p.Report(dg)
	}
}

func reportDuplicate(p *Pass, ef *compose.EnvFile, dup dotenv.Duplicate) {
	f := ef.Parsed
	last := f.Entries[dup.Entries[len(dup.Entries)-1]]
	var lines []string
	var rel []diag.Related
	for _, i := range dup.Entries[:len(dup.Entries)-1] {
		e := f.Entries[i]
		lines = append(lines, fmt.Sprint(e.Line))
		rel = append(rel, diag.Related{Range: e.KeyRange, Message: fmt.Sprintf("%q set here first, overridden on line %d", dup.Key, last.Line)})
	}
	where := "line " + lines[0]
	if len(lines) > 1 {
		where = "lines " + strings.Join(lines, ", ")
	}
	d := diag.Diagnostic{Range: last.KeyRange, Related: rel}
	win, ok := f.Lookup(dup.Key)
	switch {
	case !ok:
		// Every definition is a bare key the environment does not set.
		d.Message = fmt.Sprintf("%q is written again here (also on %s) and no line sets it; remove the repeated lines", dup.Key, where)
	case win.Line == last.Line && win.KeyRange == last.KeyRange:
		prev := f.Entries[dup.Entries[len(dup.Entries)-2]]
		if same(prev, last) {
			d.Message = fmt.Sprintf("%q is set again here to the same value as on line %d; remove this line", dup.Key, prev.Line)
			if fx := removeLine(ef, last); fx != nil {
				d.Fix = fx
			}
		} else {
			d.Message = fmt.Sprintf("%q is set again here (also on %s); keep the one you mean", dup.Key, where)
			d.Why = fmt.Sprintf("Compose uses this last value, %s, and ignores the earlier ones", shown(dup.Key, win.Value))
		}
	default:
		// The last line is a bare key the environment does not set:
		// Compose drops it and keeps an earlier value.
		d.Message = fmt.Sprintf("%q is written again here as a bare key (also on %s); keep the one you mean", dup.Key, where)
		d.Why = fmt.Sprintf("this bare key is unset, so Compose keeps the value of line %d, %s", win.Line, shown(dup.Key, win.Value))
	}
	p.Report(d)
}

// shown quotes a value for a message, masking secrets.
func shown(key, value string) string {
	return fmt.Sprintf("%q", secret.MaskValue(key, value))
}

// same reports whether two entries are the same line text for Compose: key,
// value as written and as loaded.
func same(a, b dotenv.Entry) bool {
	return a.Key == b.Key && a.Raw == b.Raw && a.Value == b.Value && a.Bare == b.Bare && a.Export == b.Export
}

// removeLine deletes the whole line of e, when the line holds nothing else
// but white space.
func removeLine(ef *compose.EnvFile, e dotenv.Entry) *diag.Fix {
	data := ef.Src.Data
	start, end := e.Range.Start.Offset, e.Range.End.Offset
	if e.Range.Start.Line != e.Range.End.Line || e.CutComment != nil || e.Trailing != nil {
		return nil
	}
	ls := strings.LastIndexByte(string(data[:start]), '\n') + 1
	le := len(data)
	if j := strings.IndexByte(string(data[end:]), '\n'); j >= 0 {
		le = end + j + 1
	}
	if strings.TrimSpace(string(data[ls:start])) != "" || strings.TrimSpace(string(data[end:le])) != "" {
		return nil
	}
	return &diag.Fix{Description: fmt.Sprintf("remove the repeated line %d", e.Line),
		Edits: []diag.TextEdit{{Range: ef.Src.Range(ls, le), NewText: ""}}}
}
