package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/urfave/cli/v2"
)

// watchStateName, in the output folder, records the contents (SHA-256) of
// each input already analyzed, so a restarted watcher skips them.
const watchStateName = ".offerbook-watch.json"

// defaultSettle is how long a dropped file must stay unchanged (size and
// modification time) before it is analyzed: a file still being copied or
// saved in pieces is not read half-way.
const defaultSettle = 2 * time.Second

// watchCommand is `offerbook watch IN_DIR --out-dir OUT_DIR`: a drop folder.
func watchCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range analyzeFlags() {
		switch f.Names()[0] {
		case "output", "split-by", "strict":
			continue // one workbook per input, named after it
		}
		flags = append(flags, f)
	}
	flags = append(flags,
		&cli.DurationFlag{Name: "poll", Usage: "look for changes every `INTERVAL` (such as 5s) instead of waiting for file-system events: for network drives, where events do not arrive"},
		&cli.DurationFlag{Name: "settle", Value: defaultSettle, Usage: "analyze a file once it has not changed for `DURATION`"},
	)
	return &cli.Command{
		Name:      "watch",
		Usage:     "analyze each CSV or XLSX file dropped into a folder, into another folder, until stopped",
		ArgsUsage: "IN_DIR --out-dir OUT_DIR",
		Description: "Each new or changed CSV/XLSX file in IN_DIR, once it has stopped changing, is analyzed into\n" +
			"OUT_DIR as NAME.xlsx (and NAME.results.csv / NAME.results.json with --format), with its rejected\n" +
			"rows in NAME.errors.csv. A file that cannot be read gets NAME.errors.csv and the watch goes on.\n" +
			"Files already analyzed with the same contents are skipped, also after a restart.\n" +
			"Two inputs with one NAME (acme.csv and acme.xlsx) get outputs named after the whole file name\n" +
			"(acme.csv.xlsx, acme.xlsx.xlsx), so neither replaces the other's.\n" +
			"Stop with Ctrl-C or SIGTERM.",
		Flags:  flags,
		Action: watchAction,
	}
}

// dropFolder is one running watch.
type dropFolder struct {
	c      *cli.Context
	opts   analyzer.Options
	in     string
	out    string
	fmts   map[string]bool
	settle time.Duration
	log    *runLog
	state  map[string]string // input name → SHA-256 of the contents analyzed
	// seen is each input's size and modification time when last looked at.
	seen map[string]fileStamp
	// pending are inputs that changed, with when they last changed.
	pending map[string]time.Time
}

// fileStamp is what tells a file changed without reading it.
type fileStamp struct {
	size int64
	mod  time.Time
}

func watchAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("watch needs one IN_DIR, the folder to watch (got %d arguments)", c.NArg())
	}
	in := c.Args().First()
	if st, err := os.Stat(in); err != nil || !st.IsDir() {
		return usagef("watch %s: not a folder", in)
	}
	out := c.String("out-dir")
	if samePath(in, out) {
		return usagef("--out-dir %s is the watched folder: choose another, or every output would be read back as an input", out)
	}
	fmts, err := parseFormats(c.String("format"))
	if err != nil {
		return err
	}
	opts, err := optionsFromFlags(c)
	if err != nil {
		return err
	}
	if err := loadMarket(c.Context, c, &opts); err != nil {
		return err
	}
	settle := c.Duration("settle")
	if settle <= 0 {
		return usagef("--settle %s: want a duration above zero, such as 2s", settle)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w", out, err)
	}
	d := &dropFolder{c: c, opts: opts, in: in, out: out, fmts: fmts, settle: settle, log: logFor(c),
		seen: map[string]fileStamp{}, pending: map[string]time.Time{}}
	if d.state, err = loadWatchState(out); err != nil {
		return err
	}
	return d.run(c.Context, c.Duration("poll"))
}

// parseFormats reads --format; at least one of xlsx, csv, json.
func parseFormats(s string) (map[string]bool, error) {
	formats := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "xlsx", "csv", "json":
			formats[f] = true
		case "":
		default:
			return nil, usagef("--format %q: want xlsx, csv and/or json", f)
		}
	}
	if len(formats) == 0 {
		return nil, usagef("--format: nothing to write")
	}
	return formats, nil
}

// run watches until ctx ends: file-system events, or a scan every poll.
func (d *dropFolder) run(ctx context.Context, poll time.Duration) error {
	var events chan fsnotify.Event
	var errs chan error
	if poll <= 0 {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			err = w.Add(d.in)
		}
		if err != nil {
			poll = 5 * time.Second
			d.log.warn("file-system events are not available here; looking for changes every 5s instead", "dir", d.in, "reason", err.Error())
			if w != nil {
				_ = w.Close()
			}
		} else {
			defer w.Close()
			events, errs = w.Events, w.Errors
		}
	}
	how := "file-system events"
	if poll > 0 {
		how = "a scan every " + poll.String()
	}
	d.log.info("watching for CSV and XLSX files", "dir", d.in, "out-dir", d.out, "by", how)
	d.scan() // the files already there
	var scan <-chan time.Time
	if poll > 0 {
		t := time.NewTicker(poll)
		defer t.Stop()
		scan = t.C
	}
	tick := time.NewTicker(max(d.settle/4, 50*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			d.log.info("stopped watching", "dir", d.in)
			return nil
		case ev := <-events:
			if ev.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Rename|fsnotify.Chmod) != 0 {
				d.look(filepath.Base(ev.Name))
			}
		case err := <-errs:
			d.log.warn("file-system events reported a problem; rescanning the folder", "dir", d.in, "reason", err.Error())
			d.scan()
		case <-scan:
			d.scan()
		case now := <-tick.C:
			if err := d.settleAndProcess(ctx, now); err != nil {
				return err
			}
		}
	}
}

// isInput reports whether a name in the watched folder is an input:
// CSV or XLSX, not hidden, not an office lock file ("~$book.xlsx").
func isInput(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".xlsx", ".xlsm":
		return true
	}
	return false
}

// scan looks at every input of the folder.
func (d *dropFolder) scan() {
	entries, err := os.ReadDir(d.in)
	if err != nil {
		d.log.warn("cannot list the watched folder", "dir", d.in, "reason", err.Error())
		return
	}
	for _, e := range entries {
		if !e.IsDir() {
			d.look(e.Name())
		}
	}
}

// look notes a file that may have changed: it becomes pending when its
// size or modification time differs from the last look.
func (d *dropFolder) look(name string) {
	if !isInput(name) {
		return
	}
	st, err := os.Stat(filepath.Join(d.in, name))
	if err != nil || !st.Mode().IsRegular() {
		delete(d.pending, name)
		return
	}
	stamp := fileStamp{st.Size(), st.ModTime()}
	if old, ok := d.seen[name]; ok && old == stamp {
		return
	}
	d.seen[name] = stamp
	d.pending[name] = time.Now()
}

// settleAndProcess analyzes, in name order, each pending file that has not
// changed for the settle time.
func (d *dropFolder) settleAndProcess(ctx context.Context, now time.Time) error {
	var ready []string
	for name, since := range d.pending {
		d.look(name) // a change restarts its clock
		if s, ok := d.pending[name]; ok && s.Equal(since) && now.Sub(since) >= d.settle {
			ready = append(ready, name)
		}
	}
	sort.Strings(ready)
	for _, name := range ready {
		if ctx.Err() != nil {
			return nil
		}
		delete(d.pending, name)
		if err := d.process(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

// process analyzes one settled input unless its contents were analyzed
// before. Only a stop (ctx ended) or a broken output folder ends the watch;
// a file that cannot be read gets NAME.errors.csv.
func (d *dropFolder) process(ctx context.Context, name string) error {
	path := filepath.Join(d.in, name)
	sum, err := hashFile(path)
	if err != nil {
		d.log.warn("cannot read a dropped file; it will be tried again when it changes", "file", path, "reason", err.Error())
		return nil
	}
	if d.state[name] == sum {
		d.log.info("skipped: analyzed before with the same contents", "file", path)
		return nil
	}
	stem := d.outputStem(name)
	outs := outputPaths{dir: d.out, noWait: d.c.Bool("no-wait"), log: d.log, errorsOnFailure: true,
		errors: filepath.Join(d.out, stem+".errors.csv")}
	if d.fmts["xlsx"] {
		outs.workbook = filepath.Join(d.out, stem+".xlsx")
	}
	if d.fmts["csv"] {
		outs.results = filepath.Join(d.out, stem+".results.csv")
	}
	if d.fmts["json"] {
		outs.resultsJSON = filepath.Join(d.out, stem+".results.json")
	}
	err = analyzeInto(ctx, d.c, d.opts, []string{path}, outs)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return nil // stopped before its outputs were in place: analyzed again on the next start
	case errors.Is(err, errNothingReadable):
		d.log.warn("not a table of offers; its errors are in "+outs.errors, "file", path)
	case errors.As(err, new(usageError)) || errors.Is(err, errLocked):
		return err
	case err != nil:
		// Unreadable in a way the importer could not place on a row (not a
		// workbook at all, a broken zip): record it in NAME.errors.csv.
		d.log.warn("cannot analyze a dropped file; its errors are in "+outs.errors, "reason", err.Error())
		reason := err.Error()
		for strings.HasPrefix(reason, path+": ") {
			reason = strings.TrimPrefix(reason, path+": ")
		}
		run := &exporters.Run{Rejected: []analyzer.Rejection{{File: path, Reason: reason}}}
		if _, werr := writeOutputs(ctx, outputPaths{errors: outs.errors, dir: d.out, noWait: outs.noWait, log: d.log}, run); werr != nil {
			if ctx.Err() != nil {
				return nil
			}
			return werr
		}
	}
	d.state[name] = sum
	return saveWatchState(d.out, d.state)
}

// outputStem is the name an input's outputs start with: the input's name
// without its extension ("acme" for acme.csv), or, when another input of the
// folder (there now, or analyzed before) has the same stem in any case, the
// whole input name ("acme.csv" and "acme.xlsx" give acme.csv.xlsx and
// acme.xlsx.xlsx), so two clients' inputs never share outputs. An input
// analyzed alone keeps its short name for as long as it is not changed.
func (d *dropFolder) outputStem(name string) string {
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	clash := func(other string) bool {
		if other == name || !isInput(other) {
			return false
		}
		// acme.xlsx beside acme.csv; or acme.csv beside acme.csv.csv, whose
		// own long name would be acme.csv's short one.
		return strings.EqualFold(strings.TrimSuffix(other, filepath.Ext(other)), stem) || strings.EqualFold(other, stem)
	}
	for other := range d.state {
		if clash(other) {
			return name
		}
	}
	if entries, err := os.ReadDir(d.in); err == nil {
		for _, e := range entries {
			if clash(e.Name()) {
				return name
			}
		}
	}
	return stem
}

// hashFile is the SHA-256 of a file's contents.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// loadWatchState reads which contents were analyzed already.
func loadWatchState(out string) (map[string]string, error) {
	state := map[string]string{}
	b, err := os.ReadFile(filepath.Join(out, watchStateName))
	if errors.Is(err, os.ErrNotExist) {
		return state, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &state); err != nil {
		// A damaged record only costs analyzing the files again.
		return map[string]string{}, nil
	}
	return state, nil
}

// saveWatchState records the analyzed contents, atomically.
func saveWatchState(out string, state map[string]string) error {
	return writeJSONSynced(filepath.Join(out, watchStateName), state)
}
