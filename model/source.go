package model

import "encoding/json"

// Source says where a record's text came from (records.md §2b): how many
// pages the file has, how many were read by text recognition, and the mean
// confidence of that recognition (1 when no page was).
type Source struct {
	Pages         int     `json:"pages"`
	PagesOCR      int     `json:"pages_ocr"`
	OCRConfidence float64 `json:"ocr_confidence"`
}

// BornDigital is the source of a file of n pages read from its text layer.
func BornDigital(n int) Source { return Source{Pages: n, OCRConfidence: 1} }

// VerifyReason is why a value read from a scan must be checked by a person
// (records.md §2b).
type VerifyReason string

// The reasons of records.md §2b.
const (
	VerifyLowConfidence VerifyReason = "low_confidence" // the recognition is unsure of a character
	VerifyRepaired      VerifyReason = "repaired"       // the value as read failed a rule and was mended
	VerifyAmbiguous     VerifyReason = "ambiguous"      // two readings disagree
	VerifyUnreadable    VerifyReason = "unreadable"     // the value could not be read; Value is empty
)

// Box is a region of a page image, in pixels of the image recognised (Width
// and Height give its size): where a value was read, for the person who
// checks it.
type Box struct {
	Left   int `json:"left"`
	Top    int `json:"top"`
	Width  int `json:"width"`
	Height int `json:"height"`
	// ImageWidth, ImageHeight are the size of the page image the box is in.
	ImageWidth  int `json:"image_width"`
	ImageHeight int `json:"image_height"`
}

// ToVerify is one value of a record read from a scan that a person must
// check (records.md §2b). Field is the value's path in the record
// (convention.partner.siret, contacts[2].phone, services[0].quotas.T13);
// Value is a string, or an int for a quota.
type ToVerify struct {
	Field      string       `json:"field"`
	Value      any          `json:"value"`
	Page       int          `json:"page"`
	Confidence float64      `json:"confidence"`
	Reason     VerifyReason `json:"reason"`
	// Box is where on the page the value was read (not in records.md: the
	// verification workbook crops the page image to it).
	Box *Box `json:"box,omitempty"`
	// Picture is that region of the page image as a PNG, cropped when the
	// value was read (the image itself is not kept): for the verification
	// workbook. Not part of the record's JSON; the store keeps it aside.
	Picture []byte `json:"-"`
}

// MarshalJSON writes the record with `to_verify` always a list, as
// records.md §2b requires ([] for a born-digital PDF).
func (r Record) MarshalJSON() ([]byte, error) {
	if r.Kind == KindAdminChange {
		return marshalAdminChange(r)
	}
	type plain Record // without this method
	if r.ToVerify == nil {
		r.ToVerify = []ToVerify{}
	}
	if r.Contacts == nil {
		r.Contacts = []Contact{}
	}
	return json.Marshal(plain(r))
}

// NeedsVerification reports whether a person must still check values of
// the record: its conventions are shown « à vérifier » until they have.
func (r Record) NeedsVerification() bool { return len(r.ToVerify) > 0 }
