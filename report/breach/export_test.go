package breach

import "testing"

// SetMaxSheetRows makes a sheet hold n rows (excelize's 1,048,576) for the
// test's duration, so that a test reaches the limit with a few rows.
func SetMaxSheetRows(t testing.TB, n int) {
	old := maxSheetRows
	maxSheetRows = n
	t.Cleanup(func() { maxSheetRows = old })
}

// SetHolderWindow bounds the bytes of accounts placed at once, so that a
// small report is placed in several windows.
func SetHolderWindow(t testing.TB, n int64) {
	old := holderWindow
	holderWindow = n
	t.Cleanup(func() { holderWindow = old })
}
