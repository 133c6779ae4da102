package extract

import (
	"fmt"
	"strconv"
	"strings"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// Confidence thresholds under which a value read by recognition is listed
// to verify (records.md §2b: a value that may be wrong is listed). Digits
// and e-mail addresses are held to a higher bar: a quota or a SIRET read
// wrong changes findings, an address is exact or useless, and Tesseract,
// without a dictionary to lean on, is often sure of a wrong digit or letter
// there (« chertin@ » for « cbertin@ » at 0.89). Tuned on the scans of
// testdata/scans (see TestScans).
const (
	minTextConf  = 0.80
	minDigitConf = 0.90
)

// source is the record's Source: pages, pages read by recognition, and the
// mean confidence of what was read (1 when nothing was).
func (sc scanned) source() model.Source {
	src := model.BornDigital(sc.total)
	var sum, n float64
	for _, p := range sc.pages {
		if len(p.Words) == 0 {
			continue
		}
		src.PagesOCR++
		l := float64(len(p.Words))
		sum += p.Confidence() * l
		n += l
	}
	if n > 0 {
		src.OCRConfidence = float64(int(sum/n*100+0.5)) / 100
	}
	return src
}

// lowResolution reports whether recognition read nothing and some page was
// too coarse to try.
func (sc scanned) lowResolution() bool {
	low := false
	for _, p := range sc.pages {
		if len(p.Words) > 0 {
			return false
		}
		low = low || p.LowResolution
	}
	return low
}

// toVerify lists the values of rec a person must check: those read (even in
// part) from recognised words below the thresholds, and those found nowhere
// as printed (mended by the parser to pass a rule, or read from a garbled
// place). Values read from a text layer only are not listed.
func (sc scanned) toVerify(rec model.Record, doc pdftext.Document) []model.ToVerify {
	out := []model.ToVerify{}
	if sc.recognisedWords() == 0 {
		return out
	}
	s := newStream(doc, sc.pages)
	for _, f := range recordFields(rec) {
		if f.value == "" {
			continue
		}
		best, found := match{}, false
		for _, k := range f.keys {
			if m, _, ok := s.findAligned(k, f.segs, 0, 0); ok && (!found || m.conf > best.conf) {
				best, found = m, true
			}
		}
		if found && best.box != nil && caseConfusable(f) {
			// Read by recognition, an address's capital I is most often
			// a lower-case l (« Inoel@ » for « lnoel@ »), read with
			// confidence: two readings of one glyph.
			out = append(out, model.ToVerify{Field: f.path, Value: f.value, Page: best.page, Box: best.box,
				Confidence: round2(best.conf), Reason: model.VerifyAmbiguous})
			continue
		}
		out = appendDoubt(out, f, best, found)
	}
	return append(out, quotaDoubts(s, rec)...)
}

// caseConfusable reports an e-mail address holding a capital letter:
// addresses are printed in lower case, and recognition takes an l for an I.
func caseConfusable(f field) bool {
	return strings.HasSuffix(f.path, "email") && strings.ToLower(f.value) != f.value
}

// appendDoubt lists the field when it was not found, or found with a low
// confidence.
func appendDoubt(out []model.ToVerify, f field, m match, found bool) []model.ToVerify {
	v := model.ToVerify{Field: f.path, Value: f.value, Page: m.page, Box: m.box}
	switch {
	case !found:
		v.Reason, v.Confidence = model.VerifyRepaired, 0
	case m.conf < f.minConf:
		v.Reason, v.Confidence = model.VerifyLowConfidence, round2(m.conf)
	default:
		return out
	}
	if f.number {
		n, _ := strconv.Atoi(f.value)
		v.Value = n
	}
	return append(out, v)
}

func (sc scanned) recognisedWords() int {
	n := 0
	for _, p := range sc.pages {
		n += len(p.Words)
	}
	return n
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// field is one value of a record, with the keys it may be printed as.
type field struct {
	path    string
	value   string
	keys    []string
	segs    []int // for a text value: its key's lengths between its spaces
	minConf float64
	number  bool
}

// recordFields lists the text values of rec with their printed forms.
func recordFields(rec model.Record) []field {
	var fs []field
	text := func(path, v string) {
		conf := minTextConf
		if strings.HasSuffix(path, "email") {
			conf = minDigitConf
		}
		fs = append(fs, field{path: path, value: v, keys: []string{foldKey(v)}, segs: segments(v), minConf: conf})
	}
	c := rec.Convention
	fs = append(fs, field{path: "convention.number", value: c.Number, keys: []string{foldKey(c.Number)}, minConf: minDigitConf})
	for _, p := range []struct {
		path string
		pt   model.Party
	}{{"convention.caf", c.Caf}, {"convention.partner", model.Party{Name: c.Partner.Name, Address: c.Partner.Address,
		Representative: c.Partner.Representative, Title: c.Partner.Title}}} {
		text(p.path+".name", p.pt.Name)
		text(p.path+".address", p.pt.Address)
		text(p.path+".representative", p.pt.Representative)
		text(p.path+".title", p.pt.Title)
	}
	fs = append(fs, field{path: "convention.partner.siret", value: c.Partner.SIRET, keys: []string{c.Partner.SIRET}, minConf: minDigitConf})
	fs = append(fs, dateField("convention.signed_on", c.SignedOn))
	text("convention.signed_at", c.SignedAt)
	for i, ct := range rec.Contacts {
		p := fmt.Sprintf("contacts[%d]", i)
		text(p+".name", ct.Name)
		text(p+".email", ct.Email)
		fs = append(fs, field{path: p + ".phone", value: ct.Phone, keys: []string{nationalPhone(ct.Phone)}, minConf: minDigitConf})
	}
	if a := rec.Admin; a != nil { // a returned Annexe 3 form (records.md §2c)
		text("new_admin.name", a.NewAdmin.Name)
		text("new_admin.function", a.NewAdmin.Function)
		text("new_admin.email", a.NewAdmin.Email)
		fs = append(fs, field{path: "new_admin.phone", value: a.NewAdmin.Phone, keys: []string{nationalPhone(a.NewAdmin.Phone)}, minConf: minDigitConf})
		fs = append(fs, field{path: "new_admin.mobile", value: a.NewAdmin.Mobile, keys: []string{nationalPhone(a.NewAdmin.Mobile)}, minConf: minDigitConf})
		if a.Replaces != nil {
			text("replaces.name", a.Replaces.Name)
			text("replaces.email", a.Replaces.Email)
		}
		return fs
	}
	for i, sv := range rec.Services {
		p := fmt.Sprintf("services[%d]", i)
		fs = append(fs, field{path: p + ".annex", value: sv.Annex, keys: []string{"annexe" + foldKey(sv.Annex)}, minConf: minDigitConf})
		text(p+".unit", sv.Unit)
		fs = append(fs, dateField(p+".signed_on", sv.SignedOn))
	}
	return fs
}

// segments are the lengths of the keys of v's space-separated words.
func segments(v string) []int {
	var out []int
	for _, w := range strings.Fields(v) {
		if n := len(foldKey(w)); n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// nationalPhone is the digits of an E.164 French number as printed (0…).
func nationalPhone(e164 string) string {
	if rest, ok := strings.CutPrefix(e164, "+33"); ok {
		return "0" + rest
	}
	return foldKey(e164)
}

var frenchMonths = [...]string{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"}

// dateField is an ISO date with the forms it is printed in: « 3 mai 2017 »,
// « 1er juin 2021 », « 03/05/2017 ».
func dateField(path, iso string) field {
	f := field{path: path, value: iso, minConf: minDigitConf}
	d, err := model.ParseISODate(iso)
	if err != nil {
		return f
	}
	y, m, day := d.Time().Date()
	ds := strconv.Itoa(day)
	if day == 1 {
		ds = "1er"
	}
	f.keys = []string{ds + frenchMonths[m-1] + strconv.Itoa(y), fmt.Sprintf("%02d%02d%d", day, m, y), fmt.Sprintf("%d%s%d", day, frenchMonths[m-1], y)}
	return f
}
