package mails

import (
	"bytes"
	"fmt"
	"io"
	netmail "net/mail"
	"path"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Attachment is a file joined to a message.
type Attachment struct {
	Name        string // file name shown to the recipient
	ContentType string // e.g. ContentTypeXLSX
	Data        []byte
}

// Content types of the campaign's attachments.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypePDF  = "application/pdf"
)

// ContentTypeOf returns the content type of a file by its extension.
func ContentTypeOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		return ContentTypeXLSX
	case ".pdf":
		return ContentTypePDF
	case ".csv":
		return "text/csv"
	}
	return "application/octet-stream"
}

// Message is one message of the campaign.
type Message struct {
	From        netmail.Address
	To          []netmail.Address
	Subject     string
	Body        string // plain text, UTF-8
	Attachments []Attachment
	MessageID   string // without angle brackets; stable, so that a message is recognisable
	Date        time.Time
}

// Build returns m as a go-mail message, ready to write or send.
func Build(m Message) (*gomail.Msg, error) {
	if m.From.Address == "" {
		return nil, fmt.Errorf("message %q: no sender", m.Subject)
	}
	if len(m.To) == 0 {
		return nil, fmt.Errorf("message %q: no recipient", m.Subject)
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent(), gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.FromFormat(m.From.Name, m.From.Address); err != nil {
		return nil, fmt.Errorf("message %q: sender: %w", m.Subject, err)
	}
	to := make([]*netmail.Address, len(m.To))
	for i := range m.To {
		if _, err := netmail.ParseAddress(m.To[i].Address); err != nil {
			return nil, fmt.Errorf("message %q: recipient %d: %w", m.Subject, i+1, err)
		}
		to[i] = &m.To[i]
	}
	msg.ToMailAddress(to...)
	msg.Subject(m.Subject)
	msg.SetDateWithValue(m.Date)
	if m.MessageID != "" {
		msg.SetMessageIDWithValue(m.MessageID)
	}
	msg.SetGenHeader(gomail.HeaderContentLang, "fr")
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("message %q: attachment %s: %w", m.Subject, a.Name, err)
		}
	}
	return msg, nil
}

// Write writes m as an RFC 5322 message (the content of an .eml file).
func Write(w io.Writer, m Message) error {
	msg, err := Build(m)
	if err != nil {
		return err
	}
	if _, err := msg.WriteTo(w); err != nil {
		return fmt.Errorf("message %q: %w", m.Subject, err)
	}
	return nil
}
