// Package dossier reads a signed « Mon Compte Partenaire » dossier (or a
// bulletin d'adhésion that arrived alone) from its text into a model.Record.
//
// The parser has no per-layout template: it finds the parts of the dossier by
// their own headings and wording (« La présente convention est signée
// entre », « Contrat de service », « Annexe 1 », « Les interlocuteurs à la
// Caf », « Annexe 2.N : <unité> – Bulletin d'adhésion », « Profils | Nombre
// d'utilisateurs autorisés », « Fait à X, le D »), and tolerates headings and
// names wrapped over two lines, table cells that wrap, tables split by a page
// break and running headers or footers left by the text layer.
package dossier

import (
	"fmt"
	"strings"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// Parse reads doc into a record. A document that is neither a convention nor
// a bulletin d'adhésion yields an error wrapping model.ErrNotConvention; a
// convention whose required parts are missing or invalid yields a
// *model.IncompleteError naming each of them in French. The record returned
// without error passes model.Validate.
func Parse(doc pdftext.Document) (model.Record, error) {
	p := &parser{ls: lines(doc)}
	return p.parse()
}

// parser holds the cleaned lines of one document and the fields found missing.
type parser struct {
	ls       []line
	missing  []string
	headings *[]heading // bulletin headings, found once

	// cafBlock and partnerBlock are the line ranges [from, to) of the two
	// parties in the parties clause (zero when not found).
	cafBlock, partnerBlock [2]int
}

// miss records a missing or invalid field, once.
func (p *parser) miss(field string) {
	for _, f := range p.missing {
		if f == field {
			return
		}
	}
	p.missing = append(p.missing, field)
}

func (p *parser) parse() (model.Record, error) {
	kind := p.kind()
	if kind == "" {
		return model.Record{}, fmt.Errorf("no convention title, parties or bulletin d'adhésion heading found: %w", model.ErrNotConvention)
	}
	rec := model.Record{Kind: kind, Contacts: []model.Contact{}}
	conv := &rec.Convention
	conv.Number = p.number()
	if conv.Number == "" {
		p.miss(fieldNumber)
	}
	if kind == model.KindDossier {
		p.parties(conv)
		p.contract(conv)
		rec.Contacts = p.contacts()
	} else {
		conv.Partner.Name = p.headingPartner()
		if conv.Partner.Name == "" {
			p.miss(fieldPartnerName)
		}
	}
	conv.Partner.SIRET = p.siret()
	rec.Services = p.services(kind, conv.SignedOn)
	if len(p.missing) > 0 {
		return model.Record{}, &model.IncompleteError{Fields: p.missing}
	}
	if err := Check(rec); err != nil {
		return model.Record{}, err
	}
	return rec, nil
}

// Check validates rec with model.Validate and reports a failure as a
// *model.IncompleteError naming the fields in French, so that an invalid
// value read from a dossier (a SIRET failing its check digit, a malformed
// e-mail) is a rejection that says what to fix.
func Check(rec model.Record) error {
	if err := model.Validate(rec); err != nil {
		return &model.IncompleteError{Fields: validationFields(err)}
	}
	return nil
}

// kind tells a whole dossier (a convention: its title or its parties clause)
// from a bulletin d'adhésion alone; "" when the document is neither.
func (p *parser) kind() string {
	mcp, title, parties, contract := false, false, false, false
	for _, l := range p.ls {
		mcp = mcp || strings.Contains(l.fold, "mon compte partenaire")
		title = title || strings.HasPrefix(l.fold, "convention d'acces a")
		parties = parties || strings.HasPrefix(l.fold, "la presente convention est signee entre")
		contract = contract || strings.HasPrefix(l.fold, "contrat de service pris en application")
	}
	// A bulletin may recall the convention's title; a dossier has the
	// parties clause, or at least the title and the contrat de service.
	if mcp && (parties || title && contract) {
		return model.KindDossier
	}
	if len(p.bulletinHeadings()) > 0 {
		return model.KindBulletin
	}
	return ""
}

// find returns the index of the first line at or after from whose fold
// satisfies ok, or -1.
func (p *parser) find(from int, ok func(line) bool) int {
	for i := max(from, 0); i < len(p.ls); i++ {
		if ok(p.ls[i]) {
			return i
		}
	}
	return -1
}

// prefixed returns a predicate for lines whose fold starts with one of the
// prefixes and that are not table-of-contents entries.
func prefixed(prefixes ...string) func(line) bool {
	return func(l line) bool {
		for _, pre := range prefixes {
			if strings.HasPrefix(l.fold, pre) && !isTOC(l) {
				return true
			}
		}
		return false
	}
}
