package batch

import (
	"fmt"
	"sort"

	"github.com/offerbook/offerbook/analyzer"
)

// roundGroups gathers the rows of one input file that give a round, so
// that rows sharing an id become one offer with its history: the highest
// round is the offer analyzed, the earlier ones its Earlier rounds. Rows
// without a round stream on at once; rows with one wait for the end of
// their file (a file of negotiation rounds is a candidate's few offers).
type roundGroups struct {
	byID  map[string][]*analyzer.Offer
	order []string
}

// hold keeps o when it gives a round and reports whether it did.
func (g *roundGroups) hold(o *analyzer.Offer) bool {
	if o.Round == 0 {
		return false
	}
	if g.byID == nil {
		g.byID = map[string][]*analyzer.Offer{}
	}
	if _, ok := g.byID[o.ID]; !ok {
		g.order = append(g.order, o.ID)
	}
	g.byID[o.ID] = append(g.byID[o.ID], o)
	return true
}

// flush emits one offer per id held, in the order the ids first appeared,
// with its earlier rounds attached, and rejects a second row of the same id
// and round. It returns how many earlier-round rows were folded in.
func (g *roundGroups) flush(emit func(*analyzer.Offer), reject func(analyzer.Rejection)) (earlier int) {
	for _, id := range g.order {
		rows := g.byID[id]
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Round < rows[j].Round })
		kept := rows[:0:0]
		for _, o := range rows {
			if n := len(kept); n > 0 && kept[n-1].Round == o.Round {
				first := kept[n-1]
				reject(analyzer.Rejection{File: o.Source.File, Sheet: o.Source.Sheet, Row: o.Source.Row, Column: "id",
					Value: o.ID, Candidate: o.Candidate,
					Reason: fmt.Sprintf("duplicate id %q: row %d already gives round %d of this offer (give each row of an offer's history its own round)",
						o.ID, first.Source.Row, o.Round)})
				continue
			}
			kept = append(kept, o)
		}
		last := kept[len(kept)-1]
		for _, o := range kept[:len(kept)-1] {
			last.Earlier = append(last.Earlier, *o)
		}
		earlier += len(kept) - 1
		emit(last)
	}
	g.byID, g.order = nil, nil
	return earlier
}
