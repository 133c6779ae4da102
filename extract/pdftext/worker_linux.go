package pdftext

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// limitAddressSpace caps the process's address space at its current size
// plus max bytes: the Go runtime reserves about a gigabyte of address space
// at start, so an absolute cap would be either useless or fatal. Past the
// cap an allocation fails and the runtime exits, which the parent reports as
// a file that cannot be read within bounds.
func limitAddressSpace(max int64) {
	cur := vmSize()
	if cur <= 0 || max <= 0 {
		return
	}
	lim := uint64(cur + max)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim})
}

// vmSize reads the process's current virtual size from /proc/self/status.
func vmSize() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
