package exporters_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

// storeOf puts a run's analyses in a record store with the given budget,
// as analyze does, and returns a run that reads the store (details are the
// first analyses).
func storeOf(t *testing.T, run *exporters.Run, budget int64) *exporters.Run {
	t.Helper()
	s := exporters.NewRecords(budget, t.TempDir())
	t.Cleanup(func() { _ = s.Close() })
	peers := make([]analyzer.Fixed, len(run.Analyses))
	for i := range run.Analyses {
		if err := s.Add(analyzer.Reduce(&run.Analyses[i])); err != nil {
			t.Fatal(err)
		}
		peers[i] = analyzer.Blank
		if p := run.Analyses[i].Peer; p != nil {
			peers[i] = analyzer.FixedOf(p.Percentile, analyzer.PercentilePlaces)
		}
	}
	s.Place(peers, contextsOf(run))
	out := *run
	out.Analyses, out.Records = nil, s
	out.Details = run.Analyses[:min(len(run.Analyses), run.OfferSheets)]
	return &out
}

// withBook gives each offer of run its place among its candidate's offers
// (its decision and comparator), as analyze's candidate book does, on a
// copy of the offer.
func withBook(run *exporters.Run) {
	book := analyzer.NewCandidateBook()
	for i := range run.Analyses {
		o := *run.Analyses[i].Offer
		run.Analyses[i].Offer = &o
		book.Add(&run.Analyses[i])
	}
	book.Resolve(func(i int) analyzer.OfferLabel {
		r := analyzer.Reduce(&run.Analyses[i])
		return analyzer.LabelOf(&r)
	})
	for i := range run.Analyses {
		ctx := book.Context(i)
		run.Analyses[i].Offer.Context = &ctx
	}
}

// contextsOf gives record i the place its analysis has among its
// candidate's offers.
func contextsOf(run *exporters.Run) func(i int) analyzer.OfferContext {
	return func(i int) analyzer.OfferContext {
		if c := run.Analyses[i].Offer.Context; c != nil {
			return *c
		}
		return analyzer.OfferContext{}
	}
}

// placedLater is storeOf with the records' places and the details set on
// another goroutine a little after the writing starts, as analyze does
// while it works them out (Records.PlaceLater, Run.Ready).
func placedLater(t *testing.T, run *exporters.Run, budget int64) *exporters.Run {
	t.Helper()
	placed := storeOf(t, run, budget)
	s := exporters.NewRecords(budget, t.TempDir())
	t.Cleanup(func() { _ = s.Close() })
	for i := range run.Analyses {
		if err := s.Add(analyzer.Reduce(&run.Analyses[i])); err != nil {
			t.Fatal(err)
		}
	}
	s.PlaceLater()
	out := *placed
	out.Records, out.Details = s, nil
	ready := make(chan struct{})
	out.Ready = ready
	var r analyzer.Record
	peers := make([]analyzer.Fixed, s.Len())
	for i := range peers {
		if err := placed.Records.At(i, &r); err != nil {
			t.Fatal(err)
		}
		peers[i] = r.PeerPctl
	}
	details := placed.Details
	go func() {
		time.Sleep(20 * time.Millisecond)
		s.Place(peers, contextsOf(run))
		time.Sleep(20 * time.Millisecond)
		out.Details = details
		close(ready)
	}()
	t.Cleanup(func() { <-ready })
	return &out
}

// TestSpilledRecordsWriteTheSameOutputs writes one run five ways: from
// its analyses, from records in memory, from records nearly all spilled to
// disk, and from both while the records' places are still being worked
// out; the workbook dump, results.csv and results.json agree.
func TestSpilledRecordsWriteTheSameOutputs(t *testing.T) {
	base := marketBenchRun(t, 250)
	base.OfferSheets = 3
	base.RowsPerSheet = 101 // Summary and Levers continue on a second and third sheet
	withBook(base)          // decisions on the Candidates sheet and in results.json
	runs := map[string]*exporters.Run{
		"analyses":  base,
		"in memory": storeOf(t, base, -1),
		"spilled":   storeOf(t, base, 1),
		// Written while the places are still being worked out.
		"placed later":          placedLater(t, base, -1),
		"placed later, spilled": placedLater(t, base, 1),
	}
	if got := runs["spilled"].Records.Spilled(); got != 249 {
		t.Fatalf("spilled %d records, want 249 (all but the first)", got)
	}
	outputs := func(run *exporters.Run) (string, string, string) {
		var book, csv, json bytes.Buffer
		if err := exporters.WriteWorkbook(&book, run); err != nil {
			t.Fatal(err)
		}
		dump, err := exporters.DumpWorkbook(bytes.NewReader(book.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := exporters.WriteResultsCSV(&csv, run); err != nil {
			t.Fatal(err)
		}
		if err := exporters.WriteResultsJSON(&json, run); err != nil {
			t.Fatal(err)
		}
		return dump, csv.String(), json.String()
	}
	wantDump, wantCSV, wantJSON := outputs(base)
	if !strings.Contains(wantDump, "Summary (3)") {
		t.Fatal("the run's Summary does not continue on a third sheet")
	}
	if !strings.Contains(wantDump, " more than ") {
		t.Fatal("the Candidates sheet has no decision line")
	}
	for _, name := range []string{"in memory", "spilled", "placed later", "placed later, spilled"} {
		t.Run(name, func(t *testing.T) {
			dump, csv, json := outputs(runs[name])
			if dump != wantDump {
				t.Error("workbook dump differs from the one written from analyses")
			}
			if csv != wantCSV {
				t.Error("results.csv differs from the one written from analyses")
			}
			if json != wantJSON {
				t.Error("results.json differs from the one written from analyses")
			}
		})
	}
}

// TestRecordsRoundTrip reads back every record of a store, in order and by
// index, equal to the one added: all spilled, all in memory over several
// 1 MB chunks, and in memory past a chunk boundary then spilled.
func TestRecordsRoundTrip(t *testing.T) {
	run := marketBenchRun(t, 50)
	const n = 5000 // about 1.5 MB of records: more than one chunk
	for _, tc := range []struct {
		name        string
		budget      int64
		wantSpilled bool
	}{
		{"spilled", 1, true},
		{"in memory", -1, false},
		{"in memory, then spilled", 1<<20 + 1<<18, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := exporters.NewRecords(tc.budget, t.TempDir())
			defer func() { _ = s.Close() }()
			var want []analyzer.Record
			for i := range n {
				a := &run.Analyses[i%len(run.Analyses)]
				r := analyzer.Reduce(a)
				r.Note = ""                     // notes are kept beside the records
				r.Book = analyzer.BookFigures{} // filed in the candidate book, not stored
				want = append(want, r)
				if err := s.Add(analyzer.Reduce(a)); err != nil {
					t.Fatal(err)
				}
			}
			if spilled := s.Spilled(); (spilled > 0) != tc.wantSpilled || spilled == n && tc.budget != 1 {
				t.Fatalf("spilled %d of %d records", spilled, n)
			}
			check := func(i int, got analyzer.Record) {
				got.Note = ""
				if !reflect.DeepEqual(got, want[i]) {
					t.Fatalf("record %d:\n got %+v\nwant %+v", i, got, want[i])
				}
			}
			seen := 0
			if err := s.Each(func(i int, r *analyzer.Record) error { check(i, *r); seen++; return nil }); err != nil {
				t.Fatal(err)
			}
			if seen != n {
				t.Fatalf("Each saw %d records, want %d", seen, n)
			}
			// By index: far apart, then runs forward and backward (read from
			// the windows of the spill file At keeps), then scattered.
			order := []int{n - 1, 0, 17, 1, 3333, 4001}
			for i := 2000; i < 2600; i++ {
				order = append(order, i)
			}
			for i := 4999; i > 4400; i-- {
				order = append(order, i)
			}
			for k := range 500 {
				order = append(order, k*7919%n)
			}
			for _, i := range order {
				var r analyzer.Record
				if err := s.At(i, &r); err != nil {
					t.Fatal(err)
				}
				check(i, r)
			}
		})
	}
}

// TestRecordsWithoutDrafts: a reader that writes no email gets every field
// but the email draft's texts, which Each and At give whole, in memory and
// spilled; the fields after them still read right.
func TestRecordsWithoutDrafts(t *testing.T) {
	rec := analyzer.Record{ID: "A-1", Candidate: "Ana", Company: "Amazon", Level: "L6", HasDraft: true,
		DraftRole: "SDE", DraftAsks: "- RSU grant: $390,000 instead of $300,000", DraftSingle: "raise the RSU grant to $390,000",
		DraftMovement: "up $10,000", DraftPackage: "Base $180,000\nRSU $300,000", DraftMovementTotal: 1_000_000, DraftNewAverage: 33_000_000}
	for _, budget := range []int64{-1, 1} {
		s := exporters.NewRecords(budget, t.TempDir())
		for range 3 {
			if err := s.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		without := rec
		without.DraftAsks, without.DraftSingle, without.DraftMovement, without.DraftPackage = "", "", "", ""
		check := func(how string, got analyzer.Record, want analyzer.Record) {
			got.PeerPctl, want.PeerPctl = 0, 0
			if !reflect.DeepEqual(got, want) {
				t.Errorf("budget %d, %s:\n got %+v\nwant %+v", budget, how, got, want)
			}
		}
		_ = s.Each(func(_ int, r *analyzer.Record) error { check("Each", *r, rec); return nil })
		_ = s.EachWithoutDrafts(func(_ int, r *analyzer.Record) error { check("EachWithoutDrafts", *r, without); return nil })
		_ = s.EachUnplaced(func(_ int, r *analyzer.Record) error { check("EachUnplaced", *r, without); return nil })
		var r analyzer.Record
		if err := s.At(2, &r); err != nil {
			t.Fatal(err)
		}
		check("At", r, rec)
		if err := s.AtWithoutDrafts(2, &r); err != nil {
			t.Fatal(err)
		}
		check("AtWithoutDrafts", r, without)
		if d := rec.Draft(); d == nil || len(d.Asks) != 1 {
			t.Errorf("the full record's draft: %+v", d)
		}
		_ = s.Close()
	}
}
