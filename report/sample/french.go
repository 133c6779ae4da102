package sample

import (
	"fmt"
	"strings"

	"habilitations/model"
)

var monthNames = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"}

// frenchDate prints an ISO date in one of the forms found in signed dossiers:
// « - 3 MAI 2017 », « 3 mai 2017 » (« 1er » for the first), « 03/05/2017 ».
func frenchDate(iso string, form int) string {
	d, err := model.ParseISODate(iso)
	if err != nil {
		return iso
	}
	t := d.Time()
	day := fmt.Sprint(t.Day())
	month := monthNames[t.Month()-1]
	switch form % 3 {
	case 0:
		return fmt.Sprintf("- %d %s %d", t.Day(), strings.ToUpper(month), t.Year())
	case 1:
		if t.Day() == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, month, t.Year())
	default:
		return t.Format("02/01/2006")
	}
}

// feminineFirstNames is filled from the name lists: the civility printed
// before a representative (« Monsieur », « Madame ») depends on it.
var feminineFirstNames = map[string]bool{}

func civility(fullName string) string {
	first, _, _ := strings.Cut(fullName, " ")
	if feminineFirstNames[fold(first)] {
		return "Madame"
	}
	return "Monsieur"
}

// article returns the French definite article before an organisation name:
// « le Centre… », « la Commune… », « l'Union… ».
func article(name string) string {
	first, _, _ := strings.Cut(name, " ")
	f := fold(first)
	if f == "" {
		return ""
	}
	switch f[0] {
	case 'a', 'e', 'i', 'o', 'u', 'h':
		return "l'"
	}
	switch f {
	case "commune", "ville", "mairie", "maison", "communaute", "federation", "mission", "caisse", "metropole":
		return "la "
	}
	return "le "
}

// titleArticle returns « Le » or « La » before a representative's title
// (« Le Directeur », « La Vice-Présidente »).
func titleArticle(title string) string {
	first, _, _ := strings.Cut(title, " ")
	f := fold(first)
	if strings.HasSuffix(f, "rice") || strings.HasSuffix(f, "ente") || strings.HasSuffix(f, "ere") {
		return "La"
	}
	return "Le"
}

// cafShort turns « Caisse d'Allocations familiales de la Côte d'Or » into
// « Caf de la Côte d'Or » for signature blocks.
func cafShort(name string) string {
	const prefix = "Caisse d'Allocations familiales "
	if strings.HasPrefix(name, prefix) {
		return "Caf " + strings.TrimPrefix(name, prefix)
	}
	return name
}
