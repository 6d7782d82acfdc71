package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/offerbook/offerbook/cmd/internal/config"
)

// TestREADMEConfigExampleIsComplete: the README's config example names
// every flag of analyze, each with a value the config loader accepts.
func TestREADMEConfigExampleIsComplete(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const marker = "```yaml\n# /etc/offerbook/offerbook.yaml\n"
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		t.Fatal("README has no config example starting with " + marker)
	}
	block := b[i+len("```yaml\n"):]
	block = block[:bytes.Index(block, []byte("```"))]
	// The commented-out keys count as documented.
	text := strings.NewReplacer("\n# output:", "\noutput:", "\n# split-by:", "\nsplit-by:").Replace(string(block))
	path := filepath.Join(t.TempDir(), "offerbook.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := withConfig(analyzeCommand()).Flags
	given := map[string]bool{}
	err = config.Read(path, configFlags(flags), func(name, _ string) error { given[name] = true; return nil })
	if err != nil {
		t.Errorf("README example: %v", err)
	}
	for _, f := range flags {
		if name := f.Names()[0]; !given[name] && name != "config" && name != "help" {
			t.Errorf("README config example lacks %q", name)
		}
	}
}

// TestSIGTERMRemovesTemporariesAndSaysWhat: a real process stopped with
// SIGTERM while it writes its outputs removes every temporary, keeps the
// earlier set, and names each output it did not write.
func TestSIGTERMRemovesTemporariesAndSaysWhat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and analyzes 20,000 offers")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "offerbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "big.csv")
	if out, err := exec.Command(bin, "generate", "-n", "20000", "-o", in).CombinedOutput(); err != nil {
		t.Fatalf("generate: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	_ = os.MkdirAll(out, 0o755)
	earlier := filepath.Join(out, "results.csv")
	_ = os.WriteFile(earlier, []byte("an earlier run\n"), 0o644)
	cmd := exec.Command(bin, "analyze", in, "--out-dir", out, "--format", "xlsx,csv,json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until it writes: a temporary appears in its temporary folder.
	deadline := time.Now().Add(5 * time.Minute)
	for {
		m, _ := filepath.Glob(filepath.Join(out, ".offerbook-tmp-*", "*"))
		if len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the run never started writing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	msg := stderr.String()
	if code != 1 {
		t.Errorf("exit %d (%v), want 1", code, err)
	}
	for _, want := range []string{"stopped by SIGTERM", "nothing was written", "not written:",
		filepath.Join(out, "big.xlsx"), filepath.Join(out, "results.csv"), filepath.Join(out, "errors.csv"), filepath.Join(out, "results.json")} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "no output was left half-written") {
		t.Errorf("the old, vague message: %s", msg)
	}
	if b, _ := os.ReadFile(earlier); string(b) != "an earlier run\n" {
		t.Error("the earlier results.csv was replaced")
	}
	if _, err := os.Stat(filepath.Join(out, "big.xlsx")); err == nil {
		t.Error("the workbook was put in place after SIGTERM")
	}
	assertNoTemporaries(t, out)
}
