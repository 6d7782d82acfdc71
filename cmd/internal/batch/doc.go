// Package batch is one run of offerbook, from input paths to a committed
// output set. Run reads every input (importers), analyses the offers on
// every core (analyzer), keeps what the batch-wide sheets need, and writes
// the workbook and the results files (exporters) into the output folder as
// one set: the folder locked while the set is written, the set journalled
// and put in place together, a killed run's leftovers finished or removed
// by the next one.
//
// A run streams one way, each file using only those below it:
//
//	run.go      Run: lock the output folder, read, write, commit
//	read.go     each input's rows → offers (rounds of one offer folded
//	            together, rounds.go) or rejections, fed to the analysis
//	collect.go  each analysed offer filed as it arrives: counts, its peer
//	            group, its candidate's book, its compact record; then the
//	            batch-wide figures
//	split.go    --split-by: one workbook per candidate
//	set.go      the output set: temporaries, journal, renames, manifest,
//	            under the folder's lock (lock.go)
//	config.go   what a run is given and what it returns
//
// Nothing here reads flags or prints: the commands of cmd/offerbook turn
// their flags into one Config, and print the Summary Run returns.
package batch
