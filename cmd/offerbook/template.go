package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/offerbook/offerbook/cmd/internal/tables"
	"github.com/offerbook/offerbook/exporters"
	"github.com/urfave/cli/v2"
)

// defaultTemplatePath is where template writes without -o.
const defaultTemplatePath = "offers-template.xlsx"

// templateCommand is `offerbook template`: it writes a blank input workbook
// with every column, notes, drop-down lists and an example row (see
// "Columns and defaults" in docs/METHOD.md).
func templateCommand() *cli.Command {
	return &cli.Command{
		Name:      "template",
		Usage:     "write a blank input workbook (columns, notes, drop-down lists, an example row)",
		ArgsUsage: " ",
		Description: "Fill in one row per offer (delete the example row), then run\n" +
			"offerbook analyze FILE.xlsx. Required columns have a dark header; each header's note\n" +
			"says what the column means and which forms it accepts.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: defaultTemplatePath, Usage: "write to `FILE.xlsx`"},
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "overwrite the output file if it exists"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("template takes no arguments (got %q); use -o FILE.xlsx", c.Args().First())
			}
			path := c.String("output")
			if path == "" || path == "-" {
				return usagef("-o: want a file name ending in .xlsx")
			}
			if _, err := os.Stat(path); err == nil {
				if !c.Bool("force") {
					return fmt.Errorf("%s already exists; use --force to overwrite it", path)
				}
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			levels, err := tables.BuiltInBandLevels()
			if err != nil {
				return err
			}
			if err := exporters.WriteFileAtomic(path, exporters.TemplateWithBands(levels)); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "offerbook: wrote the input template to %s; fill in one row per offer, then run: offerbook analyze %s\n", path, path)
			return nil
		},
	}
}
