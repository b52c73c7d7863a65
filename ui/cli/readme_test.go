package cli

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// readmeNotRun are README examples this test cannot run in-process, by
// their text as extracted, with the reason. Nothing else is skipped.
var readmeNotRun = map[string]string{
	"go run . --demo": "the bare explorer needs a terminal (main_tmux_test.go drives it in tmux)",
	"callscope direct --follow --from -1h --failed": "--follow runs until interrupted (follow_test.go drives it against the fake)",
}

// readmeExamples extracts the command examples of the README. The rule:
//   - only fenced blocks opened with ```sh hold examples (```text blocks
//     are screens, untagged blocks synopses, ```yaml the config file);
//   - in them, a line whose first word is `callscope`, or that starts
//     with `go run .` (callscope run from a clone), is an example; a line
//     continuing the one before (after a trailing `|` or `\`) is not;
//   - the example is its words up to the first shell operator (| > < ; &
//     or a # comment), split as sh splits plain, '…' and "…" words.
//
// Each example is returned as its text (the words joined by one space)
// and its arguments after the program.
func readmeExamples(t *testing.T, readme string) (texts []string, args [][]string) {
	t.Helper()
	inSh, continued := false, false
	sc := bufio.NewScanner(strings.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "```") {
			inSh = !inSh && line == "```sh"
			continue
		}
		if !inSh {
			continue
		}
		wasContinued := continued
		continued = strings.HasSuffix(line, "|") || strings.HasSuffix(line, `\`)
		if wasContinued {
			continue
		}
		words := shellWords(t, n, line)
		var prog int
		switch {
		case len(words) > 0 && words[0] == "callscope":
			prog = 1
		case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == ".":
			prog = 3
		default:
			continue
		}
		texts = append(texts, strings.Join(words, " "))
		args = append(args, words[prog:])
	}
	return texts, args
}

// shellWords splits line as sh does, up to the first operator or comment.
func shellWords(t *testing.T, n int, line string) []string {
	var words []string
	var word strings.Builder
	inWord, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, word.String()), false
				word.Reset()
			}
		case strings.ContainsRune("|><;&", r) || (r == '#' && !inWord):
			if inWord {
				words = append(words, word.String())
			}
			return words
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("README line %d: unclosed quote: %s", n, line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// TestReadmeExamplesRunAgainstTheDemo runs every command example of the
// README against the demo tenant, in-process, with --demo added to those
// that read Graph (not version): each must exit 0 and print something. The README promises that its names, ids and
// numbers exist in the demo tenant; this keeps the promise.
func TestReadmeExamplesRunAgainstTheDemo(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	texts, args := readmeExamples(t, string(b))
	if len(texts) < 8 {
		t.Fatalf("only %d examples found in the README: %q; is the extraction rule still right?", len(texts), texts)
	}
	for text := range readmeNotRun {
		if !slices.Contains(texts, text) {
			t.Errorf("readmeNotRun lists %q, which the README no longer has", text)
		}
	}
	t.Chdir(t.TempDir()) // where a --log-file example writes
	for i, text := range texts {
		if why, ok := readmeNotRun[text]; ok {
			t.Logf("not run: %s: %s", text, why)
			continue
		}
		t.Run(text, func(t *testing.T) {
			a := args[i]
			name, _ := splitCommand(a)
			c, ok := lookup(name)
			if !ok {
				t.Fatalf("no command %q", name)
			}
			// Against the demo tenant: every command that reads Graph takes --demo.
			if c.flagSet(c.options()).Lookup("demo") != nil && !slices.Contains(a, "--demo") {
				a = append(slices.Clone(a), "--demo")
			}
			r := runCLI(t, a...)
			if r.code != exitOK || strings.TrimSpace(r.stdout) == "" {
				t.Errorf("exit %d, %d bytes on stdout, stderr %q", r.code, len(r.stdout), r.stderr)
			}
		})
	}
}

// The extraction rule, on a README of each kind of block and line.
func TestReadmeExtractionRule(t *testing.T) {
	readme := "```\ncallscope calls [--from T]\n```\n" + // a synopsis
		"```text\ncallscope on screen\n```\n" +
		"```sh\n# a comment\ncallscope calls --participant \"Daichi T\" --output jsonl |\n  jq -r 'x | y'\n" +
		"callscope direct --failed > out.csv # to a file\n  go run . --demo\ngo test ./...\n" +
		"callscope record 'an id' | jq .\n```\n" +
		"```yaml\ncallscope: no\n```\n"
	texts, args := readmeExamples(t, readme)
	want := []string{`callscope calls --participant Daichi T --output jsonl`, "callscope direct --failed", "go run . --demo", "callscope record an id"}
	if !slices.Equal(texts, want) {
		t.Fatalf("examples %q, want %q", texts, want)
	}
	if !slices.Equal(args[0], []string{"calls", "--participant", "Daichi T", "--output", "jsonl"}) ||
		!slices.Equal(args[2], []string{"--demo"}) || !slices.Equal(args[3], []string{"record", "an id"}) {
		t.Errorf("arguments %q", args)
	}
}
