package model_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"habilitations/model"
)

func TestNewRejection(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		reason model.Reason
		says   string
	}{
		{"damaged", fmt.Errorf("page 2: bad xref: %w", model.ErrCorrupt), model.ReasonCorrupt, "endommagé"},
		{"reading limit", fmt.Errorf("page 1: content stream too large: %w: %w", model.ErrTooComplex, model.ErrCorrupt),
			model.ReasonCorrupt, "limites fixées"},
		{"reading limit alone", model.ErrTooComplex, model.ReasonCorrupt, "trop volumineux ou trop complexe"},
		{"encrypted", model.ErrEncrypted, model.ReasonEncrypted, "mot de passe"},
		{"nothing read", model.ErrNoText, model.ReasonNoText, "Aucun texte n'a pu être lu"},
		{"scan without recognition", fmt.Errorf("%w: %w", model.ErrNoText, model.ErrOCRUnavailable), model.ReasonNoText, "tesseract-ocr-fra"},
		{"scan too coarse", fmt.Errorf("%w: %w", model.ErrLowResolution, model.ErrNoText), model.ReasonNoText, "300 points par pouce"},
		{"unreadable text", fmt.Errorf("glyphs without letters: %w: %w", model.ErrGarbledText, model.ErrNoText),
			model.ReasonNoText, "Enregistrer au format PDF"},
		{"incomplete", &model.IncompleteError{Fields: []string{"numéro de convention"}}, model.ReasonIncomplete,
			"numéro de convention est absent ou illisible"},
		{"unknown", errors.New("boom"), model.ReasonCorrupt, "endommagé"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := model.NewRejection("a.pdf", tc.err)
			if r.Reason != tc.reason || !strings.Contains(r.Message, tc.says) || r.File != "a.pdf" {
				t.Fatalf("got %+v, want reason %s and a message with %q", r, tc.reason, tc.says)
			}
		})
	}
}
