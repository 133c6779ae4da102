package sample

import (
	"sync"

	"habilitations/model"
)

// model.Fold allocates a transformer on each call; the generator folds the
// same few hundred names, units and cities again and again, so it memoises.
var foldMemo, lettersMemo sync.Map

func fold(s string) string {
	if v, ok := foldMemo.Load(s); ok {
		return v.(string)
	}
	f := model.Fold(s)
	foldMemo.Store(s, f)
	return f
}

func letters(s string) string {
	if v, ok := lettersMemo.Load(s); ok {
		return v.(string)
	}
	l := model.Letters(s)
	lettersMemo.Store(s, l)
	return l
}
