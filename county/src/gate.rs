//! What the HTTP front shares beyond the store: the client's address as the server sees it,
//! the public base URL the county prints in links and QR codes, per-address rate limits and
//! the cap on concurrent password checks.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tokio::sync::Semaphore;

/// The address of the client a request came from: the socket's peer, or, when the county is
/// configured behind a trusted proxy, the address that proxy wrote into its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Requests always carry it when served by `serve`; a router driven another way (a
        // test calling it directly) counts as one unknown client.
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .unwrap_or(ClientAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}

/// The client address of a request that arrived from `peer`: with `trusted_header` set (the
/// proxy in front of the county appends the client's address to it, `X-Forwarded-For` style),
/// the last address in that header; otherwise, or when the header holds none, `peer`.
pub fn client_addr(
    headers: &axum::http::HeaderMap,
    peer: IpAddr,
    trusted_header: Option<&axum::http::HeaderName>,
) -> ClientAddr {
    let forwarded = trusted_header.and_then(|name| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back()
    });
    ClientAddr(forwarded.unwrap_or(peer))
}

/// Attempts counted per key in fixed windows, with a cap over all keys too. Memory is bounded:
/// past [`RateLimit::MAX_KEYS`] addresses the oldest windows are dropped.
pub struct RateLimit {
    window: Duration,
    per_key: u32,
    total: u32,
    state: Mutex<Windows>,
}

struct Windows {
    keys: HashMap<IpAddr, (Instant, u32)>,
    all: (Instant, u32),
}

impl RateLimit {
    /// Addresses remembered at most.
    pub const MAX_KEYS: usize = 10_000;

    /// At most `per_key` attempts per address and `total` over all addresses per `window`.
    pub fn new(window: Duration, per_key: u32, total: u32) -> RateLimit {
        RateLimit {
            window,
            per_key,
            total,
            state: Mutex::new(Windows {
                keys: HashMap::new(),
                all: (Instant::now(), 0),
            }),
        }
    }

    /// Counts an attempt from `key`; false when it is over either limit (then not counted).
    pub fn allow(&self, key: IpAddr) -> bool {
        let now = Instant::now();
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if now.duration_since(s.all.0) >= self.window {
            s.all = (now, 0);
        }
        if s.keys.len() >= Self::MAX_KEYS && !s.keys.contains_key(&key) {
            let window = self.window;
            s.keys
                .retain(|_, (start, _)| now.duration_since(*start) < window);
            if s.keys.len() >= Self::MAX_KEYS {
                s.keys.clear();
            }
        }
        let all_full = s.all.1 >= self.total;
        let entry = s.keys.entry(key).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if all_full || entry.1 >= self.per_key {
            return false;
        }
        entry.1 += 1;
        s.all.1 += 1;
        true
    }
}

/// Enrollment attempts allowed per client address per [`ENROLL_WINDOW`].
pub const ENROLL_PER_ADDRESS: u32 = 10;
/// Enrollment attempts allowed over all addresses per [`ENROLL_WINDOW`].
pub const ENROLL_TOTAL: u32 = 200;
/// The window of the enrollment limits.
pub const ENROLL_WINDOW: Duration = Duration::from_secs(10 * 60);
/// Password checks (argon2, about 20 MiB and a CPU core each) running at once, at most; a
/// login arriving while they are all busy is asked to retry without its password checked.
pub const CONCURRENT_PASSWORD_CHECKS: usize = 2;

/// The front's shared state, one per served router.
pub struct Gate {
    /// The base URL phones and browsers reach the county at (`https://ruhu.example.cn`), for
    /// every link and QR code the county prints; never taken from a request's `Host`.
    pub public_url: String,
    /// Enrollment attempts per address and overall.
    pub enrollments: RateLimit,
    /// Permits for password checks.
    pub password_checks: Semaphore,
}

impl Gate {
    /// The gate with the default limits for a county reached at `public_url`.
    pub fn new(public_url: &str) -> Gate {
        Gate::with_enroll_limit(public_url, ENROLL_PER_ADDRESS)
    }

    /// The gate allowing `per_address` enrollment attempts per client address per
    /// [`ENROLL_WINDOW`] (the overall limit grows with it, never below [`ENROLL_TOTAL`]).
    pub fn with_enroll_limit(public_url: &str, per_address: u32) -> Gate {
        let total = ENROLL_TOTAL.max(per_address.saturating_mul(4));
        Gate {
            public_url: public_url.trim_end_matches('/').to_string(),
            enrollments: RateLimit::new(ENROLL_WINDOW, per_address, total),
            password_checks: Semaphore::new(CONCURRENT_PASSWORD_CHECKS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderName, HeaderValue};

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_raised_enrollment_limit_lets_one_office_enroll_its_township() {
        let gate = Gate::with_enroll_limit("https://ruhu.example.cn/", 30);
        let office = ip("10.1.2.3");
        assert!((0..30).all(|_| gate.enrollments.allow(office)));
        assert!(!gate.enrollments.allow(office), "the 31st from one address");
        let default = Gate::new("https://ruhu.example.cn");
        assert!((0..ENROLL_PER_ADDRESS).all(|_| default.enrollments.allow(office)));
        assert!(!default.enrollments.allow(office));
        assert_eq!(gate.public_url, "https://ruhu.example.cn");
    }

    #[test]
    fn a_rate_limit_counts_per_address_and_overall() {
        let limit = RateLimit::new(Duration::from_secs(3600), 2, 3);
        assert!(limit.allow(ip("10.0.0.1")));
        assert!(limit.allow(ip("10.0.0.1")));
        assert!(!limit.allow(ip("10.0.0.1")), "third from one address");
        assert!(limit.allow(ip("10.0.0.2")));
        assert!(!limit.allow(ip("10.0.0.3")), "over the total");
    }

    #[test]
    fn the_proxy_header_is_read_only_when_configured() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.7"),
        );
        let peer = ip("127.0.0.1");
        assert_eq!(client_addr(&h, peer, None), ClientAddr(peer));
        let name = HeaderName::from_static("x-forwarded-for");
        assert_eq!(
            client_addr(&h, peer, Some(&name)),
            ClientAddr(ip("198.51.100.7")),
            "the address the trusted proxy appended"
        );
        assert_eq!(
            client_addr(&HeaderMap::new(), peer, Some(&name)),
            ClientAddr(peer)
        );
    }
}
