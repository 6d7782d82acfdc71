// Package ooxml is offerbook's Office Open XML engine: what it writes of an
// .xlsx package besides what excelize writes, and how the package is saved.
//
//   - Write saves an excelize workbook in one compression pass on all
//     cores, its parts in a fixed order with fixed timestamps, so the same
//     workbook gives the same bytes; on the way it fixes the two things
//     some readers refuse in excelize's XML (compat.go) and splices in the
//     rows and defined names below.
//   - Rows encodes a streamed sheet's rows byte for byte as excelize's
//     StreamWriter would, at a fraction of the cost; Write splices them into
//     the sheet.
//   - DefinedName appends sheet-scoped names (print areas) without
//     excelize's cost per name.
//   - Notes writes a sheet's cell notes as excelize's AddComment does,
//     without its cost per note, which grows with the notes before it.
//   - AddPivotTable and FinishPivot give a pivot table over a streamed
//     sheet complete, consistent parts.
//
// It knows nothing of offers: the sheets people read are written by package
// exporters on top of it.
package ooxml
