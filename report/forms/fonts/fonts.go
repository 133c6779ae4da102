// Package fonts embeds the DejaVu Sans TrueType fonts (Bitstream Vera
// licence, see LICENSE-DejaVu.txt) so that every PDF the project writes
// prints French accents, « guillemets » and typographic dashes without
// depending on fonts installed on the machine.
package fonts

import (
	_ "embed"

	"github.com/go-pdf/fpdf"
)

// Family is the font family name registered by Register.
const Family = "DejaVu"

//go:embed DejaVuSans.ttf
var regular []byte

//go:embed DejaVuSans-Bold.ttf
var bold []byte

// Register adds DejaVu Sans regular ("") and bold ("B") to pdf under Family.
// fpdf embeds only the glyphs used, so documents stay small.
func Register(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(Family, "", regular)
	pdf.AddUTF8FontFromBytes(Family, "B", bold)
}
