package model

import "strings"

// Profile is a Cdap user profile code.
type Profile string

// The five profiles of the bulletin's quota table.
const (
	T1  Profile = "T1"  // action sociale
	T2  Profile = "T2"  // prestataires de services sociaux
	T4  Profile = "T4"  // services instructeurs (Rsa)
	T5  Profile = "T5"  // chargés de suivi des dossiers Rsa
	T13 Profile = "T13" // agents administratifs, also written TD or « T13 (TD) »
)

// Profiles lists the profiles in the order of the quota table.
var Profiles = [...]Profile{T1, T2, T4, T5, T13}

// ParseProfile reads a profile as written in a bulletin or an export:
// case and spaces are ignored, and « TD » or « T13 (TD) » mean T13.
func ParseProfile(s string) (Profile, bool) {
	k := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	switch k {
	case "T1", "T2", "T4", "T5", "T13":
		return Profile(k), true
	case "TD", "T13(TD)", "TD(T13)":
		return T13, true
	}
	return "", false
}

// Quotas is the number of users authorised per profile. A blank cell in the
// bulletin is 0. The JSON always holds the five keys.
type Quotas struct {
	T1  int `json:"T1" validate:"gte=0,lte=100000"`
	T2  int `json:"T2" validate:"gte=0,lte=100000"`
	T4  int `json:"T4" validate:"gte=0,lte=100000"`
	T5  int `json:"T5" validate:"gte=0,lte=100000"`
	T13 int `json:"T13" validate:"gte=0,lte=100000"`
}

// Get returns the quota of profile p (0 for an unknown profile).
func (q Quotas) Get(p Profile) int {
	switch p {
	case T1:
		return q.T1
	case T2:
		return q.T2
	case T4:
		return q.T4
	case T5:
		return q.T5
	case T13:
		return q.T13
	}
	return 0
}

// Set sets the quota of profile p; unknown profiles are ignored.
func (q *Quotas) Set(p Profile, n int) {
	switch p {
	case T1:
		q.T1 = n
	case T2:
		q.T2 = n
	case T4:
		q.T4 = n
	case T5:
		q.T5 = n
	case T13:
		q.T13 = n
	}
}

// Total is the number of users authorised over all profiles.
func (q Quotas) Total() int { return q.T1 + q.T2 + q.T4 + q.T5 + q.T13 }
