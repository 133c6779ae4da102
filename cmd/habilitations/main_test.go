package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain removes the binary the end-to-end tests built (e2eBinary).
func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBin != "" {
		os.RemoveAll(filepath.Dir(e2eBin))
	}
	os.Exit(code)
}
