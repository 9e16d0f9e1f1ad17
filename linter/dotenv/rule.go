package dotenv

import "github.com/reachlint/reachlint/linter/diag"

// SyntaxRule documents the env-syntax diagnostics: the loader reports an
// env file it cannot read, the rule every line Compose cannot parse.
var SyntaxRule = diag.RuleInfo{
	Name: "env-syntax", Severity: diag.Error, Enabled: true,
	Summary:    "a .env line Compose cannot parse, or silently misreads",
	What:       "Reports lines of a .env or env_file file that Compose's parser rejects (a value without a key, \"export\" alone on a line, a space or other invalid character in a key, an unterminated quote, invalid ${...} interpolation, a required variable that is missing) as errors, and a key with a tab or other white space inside, which Compose accepts but almost certainly misreads, as a warning.",
	Why:        "Compose refuses to load an env file it cannot parse, so the whole project fails to start; a misread line silently sets a variable nobody meant.",
	Example:    "DB HOST=db\nAPI_URL=http://api:3000\n",
	UseInstead: "DB_HOST=db\nAPI_URL=http://api:3000\n",
}
