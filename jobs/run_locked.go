package jobs

// isLocked reports whether err says another process holds the data directory.
func isLocked(err error) bool { return false } // wired to ErrLocked when the lock lands

// statePath is the state database of a data directory.
func statePath(dir string) string { return dir + "/state.db" } // wired to the data directory layout when it lands
