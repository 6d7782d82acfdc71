package exporters

import "io"

// compatPart returns the writer a workbook part named name is written
// through on its way into the package; w receives the part's final bytes.
// This is the identity version: it returns w unchanged. The reader-compat
// version (issue 11) rewrites docProps/core.xml and the sheet XML so that
// ExcelJS can read the workbook. If the writer it returns is also an
// io.Closer, the package writer closes it when the part ends, before the
// part is compressed and counted, so a transform may hold bytes back.
func compatPart(name string, w io.Writer) io.Writer {
	return w
}
