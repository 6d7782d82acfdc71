package analyzer

import (
	"errors"
	"fmt"
)

// LevelEquivalence is one row of the level-equivalence table (see "Levels" in docs/METHOD.md): a
// company's level on a track and the Amazon-ladder level the bands use for
// it, with the document it comes from.
type LevelEquivalence struct {
	Track        string
	Company      string
	CompanyLevel string
	Level        string
	Source       string
}

// ErrLevelRow means a level-equivalence row lacks a field it needs.
var ErrLevelRow = errors.New("a level-equivalence row needs a track, a company, the company's level and the Amazon-ladder level")

// Validate checks that every key field and the mapped level are given.
func (e LevelEquivalence) Validate() error {
	if e.Track == "" || e.Company == "" || e.CompanyLevel == "" || e.Level == "" {
		return ErrLevelRow
	}
	return nil
}

// String describes the mapping as "Google L5 → L6 band".
func (e LevelEquivalence) String() string {
	return fmt.Sprintf("%s %s → %s band", e.Company, e.CompanyLevel, e.Level)
}

// LevelTable maps levels at other companies to the Amazon ladder. A
// LevelTable is read-only after NewLevelTable and safe for concurrent use.
type LevelTable struct {
	rows []LevelEquivalence
	// index maps folded (track, company, level) to the winning row.
	index map[[3]string]int
}

// NewLevelTable checks the rows and returns a table of them; when two rows
// share a key the later one wins, so rows a user appends override.
func NewLevelTable(rows []LevelEquivalence) (*LevelTable, error) {
	t := &LevelTable{rows: rows, index: map[[3]string]int{}}
	for i, r := range rows {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("level row %d: %w", i+1, err)
		}
		t.index[levelKey(r.Track, r.Company, r.CompanyLevel)] = i
	}
	return t, nil
}

// Rows returns the table's rows in order.
func (t *LevelTable) Rows() []LevelEquivalence { return t.rows }

// levelTrack is the track whose rows a track uses: PM and TPM use the SDE
// rows (see "Levels" in docs/METHOD.md); a blank track is SDE, the offers' default.
func levelTrack(track string) string {
	switch c := CanonicalTrack(track); c {
	case "", "PM":
		return "SDE"
	default:
		return c
	}
}

func levelKey(track, company, level string) [3]string {
	return [3]string{fold(levelTrack(track)), fold(company), fold(CanonicalLevel(level))}
}

// Map returns the equivalence row for an offer's track, company and level;
// ok is false when the table has none (the offer's level is then looked up
// as it is). The ReferenceCompany's own levels are never mapped.
func (t *LevelTable) Map(track, company, level string) (LevelEquivalence, bool) {
	if t == nil || fold(company) == fold(ReferenceCompany) {
		return LevelEquivalence{}, false
	}
	i, ok := t.index[levelKey(track, company, level)]
	if !ok {
		return LevelEquivalence{}, false
	}
	return t.rows[i], true
}
