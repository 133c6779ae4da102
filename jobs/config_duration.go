package jobs

import (
	"fmt"
	"time"
)

// Duration is a time.Duration written in TOML as a Go duration string
// ("10s", "5m", "1h30m"), which reads better than nanoseconds.
type Duration struct{ time.Duration }

// MarshalText writes the duration as "1m30s".
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q (expected e.g. 10s, 5m, 1h)", b)
	}
	d.Duration = v
	return nil
}
