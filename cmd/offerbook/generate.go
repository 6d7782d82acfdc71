package main

import (
	"fmt"
	"io"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/urfave/cli/v2"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "write synthetic offers for trials and benchmarks",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "n", Usage: "how many `OFFERS`", Value: 1000},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE.csv` (default: standard output)"},
			&cli.Uint64Flag{Name: "seed", Usage: "random `SEED`; the same seed gives the same offers", Value: 1},
			&cli.BoolFlag{Name: "banded", Usage: "the harder batch: most offers fall in a market band and get a counter-offer"},
		},
		Action: func(c *cli.Context) error {
			n := c.Int("n")
			if n < 0 {
				return usagef("-n %d: want zero or more offers", n)
			}
			gen := analyzer.NewSyntheticWith(c.Uint64("seed"), analyzer.SyntheticOptions{Banded: c.Bool("banded")})
			write := func(w io.Writer) error {
				cw := exporters.NewOffersCSVWriter(w)
				for i := 0; i < n; i++ {
					if i%4096 == 0 {
						if err := c.Context.Err(); err != nil {
							return err
						}
					}
					o := gen.Next()
					if err := cw.Write(&o); err != nil {
						return err
					}
				}
				return cw.Flush()
			}
			path := c.String("output")
			if path == "" || path == "-" {
				return write(c.App.Writer)
			}
			if err := exporters.WriteFileAtomic(path, write); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "offerbook: wrote %s to %s\n", counted(n, "offer", ""), path)
			return nil
		},
	}
}
