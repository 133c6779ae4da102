package adminform

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"habilitations/model"
)

// ReadFields returns the values of the fillable form's fields in the PDF
// data; ok is false when the file has none of them (a form typed, printed
// or flattened: read its text instead). pdfcpu reads the fields; a failure
// or a panic there is an error, never a crash.
func ReadFields(data []byte) (v Values, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, ok, err = Values{}, false, fmt.Errorf("read form fields (internal error): %v", r)
		}
	}()
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	fields, err := api.FormFields(bytes.NewReader(data), conf)
	if err != nil {
		return Values{}, false, fmt.Errorf("read form fields: %w", err)
	}
	return FromFields(fields2map(fields))
}

// fields2map keeps the value of each field by name; a check box is "Yes"
// when ticked, "" otherwise.
func fields2map(fields []form.Field) map[string]string {
	out := make(map[string]string, len(fields))
	for _, f := range fields {
		out[f.Name] = f.V
	}
	return out
}

// FromFields builds the values of a form from its fields by name (check
// boxes: any value but "", "Off" or "false" is ticked); ok is false when no
// field of the form is there.
func FromFields(fields map[string]string) (Values, bool, error) {
	v := Values{Text: map[string]string{}, Pages: 1}
	found := false
	for name, val := range fields {
		switch {
		case slices.Contains(model.AdminFormTextFields, name):
			v.Text[name], found = val, true
		case name == model.FieldReplacesYes:
			v.Yes, found = checked(val), true
		case name == model.FieldReplacesNo:
			v.No, found = checked(val), true
		}
	}
	return v, found, nil
}

func checked(v string) bool {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(v), "/")) {
	case "", "off", "false", "no", "0":
		return false
	}
	return true
}
