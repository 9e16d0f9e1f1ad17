package compose

import "github.com/reachlint/reachlint/linter/diag"

// The diagnostics the loader reports while reading files: their ids,
// default severities and docs. The rules package lists them with every
// other rule; here they are reported.
var (
	// schemaRule is schema.Info.Name: the schema package documents it,
	// the loader reports schema errors it finds while building the model.
	schemaRule = "compose-schema"

	YAMLSyntax = diag.RuleInfo{
		Name: "yaml-syntax", Severity: diag.Error, Enabled: true,
		Summary:    "a compose file is not valid YAML, or repeats a key",
		What:       "Reports YAML that cannot be parsed (at the parser's position), mapping keys defined twice, tabs used for indentation, NUL bytes, and documents whose aliases expand beyond the limit.",
		Why:        "docker compose refuses to load such a file, so nothing starts.",
		Example:    "services:\n  api:\n    image: nginx\n    image: httpd\n",
		UseInstead: "services:\n  api:\n    image: httpd\n",
	}
	Consistency = diag.RuleInfo{
		Name: "compose-consistency", Severity: diag.Error, Enabled: true,
		Summary: "a reference Compose checks before starting is broken",
		What: "Reports references to services, networks, volumes, secrets or configs that are not defined (depends_on, links, networks, network_mode: service:x, extends; a service's named volumes, secrets: and configs:, short or long syntax, and its build secrets, which must be defined under the top-level volumes:, secrets: and configs:; an override template beside the project, such as compose.override.yaml.example, counts as defining them), network_mode together with networks, depends_on cycles, extends and include cycles, missing required env_file files, and services defined both here and by an included project. " +
			"A file found by discovery that is a layer of another project (an override without its base, files that leave a service without image or build, relative bind mounts that resolve only from an ancestor directory, whose compose files, or else its YAML files, are the base) may refer to what that project defines: not reported; a file in a directory without a base that adjusts or refers to services of the nearest base above it (overrides/compose.https.yaml) is checked over that base, as -f compose.yaml -f overrides/compose.https.yaml runs it; named with -f, the files are the whole project. A project whose files are all named as templates (docker-compose.template.yml, compose.yaml.example) is filled in by a generator or the user before it runs, so what it refers to is not required.",
		Why:        "docker compose validates these before creating anything and refuses the whole project.",
		Example:    "services:\n  web:\n    image: nginx\n    depends_on: [db]\n",
		UseInstead: "services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres:16\n",
	}
	FileRule = diag.RuleInfo{
		Name: "compose-file", Severity: diag.Error, Enabled: true,
		Summary:    "a compose file cannot be read",
		What:       "Reports a compose, extends or include file that does not exist, is a directory, cannot be read, or is larger than max-file-size.",
		Why:        "docker compose stops at the first file it cannot read.",
		Example:    "services:\n  api:\n    extends:\n      file: ./missing.yaml\n      service: base\n",
		UseInstead: "services:\n  base:\n    image: nginx\n  api:\n    extends:\n      service: base\n",
	}
	EnvFileMissing = diag.RuleInfo{
		Name: "env-file-missing", Severity: diag.Warning, Enabled: true,
		Summary:    "a service's env_file does not exist",
		What:       "Reports an env_file: entry whose file does not exist (unless it says required: false). When a template such as .env.example (or one per environment, .env.development.example) sits next to it, the file is clearly created per deployment, and the finding is only informational; so it is for stack.env, the file Portainer writes from a stack's environment variables. A layer (a file found by discovery that leaves a service without image or build, run only over a base) is not checked: Compose reads its relative paths from the base's directory; nor is a template to copy (docker-compose.override.example.yml), whose env files are made with the copy.",
		Why:        "docker compose refuses to start a service whose required env_file is missing.",
		Example:    "services:\n  api:\n    image: nginx\n    env_file: ./missing.env\n",
		UseInstead: "services:\n  api:\n    image: nginx\n    env_file:\n      - path: ./missing.env\n        required: false\n",
	}
	InterpolationSyntax = diag.RuleInfo{
		Name: "interpolation-syntax", Severity: diag.Error, Enabled: true,
		Summary:    "a ${...} expression Compose cannot interpolate",
		What:       "Reports \"$\" expressions that are not valid Compose interpolation, such as \"${}\" or \"${1VAR}\".",
		Why:        "docker compose refuses the file with \"invalid interpolation format\".",
		Example:    "services:\n  api:\n    image: nginx\n    environment:\n      PRICE: ${}5\n",
		UseInstead: "services:\n  api:\n    image: nginx\n    environment:\n      PRICE: $$5\n",
	}
)
