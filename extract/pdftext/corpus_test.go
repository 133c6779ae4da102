package pdftext

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"habilitations/model"
)

var update = flag.Bool("update", false, "rewrite the golden text files under testdata/golden")

// corpusDirs are the corpus copies a test walks: the repository's, and the
// shared one when present (new cases dropped there are tested too).
var corpusDirs = []string{"../../testdata/corpus/cases", "../../../shared/corpus/cases"}

// truth is the part of a *.truth.json file the text layer can be checked
// against: a rejection reason, or the contacts and services of a record.
type truth struct {
	Reason   model.Reason `json:"reason"`
	Kind     string       `json:"kind"`
	Contacts []struct {
		Side, Name, Email, Phone string
	} `json:"contacts"`
	Services []struct {
		Annex  string         `json:"annex"`
		Unit   string         `json:"unit"`
		Quotas map[string]int `json:"quotas"`
	} `json:"services"`
}

type corpusCase struct {
	name, path string
	truth      truth
}

func corpusCases(t *testing.T) []corpusCase {
	t.Helper()
	var out []corpusCase
	seen := map[string]bool{}
	for _, dir := range corpusDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
		for _, f := range files {
			name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
			if seen[name] {
				continue
			}
			raw, err := os.ReadFile(f + ".truth.json")
			if err != nil {
				continue
			}
			var tr truth
			if err := json.Unmarshal(raw, &tr); err != nil {
				t.Fatalf("%s.truth.json: %v", f, err)
			}
			seen[name] = true
			out = append(out, corpusCase{name, f, tr})
		}
	}
	if len(out) == 0 {
		t.Fatal("no corpus case found")
	}
	return out
}

// textReasons are the rejections the text layer decides; the others
// (not_convention, incomplete) are for the dossier parser and need text.
var textReasons = map[model.Reason]bool{
	model.ReasonNotPDF: true, model.ReasonEncrypted: true, model.ReasonCorrupt: true, model.ReasonNoText: true,
}

func TestCorpus(t *testing.T) {
	for _, c := range corpusCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data, DefaultLimits())
			if textReasons[c.truth.Reason] {
				if err == nil {
					t.Fatalf("Extract succeeded, want rejection %q", c.truth.Reason)
				}
				if got := model.ReasonOf(err); got != c.truth.Reason {
					t.Fatalf("reason %q (%v), want %q", got, err, c.truth.Reason)
				}
				return
			}
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkClean(t, doc)
			checkContacts(t, doc, c.truth)
			checkServices(t, doc, c.truth)
			checkGolden(t, c.name, doc)
		})
	}
}

var longWord = regexp.MustCompile(`[\pL]{26,}`)

// checkClean: no page number or header left in the body, no unreadable
// character, and no words glued together.
func checkClean(t *testing.T, doc Document) {
	t.Helper()
	furniture := map[string]bool{}
	for _, p := range doc.Pages {
		for _, l := range p.Furniture {
			furniture[l.Text()] = true
		}
	}
	for _, l := range doc.Lines() {
		s := l.Text()
		switch {
		case pageNumber.MatchString(strings.TrimSpace(s)) || strings.HasPrefix(s, "Page "):
			t.Errorf("page number left in the text: %q", s)
		case furniture[s] && strings.Contains(s, "Mon Compte Partenaire") && !strings.Contains(s, "Convention d"):
			t.Errorf("header left in the text: %q", s)
		case strings.ContainsRune(s, '\uFFFD'):
			t.Errorf("unreadable character in %q", s)
		case longWord.MatchString(s):
			t.Errorf("glued words in %q", s)
		}
	}
}

// checkContacts: each contact of the truth is a table row whose cells hold
// its name, e-mail and phone, the wrapped name joined back into one cell.
func checkContacts(t *testing.T, doc Document, tr truth) {
	t.Helper()
	for _, c := range tr.Contacts {
		found := false
		for _, l := range doc.Lines() {
			if len(l.Cells) < 2 || !strings.HasSuffix(l.Cells[0], c.Name) {
				continue
			}
			if c.Email != "" && l.Cells[1] != c.Email {
				continue
			}
			if c.Phone != "" && (len(l.Cells) < 3 || phone(l.Cells[2]) != c.Phone) {
				continue
			}
			found = true
		}
		if !found {
			t.Errorf("no table row for contact %s %q <%s> %s", c.Side, c.Name, c.Email, c.Phone)
		}
	}
}

func phone(s string) string {
	p, _ := model.NormalizePhone(s)
	return p
}

// checkServices: every bulletin's quota table comes out as rows [profile,
// count] in order (a blank cell for 0), and each unit of a dossier is a row
// of the Annexe 2 services table.
func checkServices(t *testing.T, doc Document, tr truth) {
	t.Helper()
	lines := doc.Lines()
	at := 0
	for _, s := range tr.Services {
		for _, p := range []string{"T1", "T2", "T4", "T5", "T13"} {
			want := ""
			if n := s.Quotas[p]; n > 0 {
				want = strconv.Itoa(n)
			}
			for at < len(lines) && !(len(lines[at].Cells) == 2 && strings.HasPrefix(lines[at].Cells[0], p) &&
				(lines[at].Cells[0] == p || strings.HasPrefix(lines[at].Cells[0], p+" "))) {
				at++
			}
			if at == len(lines) {
				t.Fatalf("annex %s: no quota row for %s", s.Annex, p)
			}
			if got := lines[at].Cells[1]; got != want && !(want == "" && got == "0") {
				t.Errorf("annex %s: quota row %q, want count %q", s.Annex, lines[at].Text(), want)
			}
			at++
		}
		if tr.Kind != "dossier" {
			continue
		}
		row := false
		for _, l := range lines {
			row = row || len(l.Cells) == 2 && l.Cells[0] == "Annexe "+s.Annex && l.Cells[1] == s.Unit
		}
		if !row {
			t.Errorf("no services table row [Annexe %s, %s]", s.Annex, s.Unit)
		}
	}
}

func checkGolden(t *testing.T, name string, doc Document) {
	t.Helper()
	path := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__")+".txt")
	got := doc.String()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("text differs from %s (run with -update after checking the diff)", path)
	}
}
