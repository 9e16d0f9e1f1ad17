package secret

import "strings"

// ValuePattern finds one kind of credential in free text, whatever variable
// holds it. Masked and Kept are its examples, tested one by one
// (values_test.go): each input of Masked becomes its output under MaskText,
// each of Kept stays as it is.
type ValuePattern struct {
	Name   string
	Find   func(s string) []span
	Masked [][2]string
	Kept   []string
	// SelfEvident credentials are recognised by the pattern wherever they
	// appear (a token prefix, a key block), so Find need not learn them as
	// known values to hide their reappearances.
	SelfEvident bool
}

// ValuePatterns is the catalogue of credentials recognised in values,
// messages and source lines.
var ValuePatterns = []ValuePattern{
	{Name: "url-userinfo", Find: urlSecrets,
		Masked: [][2]string{
			{"postgres://app:s3cret@db:5432/app", "postgres://app:****@db:5432/app"},
			{"postgres://u:p#ss@db/x", "postgres://u:****@db/x"},
			{"postgres://app:$ecretPw1@localhost:5432/app", "postgres://app:****@localhost:5432/app"},
			{"redis://:p?ss@cache:6379", "redis://:****@cache:6379"},
			{"https://1a2b3c4d5e6f7a8b9c0d@sentry.io/1", "https://****@sentry.io/1"},
		},
		Kept: []string{"http://host/path?email=a@b.com", "https://registry.example:4873/@scope/pkg",
			"postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db:5432/app", "postgres://app:${PW:?set PW in .env}@db/app"}},
	{Name: "secret-pair", Find: pairSecrets,
		Masked: [][2]string{
			{"host=db password=s3cret", "host=db password=****"},
			{"Server=db;User Id=sa;Pwd=s3cret;", "Server=db;User Id=sa;Pwd=****;"},
			{"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc/def==;", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=****;"},
			{"Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=abc=", "Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=****"},
			{"https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ab12", "https://b.s3.amazonaws.com/k?X-Amz-Credential=****&X-Amz-Signature=****"},
			{"https://a.blob.core.windows.net/c?sv=2020&sig=ab%2Bcd", "https://a.blob.core.windows.net/c?sv=2020&sig=****"},
			{"--db-password=s3cret", "--db-password=****"},
			{"host=db password=${PW}hunter2 user=app", "host=db password=**** user=app"},
		},
		Kept: []string{"sslmode=disable user=app", "security.auth=INFO", "password=${DB_PASSWORD}"}},
	{Name: "secret-flag", Find: flagSecrets,
		Masked: [][2]string{
			{"server --password s3cret --port 80", "server --password **** --port 80"},
			{`["app", "--api-token", "s3cret"]`, `["app", "--api-token", "****"]`},
			{"redis-server --requirepass s3cret", "redis-server --requirepass ****"},
		},
		Kept: []string{"server --port 80 --password-file /run/secrets/pw", "app --password ${PW}"}},
	{Name: "auth-header", Find: headerSecrets,
		Masked: [][2]string{
			{"curl -H 'Authorization: Bearer abc.def.ghi' http://api", "curl -H 'Authorization: ****' http://api"},
			{"X-Api-Key: k3y-value", "X-Api-Key: ****"},
			{"Bearer abcdefgh12345678", "Bearer ****"},
			{"Basic dXNlcjpwYXNzd29yZA==", "Basic ****"},
		},
		Kept: []string{"basic authentication is off", "Authorization: ${AUTH_HEADER}"}},
	{Name: "mysql-dsn", Find: mysqlDSNSecrets,
		Masked: [][2]string{
			{"user:s3cret@tcp(localhost:3306)/db", "user:****@tcp(localhost:3306)/db"},
			{`sql.Open("mysql", "root:pw@unix(/tmp/mysql.sock)/app")`, `sql.Open("mysql", "root:****@unix(/tmp/mysql.sock)/app")`},
		},
		Kept: []string{"root@tcp(localhost:3306)/db"}},
	{Name: "token-prefix", Find: prefixedTokens, SelfEvident: true,
		Masked: [][2]string{
			{"token ghp_0123456789abcdefghijABCDEFGHIJ012345", "token ****"},
			{"glpat-abcdefghij0123456789", "****"},
			{"AKIAIOSFODNN7EXAMPLE", "****"},
			{"xoxb-1234-5678-abcdef", "****"},
			{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature", "****"},
		},
		Kept: []string{"ghp_", "AKIA", "eyJ alone"}},
	{Name: "key-block", Find: keyBlobs, SelfEvident: true,
		Masked: [][2]string{
			{"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "****"},
		},
		Kept: []string{"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "-----BEGIN OPENSSH PRIVATE KEY-----"}},
}

// secretFlags are option names whose next argument is a secret, beyond the
// names IsSecretKey recognises.
var secretFlags = map[string]bool{"requirepass": true, "masterauth": true, "pass": true}

// flagSecrets: "--NAME VALUE" (or "-NAME", or list items '"--NAME", "VALUE"')
// where NAME is secret: the credential is the next argument.
func flagSecrets(s string) []span {
	var out []span
	for i := nextByte(s, 0, '-'); i >= 0 && i+1 < len(s); i = nextByte(s, i+1, '-') {
		if i > 0 && (isNameChar(s[i-1]) || s[i-1] == '-') {
			continue
		}
		j := i
		for j < len(s) && s[j] == '-' {
			j++
		}
		k := j
		for k < len(s) && isNameChar(s[k]) {
			k++
		}
		name := s[j:k]
		if name == "" || (!IsSecretKey(name) && !secretFlags[strings.ToLower(name)]) {
			i = k - 1
			continue
		}
		// Separator: blanks, or a closing quote, comma and opening quote.
		v := k
		if v < len(s) && (s[v] == '"' || s[v] == '\'') {
			v++
			for v < len(s) && isBlank(s[v]) {
				v++
			}
			if v >= len(s) || s[v] != ',' {
				i = k - 1
				continue
			}
			v++
		}
		for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
			v++
		}
		if v < len(s) && (s[v] == '"' || s[v] == '\'') {
			v++
		}
		if v == k || v >= len(s) || s[v] == '-' {
			i = k - 1
			continue
		}
		e := v
		for e < len(s) && !isBlank(s[e]) && s[e] != '"' && s[e] != '\'' && s[e] != ',' && s[e] != ']' {
			e++
		}
		if e > v && !isPureRef(s[v:e]) {
			out = append(out, span{v, e})
		}
		i = e - 1
	}
	return out
}

// authSchemes are HTTP authorization schemes followed by a credential.
var authSchemes = []string{"bearer", "basic", "token", "digest", "negotiate"}

// schemeEnds holds the last letters of authSchemes.
var schemeEnds = func() (m [256]bool) {
	for _, sc := range authSchemes {
		m[sc[len(sc)-1]] = true
	}
	return m
}()

// headerSecrets: "Authorization: ..." and other secret-named headers (the
// value runs to a quote or the end of the line), and a credential after an
// authorization scheme ("Bearer abc...").
func headerSecrets(s string) []span {
	var out []span
	for i := nextByte(s, 0, ':'); i >= 0; i = nextByte(s, i+1, ':') {
		if i+1 >= len(s) || (s[i+1] != ' ' && s[i+1] != '\t') {
			continue
		}
		k := i
		for k > 0 && (isNameChar(s[k-1])) {
			k--
		}
		name := s[k:i]
		if name == "" || !strings.Contains(name, "-") && !strings.EqualFold(name, "authorization") {
			continue // YAML keys are the line patterns' business
		}
		if !strings.EqualFold(name, "authorization") && !strings.EqualFold(name, "proxy-authorization") && !IsSecretKey(name) {
			continue
		}
		v := i + 1
		for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
			v++
		}
		e := v
		for e < len(s) && s[e] != '"' && s[e] != '\'' && s[e] != '\n' && s[e] != '\r' {
			e++
		}
		for e > v && isBlank(s[e-1]) {
			e--
		}
		if e > v && !isPureRef(s[v:e]) {
			out = append(out, span{v, e})
		}
		i = e
	}
	// A scheme is a word before a space, in any case; each ends in one of
	// these letters (most words are passed at once). No word ends before
	// the spaces of the indentation.
	lead := 0
	for lead < len(s) && isBlank(s[lead]) {
		lead++
	}
	for k := nextByte(s, lead, ' '); k >= 0; {
		for _, sc := range authSchemes {
			if k == 0 || !schemeEnds[s[k-1]|0x20] {
				break // no scheme ends here (indentation, most words)
			}
			if s[k-1]|0x20 != sc[len(sc)-1] {
				continue
			}
			j := k - len(sc)
			if j < 0 || !strings.EqualFold(s[j:k], sc) || (j > 0 && isNameChar(s[j-1])) {
				continue
			}
			v := k + 1
			e := v
			for e < len(s) && isTokenChar(s[e]) {
				e++
			}
			// A credential is long; "basic authentication" is prose.
			if e-v >= 8 && hasDigitOrSymbol(s[v:e]) {
				out = append(out, span{v, e})
			}
		}
		next := strings.IndexByte(s[k+1:], ' ')
		if next < 0 {
			break
		}
		k += 1 + next
	}
	return out
}

// nextByte is the index of the first c in s at or after from, or -1.
func nextByte(s string, from int, c byte) int {
	if from >= len(s) {
		return -1
	}
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

func isTokenChar(c byte) bool {
	return isNameChar(c) || c == '~' || c == '+' || c == '/' || c == '='
}

func hasDigitOrSymbol(t string) bool {
	return strings.ContainsAny(t, "0123456789+/=._~-")
}

// mysqlDSNSecrets: the Go MySQL driver's "user:pass@tcp(host)/db" (also
// unix and udp), a DSN without a scheme.
func mysqlDSNSecrets(s string) []span {
	if strings.IndexByte(s, '@') < 0 { // in every protocol below
		return nil
	}
	var out []span
	for _, proto := range []string{"@tcp(", "@unix(", "@udp(", "@tcp6("} {
		for from := 0; ; {
			j := strings.Index(s[from:], proto)
			if j < 0 {
				break
			}
			at := from + j
			from = at + len(proto)
			k := at
			for k > 0 && !isBlank(s[k-1]) && s[k-1] != '"' && s[k-1] != '\'' && s[k-1] != '`' && s[k-1] != '(' {
				k--
			}
			if c := strings.IndexByte(s[k:at], ':'); c >= 0 && k+c+1 < at {
				out = append(out, span{k + c + 1, at})
			}
		}
	}
	return out
}

// tokenPrefixes are the fixed prefixes of well-known credential formats,
// with the least length of the whole token.
var tokenPrefixes = []struct {
	prefix string
	min    int
}{
	{"ghp_", 20}, {"gho_", 20}, {"ghu_", 20}, {"ghs_", 20}, {"ghr_", 20}, {"github_pat_", 30},
	{"glpat-", 20}, {"xoxb-", 15}, {"xoxp-", 15}, {"xoxa-", 15}, {"xoxs-", 15}, {"xapp-", 15},
	{"sk_live_", 16}, {"sk_test_", 16}, {"rk_live_", 16}, {"sk-", 24}, {"npm_", 30}, {"AIza", 30},
	{"AKIA", 20}, {"ASIA", 20}, {"eyJ", 20},
}

// minTokenLen is the least min of tokenPrefixes.
const minTokenLen = 15

// hasRun reports n name characters in a row: a token is one.
func hasRun(s string, n int) bool {
	run := 0
	for i := range len(s) {
		if isNameChar(s[i]) {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func prefixedTokens(s string) []span {
	if !hasRun(s, minTokenLen) {
		return nil
	}
	var out []span
	for _, tp := range tokenPrefixes {
		for from := 0; ; {
			j := strings.Index(s[from:], tp.prefix)
			if j < 0 {
				break
			}
			st := from + j
			from = st + len(tp.prefix)
			if st > 0 && (isNameChar(s[st-1]) && s[st-1] != '-' && s[st-1] != '.' || s[st-1] == '/') {
				continue
			}
			e := st
			for e < len(s) && (isNameChar(s[e]) || (tp.prefix == "eyJ" && s[e] == '.')) {
				e++
			}
			if e-st >= tp.min && hasDigitOrSymbol(s[st+len(tp.prefix):e]) {
				out = append(out, span{st, e})
				from = e
			}
		}
	}
	return out
}

// keyBlobs: runs of 40 or more base64 characters with upper and lower case
// letters and digits, as in the body of a PEM private key or a raw key.
// Hex digests (one case) stay visible.
func keyBlobs(s string) []span {
	var out []span
	for i := 0; i < len(s); {
		if !isB64(s[i]) {
			i++
			continue
		}
		j := i
		up, lo, dg := false, false, false
		for j < len(s) && isB64(s[j]) {
			c := s[j]
			up = up || 'A' <= c && c <= 'Z'
			lo = lo || 'a' <= c && c <= 'z'
			dg = dg || '0' <= c && c <= '9'
			j++
		}
		for j < len(s) && s[j] == '=' {
			j++
		}
		if j-i >= 40 && up && lo && dg {
			out = append(out, span{i, j})
		}
		i = j
	}
	return out
}

func isB64(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '/'
}
