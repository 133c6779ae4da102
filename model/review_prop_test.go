package model_test

import (
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestBuildReviewOrderFree checks that the recommendation of each row (by
// its key) does not depend on the order of the export rows.
func TestBuildReviewOrderFree(t *testing.T) {
	rec, rows, fs := reviewFixture(t)
	asOf := mustDate(t, "2026-11-25")
	want := map[string]model.Recommendation{}
	for _, r := range model.BuildReview(rec, rows, fs, asOf).Rows {
		want[r.Key] = r.Recommendation
	}
	rapid.Check(t, func(t *rapid.T) {
		perm := rapid.Permutation(rows).Draw(t, "rows")
		for _, r := range model.BuildReview(rec, perm, fs, asOf).Rows {
			if r.Recommendation != want[r.Key] {
				t.Fatalf("%s: %+v, want %+v", r.Account, r.Recommendation, want[r.Key])
			}
		}
	})
}

// TestCheckActionsRemovalProperty: a removal is applied exactly when no
// active or suspended row of that habilitation is left.
func TestCheckActionsRemovalProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		statuses := rapid.SliceOfN(rapid.SampledFrom([]string{model.StatusActive, model.StatusSuspended, model.StatusDisabled}), 0, 3).Draw(t, "statuses")
		var rows []model.Habilitation
		holds := false
		for _, s := range statuses {
			rows = append(rows, model.Habilitation{Account: "u1", Unit: "U", Service: "Cdap", Profile: model.T1, Status: s})
			holds = holds || s != model.StatusDisabled
		}
		res := model.CheckActions([]model.Action{{Kind: model.ActionRemove, Account: "u1", Unit: "U", Service: "Cdap", Profile: model.T1}}, rows)
		if (res[0].State == model.ActionApplied) == holds {
			t.Fatalf("statuses %v: %s", statuses, res[0].State)
		}
	})
}

// reviewControlJoined is the unkeyed control as first written, over joined
// strings with hash/fnv: workbooks already sent carry controls made so.
func reviewControlJoined(workbookID, key string, cells [model.ReviewProtectedCount]string) string {
	digest := func(parts ...string) uint64 {
		h := fnv.New64a()
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0x1f})
		}
		return h.Sum64()
	}
	b := binary.BigEndian.AppendUint32(nil, uint32(digest(workbookID, key, "")))
	for i, c := range cells {
		b = binary.BigEndian.AppendUint16(b, uint16(digest(workbookID, key, strconv.Itoa(i)+"\x1f"+c)))
	}
	return hex.EncodeToString(b)
}

// TestReviewControlDigest: the control does not change with its
// implementation (a control made last year must still check), on a pinned
// row and on any strings.
func TestReviewControlDigest(t *testing.T) {
	cells := [model.ReviewProtectedCount]string{"u-10000", "Martin", "Léa", "lea.martin0@x.fr", "Service social général", "Cdap", "T1",
		"Utilisateur", "Actif", "2018-01-01", "", "Compte inactif\nComptes en double", "Supprimer", "Compte inactif depuis 400 jours."}
	if got, want := model.UnkeyedReviewSealer().Control("0123456789abcdef", "840084fd6b6f6ea0", cells), "f7be3f6aab4a45532b9ecdd747c3045859b611ab6f50e24b54c699ca459b6e46"; got != want {
		t.Errorf("pinned control %s, want %s", got, want)
	}
	rapid.Check(t, func(t *rapid.T) {
		id, key := rapid.String().Draw(t, "id"), rapid.String().Draw(t, "key")
		var cells [model.ReviewProtectedCount]string
		for i := range cells {
			cells[i] = rapid.String().Draw(t, "cell")
		}
		if got, want := model.UnkeyedReviewSealer().Control(id, key, cells), reviewControlJoined(id, key, cells); got != want {
			t.Fatalf("control %s, want %s", got, want)
		}
	})
}
