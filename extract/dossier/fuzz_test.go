package dossier

import (
	"errors"
	"flag"
	"strings"
	"testing"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// FuzzParse feeds the parser arbitrary text (tabs make cells, form feeds
// make pages): it must never panic, and a record it returns must validate;
// every error must be a rejection the pipeline understands.
func FuzzParse(f *testing.F) {
	seed := MustSeed(f)
	mini := miniSeed(seed)
	// The instrumented fuzzer is slow on the 70 kB seed (x/text's
	// normalisation is instrumented too): the whole seed is a seed only in
	// plain test runs; fuzzing mutates the compact form and its parts.
	if !fuzzing() {
		f.Add(seed)
		f.Add(paginate(seed, 40))
		f.Add(strings.ReplaceAll(seed, "\t", "  "))
	}
	f.Add(mini)
	f.Add(paginate(mini, 25))
	f.Add(mini[:len(mini)/2])
	f.Add(mini[len(mini)/2:])
	f.Add(strings.ReplaceAll(mini, "\n", "\n\f"))
	if i := strings.Index(mini, "Annexe 2.2 : Résidence Abrioux"); i > 0 {
		f.Add("Partenaire : Centre Communal d'Action Sociale\nConvention n° 06 / 2017\nNuméro de SIRET : 26210106600252\n" + mini[i:min(i+1500, len(mini))])
	}
	f.Add("")
	f.Add("Convention d'accès à « Mon Compte Partenaire »\nConvention n° 1/2\nAnnexe 2.1 : X – Bulletin d'adhésion\nT1\t1\nT13 (TD)\t\nFait à A, le 1er mai 2020\n")
	f.Add("FACTURE N° 2026-0412\nSIRET : 512 904 337 00028\n")
	f.Fuzz(func(t *testing.T, text string) {
		doc := pdftext.FromText(text)
		for _, l := range doc.Lines() {
			c := model.CleanText(l.Text())
			if fold(c) != model.Fold(c) {
				t.Fatalf("fold(%q) = %q, model.Fold = %q", c, fold(c), model.Fold(c))
			}
		}
		rec, err := Parse(doc)
		if err != nil {
			var inc *model.IncompleteError
			if !errors.Is(err, model.ErrNotConvention) && !errors.As(err, &inc) {
				t.Fatalf("error is neither not_convention nor incomplete: %v", err)
			}
			if inc != nil && len(inc.Fields) == 0 {
				t.Fatal("incomplete error names no field")
			}
			return
		}
		if verr := model.Validate(rec); verr != nil {
			t.Fatalf("record does not validate: %v", verr)
		}
		if len(rec.Services) == 0 {
			t.Fatal("record without services")
		}
	})
}

// miniSeed keeps the structure of the seed dossier without its long prose:
// every line of at most 120 characters (and the annex headings) that is
// not an article heading.
func miniSeed(seed string) string {
	var out []string
	for _, l := range strings.Split(seed, "\n") {
		if strings.TrimSpace(l) != "" && (len(l) <= 120 || strings.HasPrefix(l, "Annexe")) && !strings.HasPrefix(l, "Article ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// TestMiniSeedParses keeps the fuzzer's compact seed a real dossier, so that
// mutations start from a document that reaches every part of the parser.
func TestMiniSeedParses(t *testing.T) {
	rec, err := Parse(pdftext.FromText(miniSeed(MustSeed(t))))
	if err != nil {
		t.Fatalf("Parse(mini seed): %v", err)
	}
	if len(rec.Services) != 4 || len(rec.Contacts) != 9 {
		t.Errorf("mini seed: %d services, %d contacts", len(rec.Services), len(rec.Contacts))
	}
}

// BenchmarkParseSeed measures the parser alone on the 12-page reference
// dossier (text already extracted).
func BenchmarkParseSeed(b *testing.B) {
	doc := pdftext.FromText(MustSeed(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}
