package sample

import (
	"fmt"
	"io"

	"habilitations/model"
	"habilitations/report/forms"
)

// WriteDossierPDF writes the signed dossier of r (kind dossier) as a PDF
// shaped like the real ones: the extractor reads it back to r.
func WriteDossierPDF(w io.Writer, r model.Record) error {
	doc, err := DossierDocument(r)
	if err != nil {
		return fmt.Errorf("dossier %s: %w", r.Convention.Number, err)
	}
	return forms.WritePDF(w, doc)
}

// WriteBulletinPDF writes the standalone bulletin b, signed later for the
// convention of dossier (which gives the Caf, the place and the signatories).
func WriteBulletinPDF(w io.Writer, b, dossier model.Record) error {
	doc, err := BulletinDocument(b, dossier)
	if err != nil {
		return fmt.Errorf("bulletin %s: %w", b.Convention.Number, err)
	}
	return forms.WritePDF(w, doc)
}
