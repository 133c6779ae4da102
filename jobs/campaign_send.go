package jobs

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"regexp"

	gomail "github.com/wneessen/go-mail"

	"habilitations/jobs/store"
)

// sendPending sends, over the configured SMTP server, every message of the
// store not sent yet (written by this run or an earlier one, or whose send
// failed). Each message is the .eml file an agent would open, read back, so
// that what is sent is what is on disk. A message is marked sent only after
// the server accepted it, and a sent message is never sent again; a refusal
// or a dropped connection marks it failed, with the server's reply (no
// address), for the next run. A server that cannot be reached fails every
// pending message the same way: the run itself goes on.
func sendPending(ctx context.Context, st *store.Store, dd *DataDir, o CampaignOptions, sum *CampaignSummary, log *slog.Logger) error {
	pending, err := st.Mails(ctx, true)
	if err != nil || len(pending) == 0 {
		return err
	}
	cfg := o.Config.Mail
	fail := func(m store.Mail, err error) error {
		sum.Failed++
		log.Warn("campaign message not sent", "id", m.ID, "kind", m.Kind, "path", m.Path, "attempt", m.Attempts+1, "error", redactAddresses(err.Error()))
		return st.MarkMailFailed(ctx, m.ID, redactAddresses(err.Error()))
	}
	client, err := smtpClient(cfg, o)
	if err == nil {
		err = client.DialWithContext(ctx)
	}
	if err != nil {
		for _, m := range pending {
			if ferr := fail(m, fmt.Errorf("smtp %s:%d: %w", cfg.Host, cfg.Port, err)); ferr != nil {
				return ferr
			}
		}
		return nil
	}
	defer client.Close()
	for _, m := range pending {
		if err := ctx.Err(); err != nil {
			return err
		}
		msg, err := gomail.EMLToMsgFromFile(dd.Path(m.Path))
		if err != nil {
			if ferr := fail(m, fmt.Errorf("read %s: %w", m.Path, err)); ferr != nil {
				return ferr
			}
			continue
		}
		if err := client.Send(msg); err != nil {
			if ferr := fail(m, err); ferr != nil {
				return ferr
			}
			// The connection may be gone (a server that drops it): the
			// next messages try a new one rather than fail on a dead one.
			client.Close()
			if derr := client.DialWithContext(ctx); derr != nil {
				log.Warn("smtp reconnect failed", "error", redactAddresses(derr.Error()))
			}
			continue
		}
		if err := st.MarkMailSent(ctx, m.ID); err != nil {
			return err
		}
		sum.Sent++
	}
	return nil
}

// smtpClient builds the go-mail client of the configuration: STARTTLS
// required or plain SMTP, PLAIN authentication when a user is set.
func smtpClient(cfg MailConfig, o CampaignOptions) (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(cfg.timeout()), gomail.WithTLSPolicy(gomail.NoTLS)}
	if cfg.StartTLS {
		tc := o.TLS
		if tc == nil {
			tc = &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
		}
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tc))
	}
	if cfg.User != "" {
		pw, err := cfg.password(o.Getenv)
		if err != nil {
			return nil, err
		}
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(cfg.User), gomail.WithPassword(pw))
	} else {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthNoAuth))
	}
	return gomail.NewClient(cfg.Host, opts...)
}

// reAddress matches an e-mail address in an SMTP error (go-mail names the
// recipients a refusal affects): logs and the store keep no address.
var reAddress = regexp.MustCompile(`[^\s<>,;:"']+@[^\s<>,;:"']+`)

func redactAddresses(s string) string { return reAddress.ReplaceAllString(s, "<adresse>") }
