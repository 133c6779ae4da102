package export

// Default limits. An XLSX is a zip archive that excelize inflates in memory
// (or, past UnzipXMLSizeLimit, in temporary files): the limits bound what a
// hostile archive — a zip bomb — can make us allocate. A sheet takes about
// 770 bytes of XML per export row, so the defaults accept workbooks of about
// 300,000 rows; larger exports come as CSV (streamed, no limit) or need
// higher limits.
const (
	DefaultMaxBytes          = 64 << 20  // compressed XLSX size read into memory
	DefaultUnzipSizeLimit    = 256 << 20 // total inflated size of all parts
	DefaultUnzipXMLSizeLimit = 16 << 20  // a sheet larger than this is inflated to a temp file
	DefaultMaxRowErrors      = 1000      // row errors kept in Summary (all are counted)
	DefaultMaxRecordBytes    = 1 << 20   // one CSV record (an unclosed quote runs to the end)
	headerScanRows           = 10        // the header row is looked for in the first rows
)

// Options bound the resources spent on one export. The zero value means the
// defaults above.
type Options struct {
	// MaxBytes is the largest XLSX file accepted (it is read into memory).
	MaxBytes int64
	// UnzipSizeLimit and UnzipXMLSizeLimit are passed to excelize.
	UnzipSizeLimit    int64
	UnzipXMLSizeLimit int64
	// TmpDir is where excelize inflates large sheets ("" = os.TempDir()).
	TmpDir string
	// MaxRowErrors is how many row errors Summary keeps.
	MaxRowErrors int
	// MaxRecordBytes bounds one CSV record.
	MaxRecordBytes int64
	// Transient says the caller keeps no row once its callback returns (a
	// streamed reconciliation copies the little it keeps). Rows' strings
	// are then neither interned nor packed into one allocation, which is
	// only worth its cost, about a third of reading a row, for rows kept:
	// they may share memory with the whole line they were read from.
	Transient bool
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UnzipSizeLimit <= 0 {
		o.UnzipSizeLimit = DefaultUnzipSizeLimit
	}
	if o.UnzipXMLSizeLimit <= 0 {
		o.UnzipXMLSizeLimit = DefaultUnzipXMLSizeLimit
	}
	if o.UnzipXMLSizeLimit > o.UnzipSizeLimit {
		o.UnzipXMLSizeLimit = o.UnzipSizeLimit
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if o.MaxRowErrors <= 0 {
		o.MaxRowErrors = DefaultMaxRowErrors
	}
	return o
}

// Summary describes an export once read. Its JSON keys for file, format,
// encoding, delimiter and columns are those of the corpus' *.truth.json.
type Summary struct {
	File      string `json:"file"`
	Format    string `json:"format"`    // "csv" or "xlsx"
	Encoding  string `json:"encoding"`  // "utf-8 (BOM)", "utf-8", "windows-1252"; "" for xlsx
	Delimiter string `json:"delimiter"` // ";", "," or "\t"; "" for xlsx
	Sheet     string `json:"sheet,omitempty"`
	// HeaderLine is the 1-based line (CSV) or row (XLSX) of the header.
	HeaderLine int `json:"header_line"`
	// Columns are the header cells as written (trimmed).
	Columns []string `json:"columns"`
	// Missing lists the optional columns (canonical French names) not found.
	Missing []string `json:"missing,omitempty"`
	// Rows is the number of rows passed to the callback.
	Rows int `json:"rows"`
	// RowErrors are the first Options.MaxRowErrors skipped rows; RowErrorCount
	// counts them all.
	RowErrors     []RowError `json:"row_errors"`
	RowErrorCount int        `json:"row_error_count"`
	// Warnings are rows kept with a value dropped (a SIRET that is not 14
	// digits is emptied, so that the row is matched by Organisme), capped
	// like RowErrors.
	Warnings []RowError `json:"warnings"`
}

func (s *Summary) addWarning(e RowError, max int) {
	if len(s.Warnings) < max {
		s.Warnings = append(s.Warnings, e)
	}
}

func (s *Summary) addRowError(e RowError, max int) {
	s.RowErrorCount++
	if len(s.RowErrors) < max {
		s.RowErrors = append(s.RowErrors, e)
	}
}
