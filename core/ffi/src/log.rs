//! Forwards the core's log records to the app (Logcat, os_log) through a callback.
//! Records never carry personal data: the core logs operations, counts and error kinds only.

use std::sync::{Arc, OnceLock, RwLock};

/// Severity of a log record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum LogLevel {
    /// Something failed.
    Error,
    /// Something unusual.
    Warn,
    /// A completed operation.
    Info,
    /// Detail for support.
    Debug,
}

/// Implemented by the app to receive the core's log records.
#[uniffi::export(with_foreign)]
pub trait LogSink: Send + Sync {
    /// One record. Called on the thread that logged; must not block.
    fn log(&self, level: LogLevel, target: String, message: String);
}

struct Forwarder {
    sink: RwLock<Option<Arc<dyn LogSink>>>,
}

static FORWARDER: OnceLock<Forwarder> = OnceLock::new();

impl log::Log for Forwarder {
    fn enabled(&self, meta: &log::Metadata<'_>) -> bool {
        meta.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let sink = match self.sink.read() {
            Ok(guard) => guard.clone(),
            Err(_) => return,
        };
        if let Some(sink) = sink {
            let level = match record.level() {
                log::Level::Error => LogLevel::Error,
                log::Level::Warn => LogLevel::Warn,
                log::Level::Info => LogLevel::Info,
                log::Level::Debug | log::Level::Trace => LogLevel::Debug,
            };
            sink.log(
                level,
                record.target().to_string(),
                record.args().to_string(),
            );
        }
    }

    fn flush(&self) {}
}

/// Sends the core's log records at `max_level` and above to `sink`, replacing any earlier sink.
#[uniffi::export]
pub fn set_log_sink(sink: Arc<dyn LogSink>, max_level: LogLevel) {
    let forwarder = FORWARDER.get_or_init(|| Forwarder {
        sink: RwLock::new(None),
    });
    if let Ok(mut slot) = forwarder.sink.write() {
        *slot = Some(sink);
    }
    // Fails only when another logger was installed first; the sink is kept either way.
    let _ = log::set_logger(forwarder);
    log::set_max_level(match max_level {
        LogLevel::Error => log::LevelFilter::Error,
        LogLevel::Warn => log::LevelFilter::Warn,
        LogLevel::Info => log::LevelFilter::Info,
        LogLevel::Debug => log::LevelFilter::Debug,
    });
}
