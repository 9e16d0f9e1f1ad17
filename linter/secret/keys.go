package secret

import (
	"strings"

	"github.com/reachlint/reachlint/linter/endpoint"
)

// WordMatch says how a KeyPattern's word must appear among the words of a
// name (split at '_', '-', '.', ' ' and camelCase, upper-cased).
type WordMatch int

const (
	// AnyWordContains: some word contains Word ("MYSQLPASSWORD").
	AnyWordContains WordMatch = iota + 1
	// AnyWordPrefix: some word starts with Word ("CREDENTIALS").
	AnyWordPrefix
	// AnyWordSuffix: some word ends with Word ("AUTHTOKEN", camelCase "accessToken").
	AnyWordSuffix
	// AnyWord: some word is Word.
	AnyWord
	// LastWord: the last word is Word ("API_KEY", "KEY").
	LastWord
	// LastOfSeveral: the last word is Word and there are others ("DB_PWD",
	// but not "PWD", the working directory).
	LastOfSeveral
	// PairName: the whole name is Word, and only as the name of a
	// name=value pair inside a value (a connection string's "Pwd=x;", a
	// signed URL's "sig=x"), never as a variable name.
	PairName
)

// KeyPattern is one spelling of a secret name. Secret and NotSecret are
// names it decides, tested one by one (keys_test.go).
type KeyPattern struct {
	Word      string
	Match     WordMatch
	Secret    []string // names this entry makes secret
	NotSecret []string // look-alikes that stay visible
}

// KeyPatterns is the catalogue of secret names. A name is secret when an
// entry matches and its last word is not in Describes (a name about a
// secret, not the secret).
var KeyPatterns = []KeyPattern{
	{"PASSWORD", AnyWordContains, []string{"POSTGRES_PASSWORD", "db_password", "dbPassword", "PGPASSWORD", "spring.datasource.password"}, []string{"POSTGRES_PASSWORD_FILE", "PASSWORD_MIN_LENGTH"}},
	{"PASSWD", AnyWordContains, []string{"DB_PASSWD", "passwd"}, []string{"PASSWD_FILE"}},
	{"PASSPHRASE", AnyWordContains, []string{"GPG_PASSPHRASE"}, []string{"PASSPHRASE_PATH"}},
	{"SECRET", AnyWordContains, []string{"JWT_SECRET", "client-secret", "SECRET_KEY_BASE", "clientSecret"}, []string{"SECRET_NAME", "JWT_SECRET_LENGTH"}},
	{"CREDENTIAL", AnyWordPrefix, []string{"GOOGLE_APPLICATION_CREDENTIALS", "DB_CREDENTIAL"}, []string{"CREDENTIALS_FILE"}},
	{"APIKEY", AnyWordContains, []string{"APIKEY", "STRIPE_APIKEY_LIVE"}, []string{"APIKEY_HEADER"}},
	{"PRIVATE", AnyWordContains, []string{"PRIVATE_KEY", "SSH_PRIVATE_KEY_B64", "NEXT_PRIVATE_KEY"}, []string{"PRIVATE_KEY_PATH", "NEXT_PRIVATE_UPLOAD_BUCKET"}},
	{"TOKEN", AnyWordSuffix, []string{"GITHUB_TOKEN", "accessToken", "AUTHTOKEN", "REFRESH_TOKEN_EXPIRES_IN"}, []string{"TOKEN_URL", "TOKENIZERS_PARALLELISM"}},
	{"TOKENS", AnyWord, []string{"NPM_TOKENS"}, []string{"MAX_TOKENS_HOST"}},
	{"KEY", LastWord, []string{"API_KEY", "KEY", "ENCRYPTION_KEY", "apiKey", "AccountKey", "SharedAccessKey"}, []string{"AWS_ACCESS_KEY_ID", "MONKEY", "KEY_ID"}},
	{"AUTH", LastWord, []string{"BASIC_AUTH", "REDIS_AUTH"}, []string{"AUTH_METHOD"}},
	{"PASS", LastOfSeveral, []string{"DB_PASS", "SMTP_PASS"}, []string{"PASS", "PASSTHROUGH"}},
	{"PWD", LastOfSeveral, []string{"DB_PWD"}, []string{"PWD", "OLDPWD"}},
	{"PSW", LastOfSeveral, []string{"DB_PSW"}, []string{"PSW"}},
	{"PW", LastOfSeveral, []string{"DB_PW", "ADMIN_PW"}, []string{"PW", "PWA_NAME"}},
	{"SIGNATURE", AnyWordContains, []string{"X-Amz-Signature", "X-Goog-Signature", "Signature", "WEBHOOK_SIGNATURE"}, []string{"SIGNATURE_METHOD", "SIGNATURE_VERSION"}},
	{"SALT", LastWord, []string{"PASSWORD_SALT", "HASH_SALT", "SALT"}, []string{"SALT_LENGTH", "SALTSTACK_MASTER"}},
	{"HMAC", AnyWord, []string{"HMAC", "WEBHOOK_HMAC"}, []string{"HMAC_ALGORITHM"}},
	{"COOKIE", LastWord, []string{"SESSION_COOKIE", "AUTH_COOKIE"}, []string{"COOKIE_NAME", "COOKIE_DOMAIN_X"}},
	{"AUTHORIZATION", AnyWord, []string{"AUTHORIZATION", "PROXY_AUTHORIZATION"}, []string{"AUTHORIZATION_URL"}},
	{"BEARER", AnyWord, []string{"BEARER", "BEARER_VALUE"}, []string{"BEARER_AUTH_CREDENTIALS_SOURCE"}},
	{"JWT", LastWord, []string{"SERVICE_JWT"}, []string{"JWT_ISSUER"}},
	{"PWD", PairName, []string{"Pwd", "pwd"}, []string{"PWD_ISH"}},
	{"SIG", PairName, []string{"sig"}, []string{"SIGNAL"}},
}

// Describes are last words of names that are about a secret, not the
// secret: their values are identifiers, addresses and paths that findings
// need to show (URL passwords in them are still masked).
var Describes = map[string]bool{
	"ID": true, "IDS": true, "URL": true, "URI": true, "FILE": true, "PATH": true, "DIR": true, "NAME": true,
	"HOST": true, "PORT": true, "ENDPOINT": true, "EXPIRY": true, "EXPIRES": true, "TTL": true,
	"LENGTH": true, "ENABLED": true, "ENABLE": true, "REQUIRED": true, "TYPE": true, "METHOD": true,
	"HEADER": true, "ALGORITHM": true, "ALG": true, "LIFETIME": true, "TIMEOUT": true, "FIELD": true,
	"SIZE": true, "MODE": true, "VERSION": true, "PROVIDER": true, "POLICY": true, "ROTATION": true,
	"CLASS": true, "SOURCE": true, "LOCATION": true, "MECHANISM": true, "PROTOCOL": true, "FACTOR": true,
	"SERVER": true, "SERVERS": true, "HOSTS": true, "ADDR": true, "ADDRESS": true, "TOPIC": true,
	"HANDLER": true, "FORMAT": true, "ISSUER": true, "AUDIENCE": true, "SCOPE": true, "DOMAIN": true,
	"LABEL": true,
}

// IsSecretKey reports whether a variable or keyword name holds a secret,
// per KeyPatterns and Describes.
func IsSecretKey(key string) bool { return isSecretName(key, false) }

// isPairSecret is IsSecretKey for the name of a name=value pair inside a
// value, where PairName entries count too.
func isPairSecret(name string) bool { return isSecretName(name, true) }

var secretNames, secretPairs endpoint.NameMemo[bool]

func isSecretName(key string, pair bool) bool {
	if !mayBeSecret(key) { // most names: cheaper than the memo
		return false
	}
	if pair {
		return secretPairs.Get(key, isPairSecretName)
	}
	return secretNames.Get(key, isKeySecretName)
}

// wordLetters holds the sets of letters of the KeyPatterns words, without
// those that hold another's (PASSWORD's holds PASS's): a name with all the
// letters of the one has those of the other.
var wordLetters = func() []uint32 {
	var all, out []uint32
	for _, p := range KeyPatterns {
		w, _ := letters(p.Word)
		all = append(all, w)
	}
	for i, w := range all {
		minimal := true
		for j, v := range all {
			if v&w == v && (v != w || j < i) {
				minimal = false // v is a subset, or the same set seen first
				break
			}
		}
		if minimal {
			out = append(out, w)
		}
	}
	return out
}()

// letters is the set of ASCII letters in s, case ignored; ascii is false
// when s holds another byte that upper-casing could make a letter.
func letters(s string) (set uint32, ascii bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			set |= 1 << (c - 'a')
		case 'A' <= c && c <= 'Z':
			set |= 1 << (c - 'A')
		case c >= 0x80:
			return 0, false
		}
	}
	return set, true
}

// mayBeSecret is false for a name in which no pattern's word can appear:
// one without all of some word's letters (secretName looks for a word in
// the upper-cased name first). Names with other than ASCII are left to
// secretName.
func mayBeSecret(key string) bool {
	set, ascii := letters(key)
	if !ascii {
		return true
	}
	for _, w := range wordLetters {
		if set&w == w {
			return true
		}
	}
	return false
}

func isKeySecretName(key string) bool  { return secretName(key, false) }
func isPairSecretName(key string) bool { return secretName(key, true) }

func secretName(key string, pair bool) bool {
	// Every pattern needs its word somewhere in the name: most names have
	// none, and are answered without splitting them into words.
	up := strings.ToUpper(key)
	some := false
	for _, p := range KeyPatterns {
		if strings.Contains(up, p.Word) {
			some = true
			break
		}
	}
	if !some {
		return false
	}
	words := endpoint.KeyWords(key)
	if len(words) > 2 && words[0] == "NEXT" && words[1] == "PRIVATE" {
		// Next.js's namespace of server-only variables
		// (NEXT_PRIVATE_UPLOAD_BUCKET): the rest of the name says whether
		// it holds a secret.
		words = words[2:]
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if Describes[last] && len(words) > 1 {
		return false
	}
	for _, p := range KeyPatterns {
		if p.matches(words, key, pair) {
			return true
		}
	}
	return false
}

func (p KeyPattern) matches(words []string, key string, pair bool) bool {
	last := words[len(words)-1]
	switch p.Match {
	case LastWord:
		return last == p.Word
	case LastOfSeveral:
		return last == p.Word && len(words) > 1
	case PairName:
		return pair && strings.EqualFold(key, p.Word)
	}
	for _, w := range words {
		switch {
		case p.Match == AnyWordContains && strings.Contains(w, p.Word),
			p.Match == AnyWordPrefix && strings.HasPrefix(w, p.Word),
			p.Match == AnyWordSuffix && strings.HasSuffix(w, p.Word),
			p.Match == AnyWord && w == p.Word:
			return true
		}
	}
	return false
}
