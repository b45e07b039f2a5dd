//! The command line of `ruhu-county`: its global options, commands and their arguments, and
//! the front options (public URL, trusted proxy, enrollment limit) turned into serve options.

use clap::{Parser, Subcommand};
use ruhu_county::serve as server_opts;
use ruhu_proto::v1::Role;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "ruhu-county",
    version,
    about = "Ruhu county store: sync server, enrollment, demo"
)]
pub(crate) struct Cli {
    /// Data directory (database, key file).
    #[arg(long, global = true, default_value = "ruhu-data")]
    pub(crate) data_dir: PathBuf,
    /// Database key file (32 bytes; created on first use). Default: <data-dir>/county.key.
    #[arg(long, global = true)]
    pub(crate) key_file: Option<PathBuf>,
    /// PostgreSQL instead of the embedded database: postgres://user:password@host:port/db
    /// (one database per county; several instances may share it). Prefer the environment
    /// variable, which keeps the password out of the process list.
    #[arg(long, global = true, env = "RUHU_DATABASE_URL", hide_env_values = true)]
    pub(crate) database: Option<String>,
    /// Folder of photo files (default <data-dir>/blobs), unless --s3-bucket is given.
    #[arg(long, global = true)]
    pub(crate) blob_dir: Option<PathBuf>,
    /// Keep photo files in this S3-compatible bucket (credentials from AWS_ACCESS_KEY_ID and
    /// AWS_SECRET_ACCESS_KEY).
    #[arg(long, global = true, env = "RUHU_S3_BUCKET")]
    pub(crate) s3_bucket: Option<String>,
    /// Endpoint of an S3-compatible service (OSS, COS, MinIO…); default Amazon S3.
    #[arg(long, global = true, env = "RUHU_S3_ENDPOINT")]
    pub(crate) s3_endpoint: Option<String>,
    /// Region of the bucket.
    #[arg(
        long,
        global = true,
        env = "RUHU_S3_REGION",
        default_value = "cn-north-1"
    )]
    pub(crate) s3_region: String,
    /// Key prefix of photo files in the bucket.
    #[arg(long, global = true, default_value = "photos")]
    pub(crate) s3_prefix: String,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Serve the county store.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8470")]
        listen: String,
        /// 6-digit county code, required the first time a data directory is used.
        #[arg(long)]
        county_code: Option<String>,
        #[command(flatten)]
        front: Front,
    },
    /// Seed a fictional county (first run only), print enrollment codes, and serve it.
    Demo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8470")]
        listen: String,
        /// Households to generate.
        #[arg(long, default_value_t = 400)]
        households: usize,
        #[command(flatten)]
        front: Front,
    },
    /// Issue a one-time enrollment code for a worker.
    EnrollCode {
        /// Worker id.
        #[arg(long)]
        worker_id: String,
        /// Name shown on the device.
        #[arg(long)]
        name: String,
        /// Villages (12 digits) or prefixes (township 9, county 6), comma separated.
        #[arg(long, value_delimiter = ',')]
        villages: Vec<String>,
        /// Grid codes, comma separated.
        #[arg(long, value_delimiter = ',')]
        grids: Vec<String>,
        /// grid-worker, township-officer or supervisor.
        #[arg(long, default_value = "grid-worker")]
        role: String,
        /// Hours the code stays valid.
        #[arg(long, default_value_t = 72)]
        valid_hours: i64,
        /// The base URL phones reach the county at, for the QR payload.
        #[arg(
            long,
            alias = "server-url",
            default_value = "https://county.example.invalid"
        )]
        public_url: String,
    },
    /// List enrolled devices (id, worker, role, label, enrolled, last sync, revoked).
    Devices,
    /// Set how phones store photos (sent to them with their next sync).
    PhotoSettings {
        /// Long edge of stored images, pixels.
        #[arg(long, default_value_t = 1600)]
        long_edge: u32,
        /// JPEG quality of stored images.
        #[arg(long, default_value_t = 80)]
        quality: u8,
        /// Long edge of thumbnails, pixels.
        #[arg(long, default_value_t = 320)]
        thumb_edge: u32,
        /// JPEG quality of thumbnails.
        #[arg(long, default_value_t = 70)]
        thumb_quality: u8,
    },
    /// Open cases by their nearest clock, overdue first (China time).
    Clocks {
        /// How many cases to list.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// The county policy: tiers, ceiling, deadlines, warnings, calendar years.
    Policy {
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// Create a console account (the password is read from RUHU_PASSWORD or standard input).
    AccountAdd {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Name shown.
        #[arg(long)]
        name: String,
        /// county-admin, supervisor or township-officer.
        #[arg(long)]
        role: String,
        /// Village code prefixes covered (county 6 digits, township 9, village 12), comma separated.
        #[arg(long, value_delimiter = ',')]
        scope: Vec<String>,
    },
    /// Import an existing 低保/特困 roster (.xlsx): all rows checked first, every problem
    /// listed by row and column, nothing imported unless every row is right.
    ImportRoster {
        /// The roster file.
        file: PathBuf,
    },
    /// Export the cases (ID numbers masked) as .xlsx.
    ExportCases {
        /// Where to write.
        file: PathBuf,
        /// Only a village or township (code prefix).
        #[arg(long)]
        village: Option<String>,
    },
    /// Back up the embedded store into a new folder while it may be serving: the database
    /// (still encrypted with the county key, which is not copied), the sealed photo files and
    /// a manifest. PostgreSQL: use pg_dump (see README.md, "Backup and restore").
    Backup {
        /// The new backup folder (written as <dir>.partial, renamed when whole).
        dir: PathBuf,
    },
    /// Restore the embedded store from a backup, the county stopped: every file is checked
    /// first, the current data is kept aside (renamed), never deleted.
    Restore {
        /// The backup folder.
        dir: PathBuf,
    },
    /// Revoke a device: its next sync is refused and it wipes its data.
    Revoke {
        /// Device id.
        device_id: String,
    },
}

/// How the county is reached from outside.
#[derive(clap::Args)]
pub(crate) struct Front {
    /// The base URL phones and browsers reach the county at (https://ruhu.example.cn), used in
    /// every printed link and enrollment QR code. Default: http://<listen> (loopback only:
    /// phones refuse plain http to any other address).
    #[arg(long)]
    pub(crate) public_url: Option<String>,
    /// The header a trusted reverse proxy in front of the county writes the client's address
    /// to (e.g. X-Forwarded-For); only then is it read. Without it the socket's address counts.
    #[arg(long)]
    pub(crate) trusted_proxy_header: Option<String>,
    /// Enrollment attempts allowed per client address in ten minutes: raise it for a training
    /// day when a township's phones enroll from behind one office address.
    #[arg(long, default_value_t = ruhu_county::gate::ENROLL_PER_ADDRESS)]
    pub(crate) enroll_per_address: u32,
}

impl Front {
    pub(crate) fn options(&self, listen: &str) -> Result<server_opts::ServeOptions, String> {
        let public_url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{listen}"));
        if !public_url.starts_with("https://") && !public_url.starts_with("http://") {
            return Err("--public-url takes an https:// (or, on loopback, http://) address".into());
        }
        let trusted_proxy_header = match &self.trusted_proxy_header {
            Some(h) => Some(
                axum::http::HeaderName::from_bytes(h.as_bytes())
                    .map_err(|_| format!("--trusted-proxy-header: {h} is not a header name"))?,
            ),
            None => None,
        };
        Ok(server_opts::ServeOptions {
            public_url,
            trusted_proxy_header,
            enroll_per_address: self.enroll_per_address.max(1),
            ..Default::default()
        })
    }
}

#[derive(Subcommand)]
pub(crate) enum PolicyAction {
    /// Print the policy in force as JSON.
    Show,
    /// Print the 东营 example policy as JSON, a starting point for a county's own.
    Example,
    /// Validate a policy file (JSON) and publish it; phones receive it with their next sync.
    Set {
        /// The policy, as `show` or `example` print it, with a higher version.
        file: PathBuf,
    },
}

pub(crate) fn role(text: &str) -> Option<Role> {
    ruhu_county::roles::parse_device_role(text)
}
