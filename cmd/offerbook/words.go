package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/offerbook/offerbook/importers"
)

// counted writes a count with its noun in the right number: "1 offer",
// "2 offers", "0 rows". many is the plural; empty means one + "s".
func counted(n int, one, many string) string {
	if many == "" {
		many = one + "s"
	}
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// noun picks the singular or the plural noun for a count.
func noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// workbookStem is the name the default workbook takes: the first input the
// user gave, not the first that sorts. A file gives its name without the
// extension; a folder its own name; a glob its first match. It falls back
// to the first expanded input.
func workbookStem(args, inputs []string) string {
	stem := func(p string) string { return strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)) }
	if len(args) > 0 {
		first := args[0]
		if info, err := os.Stat(first); err == nil {
			if info.IsDir() {
				if abs, err := filepath.Abs(first); err == nil && filepath.Base(abs) != string(filepath.Separator) {
					return filepath.Base(abs)
				}
			} else {
				return stem(first)
			}
		} else if matches, err := importers.Expand(args[:1]); err == nil && len(matches) > 0 {
			return stem(matches[0])
		}
	}
	return stem(inputs[0])
}

// earlierNote is the summary line's word on earlier rounds: " (3 earlier
// rounds)", "" for none.
func earlierNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " (1 earlier round)"
	}
	return " (" + strconv.Itoa(n) + " earlier rounds)"
}
