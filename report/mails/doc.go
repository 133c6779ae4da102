// Package mails writes the messages of the review campaign (reminders of
// the annual review, copy of a formal notice) as RFC 5322 messages in
// French, with their attachment, using github.com/wneessen/go-mail. The
// same bytes are written to an .eml file that a Caf agent opens and sends
// from their mail client, and are what jobs sends over SMTP when it is
// configured. Texts state facts (convention, due date, days late) and what
// to do; they hold the partner's and the Caf's addresses only in the
// headers.
package mails
