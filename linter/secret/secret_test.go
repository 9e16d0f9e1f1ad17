package secret

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsSecretKey(t *testing.T) {
	yes := []string{
		"PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "db_password", "dbPassword", "DB_PASSWD",
		"GPG_PASSPHRASE", "JWT_SECRET", "SECRET_KEY_BASE", "AWS_SECRET_ACCESS_KEY", "client-secret",
		"GITHUB_TOKEN", "accessToken", "AUTHTOKEN", "NPM_TOKENS", "API_KEY", "OPENAI_API_KEY", "apiKey", "APIKEY",
		"STRIPE_APIKEY_LIVE", "PRIVATE_KEY", "SSH_PRIVATE_KEY_B64", "ENCRYPTION_KEY", "KEY", "spring.datasource.password",
		"GOOGLE_APPLICATION_CREDENTIALS", "DB_PASS", "DB_PWD", "BASIC_AUTH", "REDIS_AUTH", "SMTP_PASSWORD",
		"REFRESH_TOKEN_EXPIRES_IN",
		// Next.js's server-only namespace: the rest of the name decides.
		"NEXT_PRIVATE_SMTP_PASSWORD", "NEXT_PRIVATE_ENCRYPTION_KEY", "NEXT_PRIVATE_SIGNING_PASSPHRASE",
		"NEXT_PRIVATE_GOOGLE_CLIENT_SECRET", "NEXT_PRIVATE_KEY", "nextPrivateApiKey",
	}
	no := []string{
		"", "PORT", "DATABASE_URL", "AWS_ACCESS_KEY_ID", "POSTGRES_PASSWORD_FILE", "TOKEN_URL", "OAUTH_TOKEN_ENDPOINT",
		"JWT_SECRET_LENGTH", "PWD", "PASS", "KEYCLOAK_HOST", "MONKEY", "TOKENIZERS_PARALLELISM", "SECRET_NAME",
		"API_KEY_HEADER", "KEY_ID", "CONNECT_CONFIG_PROVIDERS_SECRET_CLASS", "SECRET_PARAM_KAFKASTORE_BOOTSTRAP_SERVERS",
		"SSL_TRUSTSTORE_LOCATION_SECRET_LOCATION", "BEARER_AUTH_CREDENTIALS_SOURCE", "POSTGRES_USER", "AUTH_METHOD", "NODE_ENV", "PASSWORD_MIN_LENGTH",
		"NEXT_PRIVATE_UPLOAD_BUCKET", "NEXT_PRIVATE_OIDC_PROVIDER_LABEL", "NEXT_PRIVATE_SMTP_TRANSPORT",
		"NEXT_PRIVATE_OIDC_PROMPT", "SECRET_LABEL",
	}
	for _, k := range yes {
		if !IsSecretKey(k) {
			t.Errorf("IsSecretKey(%q) = false", k)
		}
	}
	for _, k := range no {
		if IsSecretKey(k) {
			t.Errorf("IsSecretKey(%q) = true", k)
		}
	}
}

func TestMaskURLs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://app:s3cret@localhost:5432/app", "postgres://app:****@localhost:5432/app"},
		{"redis://:pw@redis:6379/0", "redis://:****@redis:6379/0"},
		{"mongodb://u:p%40ss@a:1,b:2/db", "mongodb://u:****@a:1,b:2/db"},
		{"a postgres://u:one@db/x and mysql://r:two@m/y", "a postgres://u:****@db/x and mysql://r:****@m/y"},
		{"http://u:pa/ss@host/x", "http://u:****@host/x"},
		{"http://u:p@ss@host/x", "http://u:****@host/x"},
		{"amqp://guest:guest@rabbit", "amqp://guest:****@rabbit"},
		{"http://host/path?email=a@b.com", "http://host/path?email=a@b.com"},
		{"http://host:8080/x?email=a@b.com", "http://host:8080/x?email=a@b.com"},
		{"https://registry.example:4873/@scope/pkg", "https://registry.example:4873/@scope/pkg"},
		{"https://1a2b3c4d5e6f7a8b9c0d@sentry.io/1", "https://****@sentry.io/1"},
		{"https://app@host/", "https://app@host/"},
		{"https://x-access-token:ghp_abc123@github.com/o/r", "https://x-access-token:****@github.com/o/r"},
		{"http://u:@host", "http://u:@host"},
		{`"postgres://u:pw@db/x"`, `"postgres://u:****@db/x"`},
		{"nats://a:1,nats://u:pw@b:2", "nats://a:1,nats://u:****@b:2"},
		{"postgres://${U:-app}:${P:-pw}@db/x", "postgres://${U:-app}:****@db/x"},
		{"postgres://${U:-app}@db/x", "postgres://${U:-app}@db/x"},
		{"no urls here", "no urls here"},
		{"://u:p@x", "://u:****@x"},
	}
	for _, tc := range tests {
		if got := MaskURLs(tc.in); got != tc.want {
			t.Errorf("MaskURLs(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestMaskValue(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"POSTGRES_PASSWORD", "hunter2", "****"},
		{"POSTGRES_PASSWORD", "", ""},
		{"POSTGRES_PASSWORD", "${DB_PASSWORD}", "${DB_PASSWORD}"},
		{"POSTGRES_PASSWORD", "${DB_PASSWORD:-hunter2}", "****"},
		{"DATABASE_URL", "postgres://app:hunter2@db:5432/app", "postgres://app:****@db:5432/app"},
		{"PG_DSN", "host=db password=hunter2 user=app", "host=db password=**** user=app"},
		{"PG_DSN", "host=db password='hunter 2' user=app", "host=db password='****' user=app"},
		{"CONN", "Server=db;Password=hunter2;User Id=sa", "Server=db;Password=****;User Id=sa"},
		{"WEBHOOK", "https://hooks.example/x?token=hunter2&a=1", "https://hooks.example/x?token=****&a=1"},
		{"CMD", "app --db-password=hunter2 --port=1", "app --db-password=**** --port=1"},
		{"AWS_ACCESS_KEY_ID", "AKIAXXXX", "AKIAXXXX"},
		{"LOGGERS", "a.security.auth=INFO,b=WARN", "a.security.auth=INFO,b=WARN"},
		{"PORT", "3000", "3000"},
	}
	for _, tc := range tests {
		if got := MaskValue(tc.key, tc.value); got != tc.want {
			t.Errorf("MaskValue(%q, %q)\n got %q\nwant %q", tc.key, tc.value, got, tc.want)
		}
	}
}

func TestMaskLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"      POSTGRES_PASSWORD: hunter2", "      POSTGRES_PASSWORD: *******"},
		{`      POSTGRES_PASSWORD: "hunter 2" # dev only`, `      POSTGRES_PASSWORD: "********" # dev only`},
		{"      - POSTGRES_PASSWORD=hunter2", "      - POSTGRES_PASSWORD=*******"},
		{`      - "POSTGRES_PASSWORD=hunter2"`, `      - "POSTGRES_PASSWORD=*******"`},
		{"POSTGRES_PASSWORD=hunter two # comment", "POSTGRES_PASSWORD=********** # comment"},
		{"export API_KEY=abc def", "export API_KEY=*******"},
		{"JWT_SECRET='a b c'", "JWT_SECRET='*****'"},
		{"      DATABASE_URL: postgres://app:hunter2@localhost:5432/app", "      DATABASE_URL: postgres://app:*******@localhost:5432/app"},
		{"      - DATABASE_URL=postgres://app:pässwört@db/app", "      - DATABASE_URL=postgres://app:********@db/app"},
		{"    environment: [PORT=3000, API_TOKEN=abc]", "    environment: [PORT=3000, API_TOKEN=****"},
		{"      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}", "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}"},
		{"      POSTGRES_PASSWORD: |", "      POSTGRES_PASSWORD: |"},
		{"      POSTGRES_USER: app", "      POSTGRES_USER: app"},
		{"      - API_BASE_URL=http://localhost:3000", "      - API_BASE_URL=http://localhost:3000"},
		{"  password: hunter2", "  password: *******"},
		{"  TOKEN_URL: https://auth/token", "  TOKEN_URL: https://auth/token"},
		{"    secrets: [db_password, api-key.v2]", "    secrets: [db_password, api-key.v2]"},
		{"    configs: [nginx_conf]", "    configs: [nginx_conf]"},
		{"    secrets: [hunter2 x]", "    secrets: ***********"},
		{"    SECRETS: [a]", "    SECRETS: ***"},
		{"", ""},
	}
	for _, tc := range tests {
		got := MaskLine(tc.in)
		if got != tc.want {
			t.Errorf("MaskLine(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tc.in) {
			t.Errorf("MaskLine(%q) changed the width", tc.in)
		}
	}
	// The column of the host after a masked password is unchanged.
	in := "      - DATABASE_URL=postgres://app:pässwört@localhost:5432/app"
	out := MaskLine(in)
	col := func(s string) int { return utf8.RuneCountInString(s[:strings.Index(s, "localhost")]) }
	if col(in) != col(out) {
		t.Errorf("host column moved: %d -> %d", col(in), col(out))
	}
}

// TestSentinel seeds one secret in every shape a value can take and checks
// no masking function lets it through.
func TestSentinel(t *testing.T) {
	const s = "S3ntinel-pw"
	values := map[string]string{
		"POSTGRES_PASSWORD": s,
		"DATABASE_URL":      "postgres://app:" + s + "@db:5432/app",
		"REDIS_URL":         "redis://:" + s + "@redis:6379",
		"PG_DSN":            "host=db password=" + s,
		"CONN":              "Server=db;Password=" + s + ";",
		"HOOK":              "http://x/?api_key=" + s,
		"API_TOKEN":         "${X:-" + s + "}",
	}
	for k, v := range values {
		for _, out := range []string{MaskValue(k, v), MaskLine(k + "=" + v), MaskLine("      " + k + ": " + v), MaskLine(`  - "` + k + "=" + v + `"`)} {
			if strings.Contains(out, s) {
				t.Errorf("%s=%s leaks: %q", k, v, out)
			}
		}
	}
}

// A reference shows a variable's name, or Compose's error text for it; a
// default or an alternative may be the secret itself.
func TestIsRef(t *testing.T) {
	for v, want := range map[string]bool{
		"${PW}": true, "$PW": true, "${PW:?set PW in .env - run ./gen.sh}": true, "${PW?required}": true,
		"${PW:-s3cret}": false, "${PW:+s3cret}": false, "${PW:?${OTHER}}": false, "s3cret": false, "${}": false, "${:?x}": false,
	} {
		if got := IsRef(v); got != want {
			t.Errorf("IsRef(%q) = %v, want %v", v, got, want)
		}
	}
	line := "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD in .env}"
	if got := MaskLine(line); got != line {
		t.Errorf("MaskLine(%q) = %q, want it unchanged", line, got)
	}
}
