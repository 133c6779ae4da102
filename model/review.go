package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Decision is what the partner's reviewer decides for one habilitation in the
// annual review (contrat de service art. 2.2.2). The values are the French
// labels of the workbook's drop-down list.
type Decision string

// The four decisions of the review workbook.
const (
	DecisionKeep          Decision = "Maintenir"
	DecisionRemove        Decision = "Supprimer"
	DecisionChangeProfile Decision = "Modifier le profil"
	DecisionUnsure        Decision = "Ne sait pas"
)

// Decisions lists the decisions in drop-down order.
var Decisions = [...]Decision{DecisionKeep, DecisionRemove, DecisionChangeProfile, DecisionUnsure}

// ParseDecision reads a decision as a reviewer may have typed it: case,
// accents and spaces are ignored.
func ParseDecision(s string) (Decision, bool) {
	k := Fold(s)
	for _, d := range Decisions {
		if Fold(string(d)) == k {
			return d, true
		}
	}
	return "", false
}

// Verdict is the recommendation the pipeline makes for one habilitation.
type Verdict string

// The three recommendations of the review workbook.
const (
	VerdictKeep   Verdict = "Maintenir"
	VerdictRemove Verdict = "Supprimer"
	VerdictCheck  Verdict = "Vérifier"
)

// ParseVerdict reads a recommendation back from a workbook cell.
func ParseVerdict(s string) (Verdict, bool) {
	switch Fold(s) {
	case "maintenir":
		return VerdictKeep, true
	case "supprimer":
		return VerdictRemove, true
	case "verifier":
		return VerdictCheck, true
	}
	return "", false
}

// Recommendation is a verdict with its reason in French.
type Recommendation struct {
	Verdict Verdict
	Reason  string
}

// NeedsJustification reports whether decision d goes against recommendation
// v, so that the reviewer must say why. Keeping (or not deciding on) an
// account the Caf asks to remove or to check needs a reason, as does changing
// the profile of an account to remove; removing is never questioned.
func NeedsJustification(v Verdict, d Decision) bool {
	switch v {
	case VerdictRemove:
		return d != DecisionRemove
	case VerdictCheck:
		return d == DecisionKeep || d == DecisionUnsure
	}
	return false
}

// ReviewRowKey is the stable key of one habilitation in a review: the same
// convention, account, unit, service and profile give the same key from one
// year to the next, whatever the order of the export. Values are folded so
// that a case or accent change in the export does not change the key.
func ReviewRowKey(convention, account, unit, service string, profile Profile) string {
	return reviewRowKey(reviewFolds{}, convention, account, unit, service, profile)
}

func reviewRowKey(fc reviewFolds, convention, account, unit, service string, profile Profile) string {
	b := make([]byte, 0, 128)
	for _, s := range []string{convention, account, unit, service, string(profile)} {
		b = append(b, fc.fold(s)...)
		b = append(b, 0x1f)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// ReviewDue returns the date by which the annual review of a convention
// signed on signedOn (ISO) is due, seen on asOf: the convention's
// anniversary in asOf's year, or in the next year when it has passed. A
// convention signed on 29 February has its anniversary on 28 February in
// common years. The zero Date is returned when signedOn is not a date.
func ReviewDue(signedOn string, asOf Date) Date {
	s, err := ParseISODate(signedOn)
	if err != nil || asOf.IsZero() {
		return Date{}
	}
	for y := asOf.Time().Year(); ; y++ {
		d := anniversary(s, y)
		if !d.Before(asOf) {
			return d
		}
	}
}

// anniversary returns the day of year y matching s's month and day.
func anniversary(s Date, y int) Date {
	m, d := s.Time().Month(), s.Time().Day()
	if m == time.February && d == 29 && !isLeap(y) {
		d = 28
	}
	return NewDate(y, m, d)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// ReviewStatus is where a convention's annual review stands, as the Caf's
// consolidated workbook shows it.
type ReviewStatus string

// The review statuses, in the order a review goes through them.
const (
	ReviewToPrepare   ReviewStatus = "à préparer"
	ReviewSent        ReviewStatus = "envoyée"
	ReviewDecisions   ReviewStatus = "décisions reçues"
	ReviewAttestation ReviewStatus = "attestation produite"
)

// FrenchDate writes d as JJ/MM/AAAA, the form French readers expect; the
// zero date is "".
func FrenchDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

// frenchMonthNames are the month names for dates written in words.
var frenchMonthNames = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// FrenchDayMonth writes the day and month of d in words (« 3 mai »,
// « 1er juin »), as an anniversary is said.
func FrenchDayMonth(d Date) string {
	if d.IsZero() {
		return ""
	}
	day := d.Time().Day()
	n := strconv.Itoa(day)
	if day == 1 {
		n = "1er"
	}
	return n + " " + frenchMonthNames[d.Time().Month()-1]
}

// FrenchMonthYear writes the month of d in words with its year
// (« mai 2026 »), as a chart's category says it.
func FrenchMonthYear(d Date) string {
	if d.IsZero() {
		return ""
	}
	return frenchMonthNames[d.Time().Month()-1] + " " + strconv.Itoa(d.Time().Year())
}
