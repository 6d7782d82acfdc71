package ooxml

import (
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchNotes writes a workbook of one streamed sheet with n flag notes in
// one column, as Summary has them, the notes added by add.
func benchNotes(b *testing.B, n int, add func(f *excelize.File, sheet string, notes []excelize.Comment) (*Notes, error)) {
	notes := make([]excelize.Comment, n)
	for i := range notes {
		notes[i] = excelize.Comment{Author: "offerbook", Cell: fmt.Sprintf("BA%d", i+2), Width: 360, Height: 80,
			Text: fmt.Sprintf("FAR_BELOW_MARKET (error): offer %d is 31%% under the band's minimum\nNO_VESTING (warning): no schedule", i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		if err := sw.SetColWidth(53, 53, 30); err != nil {
			b.Fatal(err)
		}
		var all []*Notes
		nt, err := add(f, "Sheet1", notes)
		if err != nil {
			b.Fatal(err)
		}
		if nt != nil {
			all = append(all, nt)
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := Write(io.Discard, f, Options{TmpDir: b.TempDir(), Notes: all}); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
	}
}

// BenchmarkNotes10k writes 10,000 notes (MaxFlagNotes) through Notes.
func BenchmarkNotes10k(b *testing.B) { benchNotes(b, 10_000, byNotes) }

// BenchmarkNotes10kAddComment writes the same notes through excelize's
// AddComment, whose cost per note grows with the notes before it.
func BenchmarkNotes10kAddComment(b *testing.B) { benchNotes(b, 10_000, byExcelize) }
