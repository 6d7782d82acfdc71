package main

import (
	"os"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/urfave/cli/v2"
)

// outputFlags name the flags whose value is a file or folder written to,
// never read.
var outputFlags = map[string]bool{"output": true, "out-dir": true, "export": true}

// fileInputs returns every file a command reads: the input files it was
// given, and each existing file named by any of its flags other than the
// outputs (--bands, --premiums, --levels, --playbook, --config and any flag
// added later), so no output can overwrite one of them.
func fileInputs(c *cli.Context, inputs []string) []string {
	out := append([]string(nil), inputs...)
	for _, f := range c.Command.Flags {
		names := f.Names()
		if len(names) == 0 || outputFlags[names[0]] || !c.IsSet(names[0]) {
			continue
		}
		if _, ok := f.(cli.DocGenerationFlag); !ok || !f.(cli.DocGenerationFlag).TakesValue() {
			continue
		}
		v := c.String(names[0])
		if v == "" {
			continue
		}
		if info, err := os.Stat(v); err == nil && info.Mode().IsRegular() {
			out = append(out, v)
		}
	}
	return out
}

// refuseOverwrite is a usage error when output would overwrite any file
// the command reads.
func refuseOverwrite(c *cli.Context, output string, inputs []string) error {
	if output == "" {
		return nil
	}
	for _, in := range fileInputs(c, inputs) {
		if batch.SamePath(output, in) {
			return usagef("output %s is the input %s: refusing to overwrite an input; choose another -o or --out-dir", output, in)
		}
	}
	return nil
}
