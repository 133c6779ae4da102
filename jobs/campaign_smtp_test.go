package jobs

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpMode is how the test server answers.
type smtpMode int

const (
	smtpAccept smtpMode = iota
	smtpRefuse          // 550 on every recipient
	smtpDrop            // closes the connection in the middle of DATA
)

// testSMTP is a real SMTP server (emersion/go-smtp) on the loopback
// interface that keeps what it accepted.
type testSMTP struct {
	mode     smtpMode
	user, pw string
	mu       sync.Mutex
	messages [][]byte
	rcpts    []string
	authed   bool
	tls      bool
	port     int
}

func (s *testSMTP) NewSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.Conn().(*tls.Conn)
	return &smtpSession{srv: s, conn: c, tls: isTLS}, nil
}

type smtpSession struct {
	srv    *testSMTP
	conn   *smtp.Conn
	tls    bool
	authed bool
	rcpts  []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pw string) error {
		if user != s.srv.user || pw != s.srv.pw {
			return errors.New("bad credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(string, *smtp.MailOptions) error {
	if s.srv.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.mode == smtpRefuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	if s.srv.mode == smtpDrop {
		io.CopyN(io.Discard, r, 512)
		s.conn.Conn().Close()
		return errors.New("dropped")
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.Conn().(*tls.Conn)
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.messages = append(s.srv.messages, b)
	s.srv.rcpts = append(s.srv.rcpts, s.rcpts...)
	s.srv.authed = s.srv.authed || s.authed
	s.srv.tls = s.srv.tls || isTLS
	return nil
}

func (s *smtpSession) Reset()        { s.rcpts = nil }
func (s *smtpSession) Logout() error { return nil }

func (s *testSMTP) received() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.messages...)
}

// startSMTP starts a server on 127.0.0.1; with cert, it offers STARTTLS.
func startSMTP(t *testing.T, mode smtpMode, cert *tls.Certificate, user, pw string) *testSMTP {
	t.Helper()
	be := &testSMTP{mode: mode, user: user, pw: pw}
	s := smtp.NewServer(be)
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 5*time.Second, 5*time.Second
	s.AllowInsecureAuth = cert == nil
	if cert != nil {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	be.port = l.Addr().(*net.TCPAddr).Port
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return be
}

// selfSigned returns a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (*tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// runWithMail runs the pipeline on day with SMTP pointed at srv.
func (e *campaignEnv) runWithMail(day string, srv *testSMTP, pool *x509.CertPool) RunReport {
	e.t.Helper()
	o := e.opts(day)
	o.Config.Mail = MailConfig{Host: "127.0.0.1", Port: srv.port, StartTLS: pool != nil, Timeout: Duration{5 * time.Second}}
	if srv.user != "" {
		o.Config.Mail.User, o.Config.Mail.PasswordEnv = srv.user, "HABILITATIONS_TEST_SMTP_PASSWORD"
	}
	if pool != nil {
		o.MailTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	}
	rep, err := RunPipeline(context.Background(), o)
	if err != nil {
		e.t.Fatalf("run of %s: %v", day, err)
	}
	return rep
}

func TestCampaignSMTP(t *testing.T) {
	cert, pool := selfSigned(t)
	t.Setenv("HABILITATIONS_TEST_SMTP_PASSWORD", "s3cret-pw")
	cases := []struct {
		name  string
		first smtpMode
	}{
		{"accepted at once", smtpAccept},
		{"refused, then sent by the next run", smtpRefuse},
		{"connection dropped, then sent by the next run", smtpDrop},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newCampaignEnv(t, nil)
			e.run("2027-02-01")
			e.run("2027-02-10") // workbook prepared, no message yet
			srv := startSMTP(t, c.first, cert, "caf-relais", "s3cret-pw")
			rep := e.runWithMail("2027-02-25", srv, pool)
			sum := rep.Campaign
			if sum.Mails != 1 {
				t.Fatalf("campaign %+v, want one reminder written", sum)
			}
			l := e.line("2027-02-25")
			if c.first != smtpAccept {
				if sum.Sent != 0 || sum.Failed != 1 || sum.Unsent != 1 || len(srv.received()) != 0 {
					t.Fatalf("first send: %+v, %d received", sum, len(srv.received()))
				}
				if m := l.Mails[0]; m.Status != "failed" || m.Error == "" || strings.Contains(m.Error, "@") {
					t.Errorf("failed message %+v: status failed with an error holding no address", m)
				}
				srv = startSMTP(t, smtpAccept, cert, "caf-relais", "s3cret-pw")
				if rep := e.runWithMail("2027-02-26", srv, pool); rep.Campaign.Sent != 1 || rep.Campaign.Failed != 0 || rep.Campaign.Mails != 0 {
					t.Fatalf("retry: %+v", rep.Campaign)
				}
			} else if sum.Sent != 1 || sum.Failed != 0 || sum.Unsent != 0 {
				t.Fatalf("send: %+v", sum)
			}
			// Sent once: later runs send nothing again.
			if rep := e.runWithMail("2027-02-27", srv, pool); rep.Campaign.Sent != 0 || rep.Campaign.Unsent != 0 {
				t.Fatalf("a later run: %+v", rep.Campaign)
			}
			got := srv.received()
			if len(got) != 1 || !srv.tls || !srv.authed {
				t.Fatalf("%d messages received (tls %t, auth %t), want one over STARTTLS with AUTH", len(got), srv.tls, srv.authed)
			}
			if len(srv.rcpts) != 2 {
				t.Errorf("recipients %v, want the two administrators of Annexe 1", srv.rcpts)
			}
			if l := e.line("2027-02-27"); l.Mails[0].Status != "sent" {
				t.Errorf("stored status %q", l.Mails[0].Status)
			}
			msg, err := netmail.ReadMessage(bytes.NewReader(got[0]))
			if err != nil {
				t.Fatal(err)
			}
			subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if subject != "[CDAP] Revue annuelle des habilitations à rendre le 12/03/2027 – convention n° 04/2018" {
				t.Errorf("Subject %q", subject)
			}
			if !strings.Contains(string(got[0]), `filename="revue-04-2018.xlsx"`) ||
				!strings.Contains(string(got[0]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
				t.Errorf("the workbook is not attached as sent")
			}
			if id := msg.Header.Get("Message-Id"); id != "<campagne.rappel-1.04-2018.2027-03-12@caf.cnafmail.fr>" {
				t.Errorf("Message-ID %q", id)
			}
		})
	}
}

func TestCampaignSMTPUnreachable(t *testing.T) {
	e := newCampaignEnv(t, nil)
	e.run("2027-02-10")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there
	o := e.opts("2027-02-25")
	o.Config.Mail = MailConfig{Host: "127.0.0.1", Port: port, Timeout: Duration{2 * time.Second}}
	rep, err := RunPipeline(context.Background(), o)
	if err != nil {
		t.Fatalf("an unreachable server failed the run: %v", err)
	}
	if c := rep.Campaign; c.Mails != 1 || c.Failed != 1 || c.Unsent != 1 {
		t.Errorf("campaign %+v", c)
	}
}
