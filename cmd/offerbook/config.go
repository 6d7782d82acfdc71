package main

import (
	"github.com/offerbook/offerbook/cmd/internal/config"
	"github.com/urfave/cli/v2"
)

// pathFlags are the flags whose value is a file or folder: in a config file
// a relative one is read against the config file's folder, so a scheduled
// run finds the same files whatever its working directory.
var pathFlags = map[string]bool{
	"output": true, "out-dir": true, "bands": true, "premiums": true, "playbook": true, "tax": true, "levels": true,
}

// listFlags are the comma-separated flags a config file may also give as a
// YAML list (`format: [xlsx, csv]`).
var listFlags = map[string]bool{"format": true, "scenarios": true, "exit-multiples": true}

// withConfig adds --config, --log-format and --no-wait to a command that
// writes outputs, and reads the config file (see package config) before
// the command runs.
func withConfig(cmd *cli.Command) *cli.Command {
	cmd.Flags = append(cmd.Flags,
		&cli.StringFlag{Name: "config", Usage: "read flags from `FILE.yaml` (for scheduled runs; see README, Running unattended)"},
		logFormatFlag(),
		&cli.BoolFlag{Name: "no-wait", Usage: "if another run is writing into the same output folder, stop at once instead of waiting for it"},
	)
	next := cmd.Before
	cmd.Before = func(c *cli.Context) error {
		err := loadConfig(c)
		if ferr := checkLogFormat(c); ferr != nil {
			return ferr
		}
		logFor(c) // from here on, even a failure is logged in the chosen format
		if err != nil {
			return err
		}
		if next != nil {
			return next(c)
		}
		return nil
	}
	return cmd
}

// loadConfig sets every flag named in the --config file that the command
// line did not set; any mistake in the file is a usage error (exit 2).
func loadConfig(c *cli.Context) error {
	path := c.String("config")
	if path == "" {
		return nil
	}
	err := config.Read(path, configFlags(c.Command.Flags), func(name, value string) error {
		if c.IsSet(name) {
			return nil // the command line wins
		}
		return c.Set(name, value)
	})
	if err != nil {
		return usageError{err}
	}
	return nil
}

// configFlags are the settings a config file may give: every flag but
// --config and --help.
func configFlags(flags []cli.Flag) []config.Flag {
	var out []config.Flag
	for _, f := range flags {
		name := f.Names()[0]
		if name == "config" || name == "help" {
			continue
		}
		cf := config.Flag{Name: name, List: listFlags[name], Path: pathFlags[name]}
		switch f.(type) {
		case *cli.BoolFlag:
			cf.Kind = config.Bool
		case *cli.IntFlag:
			cf.Kind = config.Int
		}
		out = append(out, cf)
	}
	return out
}
