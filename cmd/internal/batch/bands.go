package batch

import (
	"context"
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

// BandSummary is what BandsFrom read and built.
type BandSummary struct {
	Bands []analyzer.Band
	// Offers counts the offers read; Groups the groups (company, track,
	// level, location) they fell in; Skipped the groups too small to give
	// a band.
	Offers, Groups, Skipped int
	// Rejected are the rows left out, in file and row order.
	Rejected []analyzer.Rejection
}

// BandsFrom builds market bands from offer files (bands --from): it streams
// every offer through an analyzer.BandBuilder, which keeps each group's
// figures, not the offers, so a million offers fit in bounded memory. A
// group of at least minGroup offers gives a band per component, its source
// named source.
func BandsFrom(ctx context.Context, opts analyzer.Options, inputs []string, minGroup int, source string) (BandSummary, error) {
	var s BandSummary
	b, err := analyzer.NewBandBuilder(opts)
	if err != nil {
		return s, err
	}
	for _, path := range inputs {
		reader, err := importers.ForPath(path, importers.Options{})
		if err != nil {
			return s, err
		}
		_, err = reader.Read(ctx, func(o *analyzer.Offer) error {
			if err := b.Add(o); err != nil {
				s.Rejected = append(s.Rejected, engineRejection(analyzer.Failure{Offer: o, Err: err}))
			}
			return nil
		}, func(e *importers.RowError) { s.Rejected = append(s.Rejected, e.Rejection()) })
		if err != nil {
			return s, fmt.Errorf("%s: %w", path, err)
		}
	}
	s.Bands, s.Skipped = b.Bands(minGroup, source)
	s.Offers, s.Groups = b.Offers(), b.Groups()
	return s, nil
}
