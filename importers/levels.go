package importers

import (
	"bytes"
	"context"
	_ "embed"
	"io"

	"github.com/offerbook/offerbook/analyzer"
)

// DefaultLevelSource names the built-in level equivalences in reports;
// each row names the document it comes from.
const DefaultLevelSource = "built-in level equivalences (each row names its source)"

//go:embed defaults/level-equivalence.csv
var levelsCSV []byte

// defaultLevelsName is the file name positions in the built-in levels use.
const defaultLevelsName = "level-equivalence.csv"

// Level file columns (see "Levels" in docs/METHOD.md).
const (
	levelSource = iota
	levelTrack
	levelCompany
	levelCompanyLevel
	levelLevel
)

// levelTable describes a level-equivalence file: the columns of
// level-equivalence.csv.
var levelTable = newStrictTableSpec("source, track, company, company_level, level", []tableColumn{
	levelSource:       {name: "source", aliases: sourceAliases},
	levelTrack:        {name: colTrack, aliases: columnAliases[colTrack], required: true},
	levelCompany:      {name: colCompany, aliases: []string{"employer", "companyname"}, required: true},
	levelCompanyLevel: {name: "company_level", aliases: []string{"theirlevel", "companytitle", "externallevel", "otherlevel"}, required: true},
	levelLevel:        {name: colLevel, aliases: []string{"amazonlevel", "bandlevel", "mappedlevel", "equivalentlevel", "amazon"}, required: true},
})

// DefaultLevels returns the built-in level equivalences (see "Levels" in docs/METHOD.md), the
// embedded copy of the project's level-equivalence.csv, in file order.
// Every call returns a new slice.
func DefaultLevels() ([]analyzer.LevelEquivalence, error) {
	levels, rerrs, err := ReadLevelsCSV(context.Background(), bytes.NewReader(levelsCSV), defaultLevelsName)
	if err != nil {
		return nil, err
	}
	if len(rerrs) > 0 {
		return nil, joinRowErrors(rerrs)
	}
	return levels, nil
}

// ReadLevels reads a level-equivalence file, CSV or XLSX as ReadBands
// does, in the columns of the built-in table: source, track, company,
// company_level, level. Every column but source is required, as is a value
// in each; track and level go through analyzer's alias tables (PM and TPM
// rows are allowed, though offers of those tracks use the SDE rows). Each
// bad row gives a *RowError and the good rows are returned all the same.
func ReadLevels(ctx context.Context, path string, opts Options) ([]analyzer.LevelEquivalence, []*RowError, error) {
	var c levelConverter
	rerrs, err := readTableFile(ctx, path, opts, levelTable, c.convert)
	return c.levels, rerrs, err
}

// ReadLevelsCSV reads level equivalences from CSV text; name is the file
// name used in positions and as the source of rows without one.
func ReadLevelsCSV(ctx context.Context, r io.Reader, name string) ([]analyzer.LevelEquivalence, []*RowError, error) {
	var c levelConverter
	rerrs, err := readTableCSV(ctx, r, name, levelTable, c.convert)
	return c.levels, rerrs, err
}

// levelConverter collects the level equivalences of one file.
type levelConverter struct{ levels []analyzer.LevelEquivalence }

func (c *levelConverter) convert(r *tableRow) *RowError {
	for _, i := range []int{levelTrack, levelCompany, levelCompanyLevel, levelLevel} {
		if r.text(i) == "" {
			return r.fail(i, ErrMissingValue)
		}
	}
	c.levels = append(c.levels, analyzer.LevelEquivalence{
		Track:        analyzer.CanonicalTrack(r.text(levelTrack)),
		Company:      r.text(levelCompany),
		CompanyLevel: r.text(levelCompanyLevel),
		Level:        analyzer.CanonicalLevel(r.text(levelLevel)),
		Source:       r.source(levelSource),
	})
	return nil
}
