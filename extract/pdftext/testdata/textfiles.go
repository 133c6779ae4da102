//go:build ignore

// Command textfiles prints the corpus PDFs that have a text layer (the batch
// workload of bench.sh), as pdftotext reads them without error.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*", "*.pdf"))
	var out []string
	for _, f := range files {
		if b, err := exec.Command("pdftotext", f, "-").Output(); err == nil && len(strings.TrimSpace(string(b))) > 0 {
			out = append(out, f)
		}
	}
	fmt.Println(strings.Join(out, " "))
}
