package extract

import (
	"fmt"

	"habilitations/extract/adminform"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// adminForm reads a document that is not a dossier as a returned Annexe 3
// form: its fields when it is the fillable form (filled on screen), else its
// text (typed and printed, or flattened). Anything else stays
// ErrNotConvention. The fields are read in this process with pdfcpu, after
// the text layer (bounded, possibly isolated) said the file is such a form;
// a failure there falls back to the text.
func adminForm(doc pdftext.Document, data []byte) (rec model.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("admin change form reader failed (internal error): %v", r)
		}
	}()
	if !adminform.Looks(doc) {
		return model.Record{}, fmt.Errorf("neither a dossier nor an Annexe 3 form: %w", model.ErrNotConvention)
	}
	if v, ok, ferr := adminform.ReadFields(data); ferr == nil && ok {
		v.Pages = len(doc.Pages)
		return v.Record()
	}
	return adminform.Parse(doc)
}
