package jobs

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // time_zone (Europe/Paris) resolves on machines without a zoneinfo database

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"

	"habilitations/extract/pdftext"
	"habilitations/report/breach"
)

// Config is every setting of the pipeline. It is read from one TOML file
// (LoadConfig) over the defaults of DefaultConfig, so that no file at all is a
// valid configuration. The README ("Configuration") documents each key.
type Config struct {
	// DataDir is the data directory (inbox/, exports/, archive/, …, state.db);
	// a relative path is relative to the working directory.
	DataDir string `toml:"data_dir"`
	// TimeZone is the IANA zone of the schedules and of the run dates.
	TimeZone string `toml:"time_zone"`
	// MemoryLimit is a soft memory limit of the process in bytes (the Go
	// runtime's GOMEMLIMIT: the garbage collector works harder near it);
	// 0 leaves the runtime's default. Large review workbooks are written
	// under a tighter limit of their own in any case (withHeapBound).
	MemoryLimit int64 `toml:"memory_limit"`

	Inbox      InboxConfig      `toml:"inbox"`
	Extraction ExtractionConfig `toml:"extraction"`
	Reconcile  ReconcileConfig  `toml:"reconcile"`
	Review     ReviewConfig     `toml:"review"`
	Report     ReportConfig     `toml:"report"`
	Campaign   CampaignConfig   `toml:"campaign"`
	Mail       MailConfig       `toml:"mail"`
	Schedule   ScheduleConfig   `toml:"schedule"`
	Retention  RetentionConfig  `toml:"retention"`
}

// InboxConfig holds the settings of the inbox and exports folders.
type InboxConfig struct {
	// Settle is how long a file's size and mtime must stay unchanged before it
	// is taken: a file still being copied (network share, scanner) is left alone.
	Settle Duration `toml:"settle"`
}

// ExtractionConfig bounds the PDF text extraction, so that one hostile or
// broken PDF cannot exhaust the machine.
type ExtractionConfig struct {
	MaxBytes  int64    `toml:"max_bytes"`  // larger files are rejected unread
	MaxPages  int      `toml:"max_pages"`  // pages beyond are not read
	Timeout   Duration `toml:"timeout"`    // per document
	MaxMemory int64    `toml:"max_memory"` // soft memory limit of the extraction worker, bytes
	Isolate   bool     `toml:"isolate"`    // extract in a child process (habilitations extract-worker)
}

// ReconcileConfig holds the thresholds of the reconciliation rules (records.md §4).
type ReconcileConfig struct {
	DormantDays    int `toml:"dormant_days"`     // an Actif account idle longer is dormant
	MailboxMinPart int `toml:"mailbox_min_part"` // shortest part of a name looked for in an e-mail
}

// ReviewConfig holds the settings of the annual review.
type ReviewConfig struct {
	// LeadDays is how many days before a convention's anniversary its review
	// workbook is prepared.
	LeadDays int `toml:"lead_days"`
}

// ReportConfig holds the settings of the nightly quota-breach report.
type ReportConfig struct {
	// SheetLimit is the most rows a detail sheet of the breach workbook
	// lists; a longer sheet is summarised, one line per convention and
	// finding, pointing to the CSV file that lists every row
	// (breach.Input.SheetLimit). Excel opens a million rows, but a sheet
	// of a few hundred thousand is slow to open and to filter.
	SheetLimit int `toml:"sheet_limit"`
}

// ScheduleConfig holds the cron specifications of `habilitations serve`.
// Each accepts five fields (minute hour day month weekday), six with leading
// seconds, or a descriptor (@daily, @every 5m). An empty spec disables the job.
type ScheduleConfig struct {
	Ingest    string `toml:"ingest"`    // inbox and exports
	Run       string `toml:"run"`       // the whole pipeline
	Review    string `toml:"review"`    // review workbooks of conventions falling due
	Retention string `toml:"retention"` // retention purge
}

// RetentionConfig holds how long data is kept (contrat de service art. 5.3.2).
// Zero means forever.
type RetentionConfig struct {
	// HabilitationYears: export data and the findings and review decisions
	// drawn from it are purged this long after they stopped being current.
	HabilitationYears int `toml:"habilitation_years"`
	ReportsDays       int `toml:"reports_days"`  // reports/<date>/ folders
	RejectedDays      int `toml:"rejected_days"` // rejected/ files and their .motif.txt
	ArchiveDays       int `toml:"archive_days"`  // archived signed dossiers (archive/)
}

// DefaultDataDir is the data directory when neither --data,
// $HABILITATIONS_DATA nor the configuration file names one.
const DefaultDataDir = "habilitations-data"

// DefaultConfig returns the configuration used when no file sets a key.
func DefaultConfig() Config {
	lim := pdftext.DefaultLimits()
	return Config{
		DataDir:  DefaultDataDir,
		TimeZone: "Europe/Paris",
		Inbox:    InboxConfig{Settle: Duration{10 * time.Second}},
		Extraction: ExtractionConfig{
			MaxBytes:  lim.MaxBytes,
			MaxPages:  lim.MaxPages,
			Timeout:   Duration{lim.Timeout},
			MaxMemory: lim.MaxMemory,
			Isolate:   true,
		},
		Reconcile: ReconcileConfig{DormantDays: 180, MailboxMinPart: 3},
		Review:    ReviewConfig{LeadDays: 30},
		Report:    ReportConfig{SheetLimit: breach.DefaultSheetLimit},
		Campaign:  CampaignConfig{FirstReminderDays: 15, SecondReminderDays: 0, EscalationDays: 30, FindingEscalationDays: 60},
		Mail:      MailConfig{Port: 587, StartTLS: true, Timeout: Duration{30 * time.Second}},
		Schedule: ScheduleConfig{
			Ingest:    "*/5 * * * *",
			Run:       "0 2 * * *",
			Review:    "30 6 * * *",
			Retention: "0 4 * * 0",
		},
		Retention: RetentionConfig{HabilitationYears: 6, ReportsDays: 400, RejectedDays: 400, ArchiveDays: 0},
	}
}

// ConfigError is an invalid configuration file or value.
type ConfigError struct {
	File string // "" for the defaults or a flag
	Err  error
}

func (e *ConfigError) Error() string {
	if e.File == "" {
		return "configuration: " + e.Err.Error()
	}
	return "configuration " + e.File + ": " + e.Err.Error()
}

func (e *ConfigError) Unwrap() error { return e.Err }

// LoadConfig reads the TOML file at path over the defaults. An empty path
// returns the defaults. Unknown keys are errors: a misspelt setting must not
// silently keep its default.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	if path != "" {
		md, err := toml.DecodeFile(path, &cfg)
		if err != nil {
			return Config{}, &ConfigError{File: path, Err: err}
		}
		if und := md.Undecoded(); len(und) > 0 {
			keys := make([]string, len(und))
			for i, k := range und {
				keys[i] = k.String()
			}
			return Config{}, &ConfigError{File: path, Err: fmt.Errorf("unknown keys: %s", strings.Join(keys, ", "))}
		}
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, &ConfigError{File: path, Err: err}
	}
	return cfg, nil
}

// Validate checks every value; it names the key at fault.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("data_dir is empty"))
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		errs = append(errs, fmt.Errorf("time_zone %q is not an IANA time zone", c.TimeZone))
	}
	positive := []struct {
		key string
		v   int64
	}{
		{"extraction.max_bytes", c.Extraction.MaxBytes},
		{"extraction.max_pages", int64(c.Extraction.MaxPages)},
		{"extraction.timeout", int64(c.Extraction.Timeout.Duration)},
		{"extraction.max_memory", c.Extraction.MaxMemory},
		{"reconcile.dormant_days", int64(c.Reconcile.DormantDays)},
		{"reconcile.mailbox_min_part", int64(c.Reconcile.MailboxMinPart)},
		{"report.sheet_limit", int64(c.Report.SheetLimit)},
	}
	for _, p := range positive {
		if p.v <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive", p.key))
		}
	}
	nonNegative := []struct {
		key string
		v   int64
	}{
		{"memory_limit", c.MemoryLimit},
		{"inbox.settle", int64(c.Inbox.Settle.Duration)},
		{"review.lead_days", int64(c.Review.LeadDays)},
		{"campaign.first_reminder_days", int64(c.Campaign.FirstReminderDays)},
		{"campaign.second_reminder_days", int64(c.Campaign.SecondReminderDays)},
		{"campaign.escalation_days", int64(c.Campaign.EscalationDays)},
		{"campaign.finding_escalation_days", int64(c.Campaign.FindingEscalationDays)},
		{"retention.habilitation_years", int64(c.Retention.HabilitationYears)},
		{"retention.reports_days", int64(c.Retention.ReportsDays)},
		{"retention.rejected_days", int64(c.Retention.RejectedDays)},
		{"retention.archive_days", int64(c.Retention.ArchiveDays)},
	}
	for _, p := range nonNegative {
		if p.v < 0 {
			errs = append(errs, fmt.Errorf("%s must not be negative", p.key))
		}
	}
	errs = append(errs, c.Mail.validate()...)
	for _, s := range c.Schedule.specs() {
		if s.spec == "" {
			continue
		}
		if _, err := ParseSchedule(s.spec); err != nil {
			errs = append(errs, fmt.Errorf("schedule.%s %q: %w", s.job, s.spec, err))
		}
	}
	return errors.Join(errs...)
}

// Location returns the time zone of the configuration (Validate checked it).
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// WriteTOML writes c as TOML, the form `habilitations config` prints and
// LoadConfig reads back.
func (c Config) WriteTOML(w io.Writer) error {
	return toml.NewEncoder(w).Encode(c)
}

// ConfigFromEnv returns the path of the configuration file named by the
// HABILITATIONS_CONFIG variable when flag is empty.
func ConfigFromEnv(flag string, getenv func(string) string) string {
	if flag != "" || getenv == nil {
		return flag
	}
	return getenv("HABILITATIONS_CONFIG")
}

// scheduleParser accepts standard five-field specs, six fields with leading
// seconds (used by tests and by sites that want it) and descriptors.
var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses one cron specification of the configuration.
func ParseSchedule(spec string) (cron.Schedule, error) {
	return scheduleParser.Parse(spec)
}

// scheduledJob is one named entry of the schedule configuration.
type scheduledJob struct{ job, spec string }

func (s ScheduleConfig) specs() []scheduledJob {
	return []scheduledJob{{JobIngest, s.Ingest}, {JobRun, s.Run}, {JobReview, s.Review}, {JobRetention, s.Retention}}
}

// Names of the scheduled jobs, as stored in the runs table and shown by status.
const (
	JobIngest    = "ingest"
	JobRun       = "run"
	JobReview    = "review"
	JobRetention = "retention"
)

// Limits returns the extraction limits of the configuration.
func (e ExtractionConfig) Limits() pdftext.Limits {
	return pdftext.Limits{MaxBytes: e.MaxBytes, MaxPages: e.MaxPages, Timeout: e.Timeout.Duration, MaxMemory: e.MaxMemory}
}
