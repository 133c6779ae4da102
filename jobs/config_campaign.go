package jobs

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"os"
	"strings"
	"time"

	"habilitations/model"
)

// CampaignConfig holds the offsets of the review campaign's follow-up and
// who signs its letters.
type CampaignConfig struct {
	FirstReminderDays     int `toml:"first_reminder_days"`     // first reminder, days before the due date
	SecondReminderDays    int `toml:"second_reminder_days"`    // second reminder, days before the due date (0: on it)
	EscalationDays        int `toml:"escalation_days"`         // formal notice, days after the due date without decisions
	FindingEscalationDays int `toml:"finding_escalation_days"` // a quota breach open longer escalates too
	// Signatory and SignatoryTitle sign the letters for the Caf; "" takes
	// the Caf's representative printed in the convention (its director when
	// it was signed, who may have changed since).
	Signatory      string `toml:"signatory"`
	SignatoryTitle string `toml:"signatory_title"`
	// Place is where the letters are dated from; "" takes the place the
	// contrat de service was signed at.
	Place string `toml:"place"`
}

// Settings returns the offsets as the model's rules take them.
func (c CampaignConfig) Settings() model.CampaignSettings {
	return model.CampaignSettings{FirstReminderDays: c.FirstReminderDays, SecondReminderDays: c.SecondReminderDays,
		EscalationDays: c.EscalationDays, FindingEscalationDays: c.FindingEscalationDays}
}

// MailConfig is the SMTP server the campaign's messages are sent through.
// Without a host the messages are only written as .eml files for an agent
// to send. The password is never in this file: it is read from a file or an
// environment variable when a run sends.
type MailConfig struct {
	Host         string   `toml:"host"`          // "" : write .eml files only
	Port         int      `toml:"port"`          // 587 (submission)
	StartTLS     bool     `toml:"starttls"`      // true: STARTTLS is required; false: plain SMTP (a relay on the local network)
	User         string   `toml:"user"`          // "" : no authentication
	PasswordFile string   `toml:"password_file"` // file holding the password (first line), mode 0600
	PasswordEnv  string   `toml:"password_env"`  // or the environment variable holding it
	From         string   `toml:"from"`          // the Caf's address; "" takes the Caf's Annexe 1 mailbox of each convention
	FromName     string   `toml:"from_name"`     // display name of the sender; "" takes the Caf's name
	Timeout      Duration `toml:"timeout"`       // per connection and command
}

// Enabled reports whether the runs send the messages themselves.
func (m MailConfig) Enabled() bool { return strings.TrimSpace(m.Host) != "" }

func (m MailConfig) validate() []error {
	var errs []error
	if m.From != "" {
		if _, err := netmail.ParseAddress(m.From); err != nil {
			errs = append(errs, fmt.Errorf("mail.from %q is not an address", m.From))
		}
	}
	if !m.Enabled() {
		return errs
	}
	if m.Port <= 0 || m.Port > 65535 {
		errs = append(errs, fmt.Errorf("mail.port %d is not a port", m.Port))
	}
	if m.PasswordFile != "" && m.PasswordEnv != "" {
		errs = append(errs, errors.New("mail.password_file and mail.password_env are both set: choose one"))
	}
	if m.User != "" && m.PasswordFile == "" && m.PasswordEnv == "" {
		errs = append(errs, errors.New("mail.user is set without mail.password_file or mail.password_env"))
	}
	if m.Timeout.Duration <= 0 {
		errs = append(errs, errors.New("mail.timeout must be positive"))
	}
	return errs
}

// password reads the SMTP password from its file (first line) or its
// environment variable; "" when no user is set.
func (m MailConfig) password(getenv func(string) string) (string, error) {
	switch {
	case m.User == "":
		return "", nil
	case m.PasswordFile != "":
		b, err := os.ReadFile(m.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("mail password file: %w", err)
		}
		pw, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(pw, "\r"), nil
	default:
		if getenv == nil {
			getenv = os.Getenv
		}
		pw := getenv(m.PasswordEnv)
		if pw == "" {
			return "", fmt.Errorf("mail password: environment variable %s is empty", m.PasswordEnv)
		}
		return pw, nil
	}
}

// timeout is the SMTP timeout, with a default for a zero configuration.
func (m MailConfig) timeout() time.Duration {
	if m.Timeout.Duration <= 0 {
		return 30 * time.Second
	}
	return m.Timeout.Duration
}
