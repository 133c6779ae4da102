package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date without time of day or zone. The zero Date means
// "none" (e.g. never logged in) and marshals as "".
//
// It is kept as a day number (4 bytes rather than a 24-byte time.Time)
// because an export row holds two dates and a nightly run holds a million
// rows in memory.
type Date struct{ n int32 } // days since 0001-01-01, plus one; 0 is "none"

// epochDays is the day number of 1970-01-01 counted from 0001-01-01.
const epochDays = 719162

// NewDate returns the date y-m-d (normalised like time.Date: 31 April is 1 May).
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{int32(floorDiv(t.Unix(), 86400) + epochDays + 1)}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns d at midnight UTC (the zero time.Time for the zero Date).
func (d Date) Time() time.Time {
	if d.n == 0 {
		return time.Time{}
	}
	return time.Unix((int64(d.n)-1-epochDays)*86400, 0).UTC()
}

// String returns d as ISO YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return Date{d.n + int32(n)} }

// DaysSince returns the number of days from e to d (positive when d is later).
func (d Date) DaysSince(e Date) int { return int(d.n - e.n) }

// MarshalText writes the ISO form ("" for zero).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; "" is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseISODate reads YYYY-MM-DD.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q (expected YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

var frenchMonths = map[string]time.Month{
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
	"mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
	"octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}

var (
	reNumericDate = regexp.MustCompile(`^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$`)
	reISODate     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reWordDate    = regexp.MustCompile(`^(\d{1,2})\s*(?:er)?\s+([a-z]+)\.?\s+(\d{4})$`)
)

// ParseFrenchDate reads the date forms found in signed dossiers and exports:
// « - 3 MAI 2017 », « 3 mai 2017 », « 1er juin 2021 », « 03/05/2017 », « 3.5.2017 »
// and ISO « 2017-05-03 ». Leading dashes, « le » and weekday names are ignored.
func ParseFrenchDate(s string) (Date, error) {
	k := Fold(s)
	k = strings.Trim(k, " -–—,.")
	k = strings.TrimPrefix(k, "le ")
	for _, wd := range []string{"lundi ", "mardi ", "mercredi ", "jeudi ", "vendredi ", "samedi ", "dimanche "} {
		k = strings.TrimPrefix(k, wd)
	}
	k = strings.TrimSpace(k)
	// Text recognition reads « 1er » as « ler » or « ier ».
	for _, first := range []string{"ler ", "ier ", "l er ", "1 er "} {
		if strings.HasPrefix(k, first) {
			k = "1 " + k[len(first):]
		}
	}
	var y, m, d int
	if g := reISODate.FindStringSubmatch(k); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reNumericDate.FindStringSubmatch(k); g != nil {
		d, m, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reWordDate.FindStringSubmatch(k); g != nil {
		mo, ok := frenchMonths[g[2]]
		if !ok {
			return Date{}, fmt.Errorf("unknown month in date %q", s)
		}
		d, m, y = atoi(g[1]), int(mo), atoi(g[3])
	} else {
		return Date{}, fmt.Errorf("unreadable date %q", s)
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return Date{}, fmt.Errorf("date out of range %q", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, fmt.Errorf("no such day %q", s)
	}
	return DateOf(t), nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
