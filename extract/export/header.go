package export

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"habilitations/model"
)

// column is a canonical column of records.md §3.
type column int

const (
	colAccount column = iota
	colLastName
	colFirstName
	colEmail
	colOrganisme
	colSIRET
	colUnit
	colService
	colProfile
	colRole
	colStatus
	colCreated
	colLastLogin
	numColumns
)

// columnNames are the canonical French names, used in messages.
var columnNames = [numColumns]string{
	"Identifiant", "Nom", "Prénom", "Adresse mél", "Organisme", "SIRET", "Structure",
	"Service", "Profil", "Rôle", "Statut", "Date de création", "Dernière connexion",
}

// required are the columns without which a row cannot be counted or matched.
var required = [...]column{colAccount, colLastName, colOrganisme, colProfile, colStatus}

// aliases maps a header key (see headerKey) to its column and rank (0 = the
// canonical name; when two headers name one column, the lower rank wins, so a
// « Login » column beats an « ID » one). « Fonction » is deliberately absent:
// in real exports it is the holder's job title, not the Cdap role. « Service »
// alone is the Caf service (Cdap), never the unit.
var aliases = map[string]alias{}

type alias struct {
	col  column
	rank int
}

func init() {
	table := map[column][]string{
		colAccount: {"Identifiant", "Login", "Identifiant de connexion", "Compte", "Identifiant du compte",
			"Identifiant utilisateur", "Nom d'utilisateur", "Username", "User ID", "ID"},
		colLastName:  {"Nom", "Nom de famille", "Nom d'usage", "Nom de l'utilisateur"},
		colFirstName: {"Prénom", "Prénom de l'utilisateur"},
		colEmail: {"Adresse mél", "Adresse mail", "Adresse e-mail", "Adresse email", "Adresse électronique",
			"Adresse courriel", "Courriel", "E-mail", "Email", "Mél", "Mel", "Mail"},
		colOrganisme: {"Organisme", "Partenaire", "Raison sociale", "Nom de l'organisme", "Organisme partenaire"},
		colSIRET:     {"SIRET", "N° SIRET", "Numéro SIRET", "No SIRET", "SIRET de l'organisme"},
		colUnit:      {"Structure", "Unité", "Groupe", "Unité organisationnelle", "Structure de rattachement"},
		colService:   {"Service", "Service Caf", "Téléservice"},
		colProfile:   {"Profil", "Profil d'habilitation", "Profil Cdap", "Profil utilisateur"},
		colRole:      {"Rôle", "Role", "Rôle de l'utilisateur", "Rôle utilisateur"},
		colStatus:    {"Statut", "État", "Etat", "Statut du compte", "État du compte"},
		colCreated:   {"Date de création", "Créé le", "Date création", "Création", "Date de création du compte"},
		colLastLogin: {"Dernière connexion", "Date de dernière connexion", "Dernier accès",
			"Date du dernier accès", "Date dernière connexion"},
	}
	for c, names := range table {
		for i, n := range names {
			k := headerKey(n)
			aliases[k] = alias{c, i}
			maxAliasKey = max(maxAliasKey, utf8.RuneCountInString(k))
		}
	}
}

// maxAliasKey is the length of the longest alias key, in runes.
var maxAliasKey int

// mayBeAlias is false for a cell with too many letters and digits to fold
// to an alias key (folding keeps each letter, as one or two, and drops the
// rest; three times the longest key leaves room for scripts whose
// normalisation merges letters): the header is looked for in the first
// rows with every delimiter, and folding their data cells, or whole lines
// read with the wrong delimiter, was a third of a ten-thousand-export night.
func mayBeAlias(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if n++; n > 3*maxAliasKey {
				return false
			}
		}
	}
	return true
}

// headerKey folds a header cell: case, accents, spaces and punctuation are
// ignored (« Adresse mél » and « ADRESSE-MEL » are the same key).
func headerKey(s string) string {
	if k, ok := headerKeys.Load(s); ok {
		return k.(string)
	}
	k := foldHeader(s)
	if headerKeysLen.Add(1) <= maxHeaderKeys {
		headerKeys.Store(strings.Clone(s), k)
	}
	return k
}

// headerKeys caches headerKey: a night reads ten thousand exports with the
// same dozen header cells, and folding them was a third of its time.
// Bounded, since a header row is whatever the file holds.
var (
	headerKeys    sync.Map
	headerKeysLen atomic.Int64
)

const maxHeaderKeys = 4096

func foldHeader(s string) string {
	f := model.Fold(fixUTF8(s))
	var b strings.Builder
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// header maps canonical columns to cell indexes (-1 when absent).
type header struct {
	index [numColumns]int
	rank  [numColumns]int
	found int // number of canonical columns recognised
}

// parseHeader recognises the cells of a candidate header row. A column named
// twice keeps the better-ranked alias, then the first occurrence.
func parseHeader(cells []string) header {
	var h header
	for i := range h.index {
		h.index[i] = -1
	}
	for i, c := range cells {
		if !mayBeAlias(c) {
			continue
		}
		a, ok := aliases[headerKey(c)]
		switch {
		case !ok:
		case h.index[a.col] < 0:
			h.index[a.col], h.rank[a.col] = i, a.rank
			h.found++
		case a.rank < h.rank[a.col]:
			h.index[a.col], h.rank[a.col] = i, a.rank
		}
	}
	return h
}

// missingRequired returns the canonical names of the required columns absent.
func (h header) missingRequired() []string {
	var out []string
	for _, c := range required {
		if h.index[c] < 0 {
			out = append(out, columnNames[c])
		}
	}
	return out
}

// missingOptional returns the canonical names of the optional columns absent.
func (h header) missingOptional() []string {
	var out []string
	for c := column(0); c < numColumns; c++ {
		if h.index[c] < 0 && !isRequired(c) {
			out = append(out, columnNames[c])
		}
	}
	return out
}

func isRequired(c column) bool {
	for _, r := range required {
		if r == c {
			return true
		}
	}
	return false
}

// minHeaderColumns is how many recognised columns make a row a header rather
// than a title line or data.
const minHeaderColumns = 3

// better reports whether h is a better header candidate than o: complete
// beats incomplete, then more recognised columns; ties keep the earlier row.
func (h header) better(o header) bool {
	hc, oc := len(h.missingRequired()) == 0, len(o.missingRequired()) == 0
	if hc != oc {
		return hc
	}
	return h.found > o.found
}

// trimCells returns the header cells as written, trimmed, a BOM (U+FEFF)
// removed.
func trimCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(strings.TrimPrefix(text(c), "\ufeff"))
	}
	return out
}
