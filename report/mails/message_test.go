package mails

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

func day(t *testing.T, s string) model.Date {
	t.Helper()
	d, err := model.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// part is one decoded MIME part of a parsed message.
type part struct {
	contentType, filename string
	body                  []byte
}

// parse reads raw as a mail client would: headers, then each part decoded.
func parse(t *testing.T, raw []byte) (*netmail.Message, []part) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not an RFC 5322 message: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		body, _ := io.ReadAll(msg.Body)
		return msg, []part{{contentType: mt, body: body}}
	}
	var parts []part
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		var r io.Reader = p
		switch strings.ToLower(p.Header.Get("Content-Transfer-Encoding")) {
		case "base64":
			r = base64Reader(p)
		case "quoted-printable":
			r = quotedprintable.NewReader(p)
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part{contentType: ct, filename: p.FileName(), body: body})
	}
	return msg, parts
}

func TestCampaignMessages(t *testing.T) {
	conv := model.Convention{Number: "06/2017", Caf: model.Party{Name: "Caisse d'Allocations familiales de la Côte d'Or"},
		Partner: model.Partner{Name: "Centre Communal d'Action Sociale de la Ville de Dijon"}}
	from := netmail.Address{Name: "Caf de la Côte d'Or", Address: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"}
	to := []netmail.Address{{Name: "Aline BOUCHARD", Address: "abouchard@ccas-dijon.fr"}, {Name: "Loïc Hénault", Address: "lhenault@ccas-dijon.fr"}}
	xlsx := &Attachment{Name: "revue-06-2017.xlsx", ContentType: ContentTypeXLSX, Data: []byte("PK\x03\x04 not really a workbook")}
	pdf := &Attachment{Name: "mise-en-demeure-06-2017.pdf", ContentType: ContentTypePDF, Data: []byte("%PDF-1.4 pas vraiment")}
	when := time.Date(2026, 4, 18, 2, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		c       Campaign
		subject string
		body    []string
		attach  *Attachment
	}{
		{"first reminder", Campaign{Kind: model.MailFirstReminder, Due: day(t, "2026-05-03"), Attachment: xlsx},
			"[CDAP] Revue annuelle des habilitations à rendre le 03/05/2026 – convention n° 06/2017",
			[]string{"au plus tard le 3 mai 2026", "article 2.2.2", "Centre Communal d'Action Sociale de la Ville de Dijon", "« Habilitations »",
				"revue-06-2017.xlsx", "Caisse d'Allocations familiales de la Côte d'Or"}, xlsx},
		{"second reminder, late", Campaign{Kind: model.MailSecondReminder, Due: day(t, "2026-05-03"), DaysLate: 2, Attachment: xlsx},
			"[CDAP] Rappel : revue annuelle des habilitations attendue le 03/05/2026 – convention n° 06/2017",
			[]string{"était attendue le 3 mai 2026", "accuse 2 jours de retard", "mise en demeure", "article 17.2"}, xlsx},
		{"notice copy", Campaign{Kind: model.MailNotice, Due: day(t, "2026-05-03"), NoticeSent: day(t, "2026-06-04"),
			TerminationFrom: day(t, "2026-07-04"), Attachment: pdf},
			"[CDAP] Mise en demeure – convention n° 06/2017",
			[]string{"adressée le 4 juin 2026", "lettre recommandée", "résiliée de plein droit", "à compter du 4 juillet 2026"}, pdf},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Convention, c.From, c.To, c.Date = conv, from, to, when
			m, err := CampaignMessage(c)
			if err != nil {
				t.Fatal(err)
			}
			var raw bytes.Buffer
			if err := Write(&raw, m); err != nil {
				t.Fatal(err)
			}
			head := raw.String()[:strings.Index(raw.String(), "\r\n\r\n")]
			if strings.ContainsAny(head, "éèàôÔ–«") {
				t.Errorf("raw headers are not 7-bit:\n%s", head)
			}
			msg, parts := parse(t, raw.Bytes())
			dec := new(mime.WordDecoder)
			subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || subject != tc.subject {
				t.Errorf("Subject = %q (%v), want %q", subject, err, tc.subject)
			}
			if f, err := msg.Header.AddressList("From"); err != nil || len(f) != 1 || f[0].Address != from.Address || f[0].Name != from.Name {
				t.Errorf("From = %v (%v)", f, err)
			}
			if got, err := msg.Header.AddressList("To"); err != nil || len(got) != 2 || got[1].Name != "Loïc Hénault" {
				t.Errorf("To = %v (%v)", got, err)
			}
			if id := msg.Header.Get("Message-ID"); id != "<campagne."+string(c.Kind)+".06-2017.2026-05-03@caf.cnafmail.fr>" {
				t.Errorf("Message-ID = %q", id)
			}
			if d, err := msg.Header.Date(); err != nil || !d.Equal(when) {
				t.Errorf("Date = %v (%v)", d, err)
			}
			if len(parts) != 2 {
				t.Fatalf("%d parts, want body and attachment", len(parts))
			}
			if parts[0].contentType != "text/plain" {
				t.Errorf("body is %s", parts[0].contentType)
			}
			for _, w := range tc.body {
				if !strings.Contains(string(parts[0].body), w) {
					t.Errorf("body lacks %q:\n%s", w, parts[0].body)
				}
			}
			if a := parts[1]; a.filename != tc.attach.Name || a.contentType != tc.attach.ContentType || !bytes.Equal(a.body, tc.attach.Data) {
				t.Errorf("attachment %q %q (%d bytes), want %q %q", a.filename, a.contentType, len(a.body), tc.attach.Name, tc.attach.ContentType)
			}
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	ok := Message{From: netmail.Address{Address: "caf@example.fr"}, To: []netmail.Address{{Address: "a@example.fr"}}, Subject: "s"}
	for name, edit := range map[string]func(m *Message){
		"no sender":     func(m *Message) { m.From = netmail.Address{} },
		"no recipient":  func(m *Message) { m.To = nil },
		"bad recipient": func(m *Message) { m.To = []netmail.Address{{Address: "pas une adresse"}} },
	} {
		t.Run(name, func(t *testing.T) {
			m := ok
			edit(&m)
			if _, err := Build(m); err == nil {
				t.Error("no error")
			}
		})
	}
}
