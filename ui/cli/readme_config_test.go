package cli

import (
	"os"
	"strings"
	"testing"
	"time"
)

// The README's config file example is one the parser takes as it stands.
func TestReadmeConfigExampleParses(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```yaml\n")
	if !ok {
		t.Fatal("no yaml block in the README")
	}
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("the README's yaml block does not close")
	}
	if _, err := parseConfig("README.md", []byte(block), time.Now()); err != nil {
		t.Fatalf("the README's config example does not parse: %v", err)
	}
}
