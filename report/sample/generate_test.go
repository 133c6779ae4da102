package sample

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"habilitations/model"
)

func TestGenerateDeterministic(t *testing.T) {
	a := Generate(7, 12, Options{})
	b := Generate(7, 12, Options{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different partners")
	}
	prefix := Generate(7, 3, Options{})
	if !reflect.DeepEqual(prefix, a[:3]) {
		t.Fatal("partner i depends on n")
	}
	if reflect.DeepEqual(Generate(8, 3, Options{}), prefix) {
		t.Fatal("another seed gave the same partners")
	}
}

func TestGenerateValid(t *testing.T) {
	ps := Generate(1, 300, Options{})
	numbers := map[string]bool{}
	accounts := map[string]bool{}
	codes := map[model.Code]int{}
	for _, p := range ps {
		t.Run(p.Stem, func(t *testing.T) {
			if err := model.Validate(p.Record); err != nil {
				t.Fatalf("record invalid: %v", err)
			}
			for _, b := range p.Bulletins {
				if err := model.Validate(b); err != nil {
					t.Fatalf("bulletin invalid: %v", err)
				}
			}
			if numbers[p.Record.Convention.Number] {
				t.Fatalf("convention number %s used twice", p.Record.Convention.Number)
			}
			numbers[p.Record.Convention.Number] = true
			if s := p.Record.Convention.Partner.SIRET; s != "" && !model.ValidSIRET(s) {
				t.Fatalf("invalid SIRET %s", s)
			}
			if len(p.Export) == 0 {
				t.Fatal("empty export")
			}
			for _, h := range p.Export {
				if err := model.Validate(h); err != nil {
					t.Fatalf("row %s invalid: %v", h.Account, err)
				}
				if accounts[h.Account+string(h.Profile)] {
					t.Fatalf("account %s repeated", h.Account)
				}
				accounts[h.Account+string(h.Profile)] = true
			}
			for _, f := range p.Planted {
				codes[f.Code]++
			}
		})
	}
	for _, c := range model.Codes {
		if codes[c] == 0 {
			t.Errorf("no %s planted in 300 partners", c)
		}
	}
	t.Logf("planted: %v", codes)
}

func TestGenerateNoAnomalies(t *testing.T) {
	for _, p := range Generate(3, 50, Options{AnomalyRate: -1}) {
		if len(p.Planted) != 0 {
			t.Fatalf("%s: planted %v with anomalies off", p.Stem, p.Planted)
		}
	}
}

// TestPlantedAreFindings checks that reconciling each generated export gives
// exactly the planted findings, so that benchmarks and demos built on Generate
// show what they claim.
func TestPlantedAreFindings(t *testing.T) {
	opts := Options{}.withDefaults()
	for _, p := range Generate(4, 200, Options{}) {
		t.Run(p.Stem, func(t *testing.T) {
			recs := append([]model.Record{p.Record}, p.Bulletins...)
			got := model.Reconcile(recs, p.Export, opts.AsOf, model.DefaultReconcileSettings())
			model.SortFindings(got)
			want := slices.Clone(p.Planted)
			model.SortFindings(want)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if len(got)+len(want) > 0 && string(gj) != string(wj) {
				t.Errorf("reconcile gave\n%s\nplanted\n%s", gj, wj)
			}
		})
	}
}

// TestGenerateLarge: a partner with tens of thousands of habilitations (the
// review benchmark's size) keeps account ids unique and its findings exact.
func TestGenerateLarge(t *testing.T) {
	ps := Generate(5, 12, Options{QuotaScale: 300})
	seen := map[string]bool{}
	total := 0
	for _, p := range ps {
		ids := map[string]bool{}
		for _, h := range p.Export {
			ids[h.Account] = true
		}
		for id := range ids {
			if seen[id] {
				t.Fatalf("account %s in two partners", id)
			}
			seen[id] = true
		}
		total += len(p.Export)
		recs := append([]model.Record{p.Record}, p.Bulletins...)
		got := model.Reconcile(recs, p.Export, Options{}.withDefaults().AsOf, model.DefaultReconcileSettings())
		model.SortFindings(got)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(p.Planted)
		if len(got)+len(p.Planted) > 0 && string(gj) != string(wj) {
			t.Errorf("%s: reconcile gave\n%s\nplanted\n%s", p.Stem, gj, wj)
		}
	}
	if total < 20000 {
		t.Fatalf("only %d rows with QuotaScale 300", total)
	}
}
