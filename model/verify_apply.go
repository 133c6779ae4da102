package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
)

// ErrVerifiedValue is wrapped by CheckedValue when a value typed by the
// person who checked a scan is not a valid value of its field; the error's
// text says why, in French.
var ErrVerifiedValue = errors.New("invalid verified value")

// invalid is an ErrVerifiedValue with its French explanation.
type invalid string

func (e invalid) Error() string { return string(e) }
func (e invalid) Unwrap() error { return ErrVerifiedValue }

// CheckedValue normalises the value a person typed for field (a path of
// records.md §2b) as the record keeps such a value: a quota is a whole
// number, a SIRET 14 digits passing the Luhn check, a phone E.164, a date
// ISO (French forms read), an e-mail address lower case. It returns a
// string, or an int for a quota; an error wrapping ErrVerifiedValue says in
// French what is wrong.
func CheckedValue(field, typed string) (any, error) {
	v := CleanText(typed)
	leaf := field[strings.LastIndexByte(field, '.')+1:]
	switch {
	case strings.Contains(field, ".quotas."):
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(v, ".0")))
		if err != nil || n < 0 || n > 100000 {
			return nil, invalid("un quota est un nombre entier positif ou nul (0 si la case est vide)")
		}
		return n, nil
	case leaf == "siret":
		s := NormalizeSIRET(v)
		if v != "" && !ValidSIRET(s) {
			return nil, invalid("un SIRET compte 14 chiffres et doit être valide (clé de contrôle) ; vérifier chaque chiffre")
		}
		return s, nil
	case leaf == "phone" || leaf == "mobile":
		p, ok := NormalizePhone(v)
		if !ok {
			return nil, invalid("numéro de téléphone illisible : l'écrire en chiffres, par exemple 03 80 44 10 21")
		}
		return p, nil
	case leaf == "email":
		e := strings.ToLower(strings.ReplaceAll(v, " ", ""))
		if a, err := mail.ParseAddress(e); e != "" && (err != nil || a.Address != e || !strings.Contains(e[strings.IndexByte(e, '@'):], ".")) {
			return nil, invalid("adresse mél invalide : l'écrire en entier, par exemple prenom.nom@exemple.fr")
		}
		return e, nil
	case leaf == "signed_on":
		if v == "" {
			return "", nil
		}
		d, err := ParseISODate(v)
		if err != nil {
			d, err = ParseFrenchDate(v)
		}
		if err != nil {
			return nil, invalid("date illisible : l'écrire sous la forme 03/05/2017")
		}
		return d.String(), nil
	case leaf == "number":
		if v == "" {
			return nil, invalid("le numéro de la convention ne peut pas être vide")
		}
		return NormalizeNumber(v), nil
	case leaf == "annex":
		if !annexRe.MatchString(v) {
			return nil, invalid("un numéro d'annexe s'écrit comme 2.1")
		}
		return v, nil
	}
	return v, nil
}

var annexRe = regexp.MustCompile(`^\d+(\.\d+)*$`)

// ApplyVerified returns rec with the value at field (a path of records.md
// §2b: convention.partner.siret, contacts[2].phone, services[0].quotas.T13)
// replaced by value (as CheckedValue returns it), and that field taken off
// its to_verify list. The path is followed in the record's JSON, so every
// field the list can name is reached the same way.
func ApplyVerified(rec Record, field string, value any) (Record, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return rec, err
	}
	var root any
	if err := json.Unmarshal(b, &root); err != nil {
		return rec, err
	}
	if err := setPath(root, field, value); err != nil {
		return rec, fmt.Errorf("field %s: %w", field, err)
	}
	if b, err = json.Marshal(root); err != nil {
		return rec, err
	}
	var out Record
	if err := json.Unmarshal(b, &out); err != nil {
		return rec, fmt.Errorf("field %s: %w", field, err)
	}
	out.ToVerify = nil
	for _, v := range rec.ToVerify {
		if v.Field != field {
			out.ToVerify = append(out.ToVerify, v)
		}
	}
	return out, nil
}

var stepRe = regexp.MustCompile(`^([a-z_]+|T\d+)(?:\[(\d+)\])?$`)

// setPath sets the value at a dotted path with [i] list items in a decoded
// JSON value; every step but the last must exist.
func setPath(root any, path string, value any) error {
	steps := strings.Split(path, ".")
	cur := root
	for i, s := range steps {
		m := stepRe.FindStringSubmatch(s)
		obj, ok := cur.(map[string]any)
		if m == nil || !ok {
			return fmt.Errorf("no such field")
		}
		last := i == len(steps)-1
		if m[2] == "" {
			if last {
				if _, ok := obj[m[1]]; !ok {
					return fmt.Errorf("no such field")
				}
				obj[m[1]] = value
				return nil
			}
			cur = obj[m[1]]
			continue
		}
		list, ok := obj[m[1]].([]any)
		n, _ := strconv.Atoi(m[2])
		if !ok || n >= len(list) {
			return fmt.Errorf("no such item")
		}
		if last {
			list[n] = value
			return nil
		}
		cur = list[n]
	}
	return fmt.Errorf("empty path")
}
