package forms

// Kind is the kind of one block of a rendered document.
type Kind int

// The block kinds every renderer (PDF, HTML) knows.
const (
	KindPageBreak  Kind = iota // start a new page
	KindTitle                  // document title, centred, large
	KindCentered               // centred bold line (convention number, « Partenaires : »)
	KindHeading                // article heading
	KindSubheading             // sub-article heading
	KindParagraph              // running text
	KindBullet                 // first-level list item
	KindSubBullet              // second-level list item
	KindTOC                    // a table-of-contents line: Text and Page
	KindRight                  // a line of a right-aligned postal block
	KindTable                  // a table: Header, Rows, Widths (fractions of the text width)
	KindSignatures             // two signature columns: Left and Right lines
	KindField                  // a form line: Text followed by a blank or filled Value
	KindCheck                  // « oui / non » boxes after Text; Value "oui", "non" or ""
	KindNote                   // small grey explanatory text, not part of the official form
)

// Block is one unit of a document: a line or paragraph, a table, a page break.
type Block struct {
	Kind   Kind
	Text   string
	Page   string     // KindTOC
	Value  string     // KindField, KindCheck
	Header []string   // KindTable
	Rows   [][]string // KindTable; a row with one cell spans the table (section row)
	Widths []float64  // KindTable, fractions of the width that sum to 1
	Left   []string   // KindSignatures
	Right  []string   // KindSignatures
	Keep   bool       // KindTable: keep on one page (quota tables)
	// Name is the form field of a KindField or KindCheck block (records.md
	// §2c); a fillable rendering puts an AcroForm field there.
	Name string
	// LeftNames, RightNames name the form fields written under the lines
	// of Left and Right of a KindSignatures block ("" for none).
	LeftNames, RightNames []string
	// LeftValues, RightValues are the values of those fields, when known.
	LeftValues, RightValues []string
}

// Document is an ordered list of blocks, independent of the output format,
// so that the PDF and HTML writers print the same text.
type Document struct {
	Title  string
	Blocks []Block
}

// Add appends b.
func (d *Document) Add(b Block) { d.Blocks = append(d.Blocks, b) }
