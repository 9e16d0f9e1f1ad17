package compose

import (
	"testing"

	"github.com/reachlint/reachlint/linter/schema"
)

func TestSchemaRuleName(t *testing.T) {
	if schemaRule != schema.Info.Name {
		t.Errorf("the loader reports schema errors as %q, the schema package documents %q", schemaRule, schema.Info.Name)
	}
}
