// Package tables reads the tables a run analyses against (market bands,
// AI/ML premiums, level equivalences, company differentials, the
// negotiation playbook, the tax tables) into analyzer.Options: from the
// files a user names, or the built-in ones. Errors name each file by the
// flag that gives it (--bands, --premiums, --levels, --differentials,
// --playbook, --tax).
package tables

import (
	"context"
	"fmt"
	"slices"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
)

// MarketFiles name the market files to read instead of the built-in
// tables; a blank one means built in.
type MarketFiles struct {
	Bands, Premiums, Levels, Differentials, Playbook string
}

// BadRowsError is a table file with rows that could not be read: the run
// stops, since half a table would misplace offers silently, and the rows
// are for the user to see.
type BadRowsError struct {
	Rows []*importers.RowError
	msg  string
}

func (e *BadRowsError) Error() string { return e.msg }

// Market fills the bands, premiums, levels, differentials and playbook of
// opts, with the source each came from.
func Market(ctx context.Context, f MarketFiles, opts *analyzer.Options) error {
	bands, source, err := read(ctx, "bands", f.Bands, false, importers.ReadBands, importers.DefaultBands, importers.DefaultBandSource)
	if err != nil {
		return err
	}
	if opts.Bands, err = analyzer.NewBandTable(bands); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	opts.BandSource = source
	if opts.Premiums, _, err = read(ctx, "premiums", f.Premiums, false, importers.ReadPremiums, importers.DefaultPremiums, ""); err != nil {
		return err
	}
	levels, source, err := read(ctx, "levels", f.Levels, true, importers.ReadLevels, importers.DefaultLevels, importers.DefaultLevelSource)
	if err != nil {
		return err
	}
	if opts.Levels, err = analyzer.NewLevelTable(levels); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	opts.LevelSource = source
	diffs, source, err := read(ctx, "differentials", f.Differentials, true, importers.ReadDifferentials, importers.DefaultDifferentials, importers.DefaultDifferentialSource)
	if err != nil {
		return err
	}
	if opts.Differentials, err = analyzer.NewDifferentialTable(diffs); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	opts.DifferentialSource = source
	if f.Playbook != "" {
		if opts.Playbook, err = importers.ReadPlaybook(f.Playbook); err != nil {
			return fmt.Errorf("--playbook: %w", err)
		}
	}
	return nil
}

// read reads the market file path, given by --flag, or, when path is
// blank, the built-in table from builtIn; it returns the rows and their
// source. A file's own error names the file unless namePath (then the
// message does).
func read[T any](ctx context.Context, flag, path string, namePath bool,
	readFile func(context.Context, string, importers.Options) ([]T, []*importers.RowError, error),
	builtIn func() ([]T, error), builtInSource string) ([]T, string, error) {
	if path == "" {
		rows, err := builtIn()
		return rows, builtInSource, err
	}
	rows, bad, err := readFile(ctx, path, importers.Options{})
	switch {
	case err != nil && namePath:
		return nil, "", fmt.Errorf("--%s %s: %w", flag, path, err)
	case err != nil:
		return nil, "", fmt.Errorf("--%s: %w", flag, err)
	case len(bad) > 0:
		return nil, "", &BadRowsError{Rows: bad, msg: fmt.Sprintf("--%s: bad rows in the market data: %s (listed above)", flag, rowCount(len(bad)))}
	}
	return rows, path, nil
}

// Tax fills the tax tables of opts, from the --tax file path or, when it
// is blank, the built-in 2026 tables.
func Tax(ctx context.Context, path string, opts *analyzer.Options) error {
	if path == "" {
		var err error
		opts.Tax, err = importers.DefaultTax()
		opts.TaxSource = importers.DefaultTaxSource
		return err
	}
	tax, bad, err := importers.ReadTax(ctx, path, importers.Options{})
	if err != nil {
		return fmt.Errorf("--tax %s: %w", path, err)
	}
	if len(bad) > 0 {
		return &BadRowsError{Rows: bad, msg: fmt.Sprintf("--tax %s: %d bad rows in the tax tables (listed above); nothing was analyzed", path, len(bad))}
	}
	opts.Tax, opts.TaxSource = tax, path
	return nil
}

// rowCount is "1 row" or "N rows".
func rowCount(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// BuiltInBandLevels lists the levels the built-in market bands cover, for
// the input template to mark; a band row with no level covers them all.
func BuiltInBandLevels() ([]string, error) {
	bands, err := importers.DefaultBands()
	if err != nil {
		return nil, err
	}
	var levels []string
	for _, b := range bands {
		if b.Key.Level == "" {
			return exporters.TemplateLevels, nil
		}
		if !slices.Contains(levels, b.Key.Level) {
			levels = append(levels, b.Key.Level)
		}
	}
	return levels, nil
}
