//! The county's enrollment QR code read the same way on both phones:
//! `ruhu://enroll?v=1&server=<escaped base URL>&code=<code>` (written by the county's
//! `enroll::qr_payload`). A code of another app, a newer version of this one, or an address the
//! phone may not send data to is refused before anything is sent.

use crate::client::check_county_url;
use crate::error::EngineError;

/// The payload version this app reads.
pub const QR_VERSION: &str = "1";

/// Where to enroll and with which code, as read from the QR code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrollmentTarget {
    /// The county store's base address.
    pub server_url: String,
    /// The one-time code.
    pub code: String,
}

/// Why a scanned code cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QrProblem {
    /// Not a Ruhu enrollment code (another app's QR, a web link).
    #[error("not a Ruhu enrollment code")]
    NotEnrollment,
    /// An enrollment code of a newer version of the payload.
    #[error("enrollment code of a newer version")]
    NewerVersion,
    /// The address or the code is missing.
    #[error("enrollment code incomplete")]
    Incomplete,
}

/// Reads a scanned enrollment QR payload.
pub fn parse_enrollment_qr(payload: &str) -> Result<EnrollmentTarget, EngineError> {
    let url = reqwest::Url::parse(payload.trim()).map_err(|_| QrProblem::NotEnrollment)?;
    if url.scheme() != "ruhu" || url.host_str() != Some("enroll") {
        return Err(QrProblem::NotEnrollment.into());
    }
    let (mut version, mut server, mut code) = (None, None, None);
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "v" => version = Some(value.into_owned()),
            "server" => server = Some(value.into_owned()),
            "code" => code = Some(value.into_owned()),
            _ => {}
        }
    }
    match version.as_deref() {
        Some(QR_VERSION) => {}
        Some(_) => return Err(QrProblem::NewerVersion.into()),
        None => return Err(QrProblem::NotEnrollment.into()),
    }
    let server = server.map(|s| s.trim().trim_end_matches('/').to_string());
    let code = code.map(|c| c.trim().to_string());
    let (Some(server_url), Some(code)) = (
        server.filter(|s| !s.is_empty()),
        code.filter(|c| !c.is_empty()),
    ) else {
        return Err(QrProblem::Incomplete.into());
    };
    check_county_url(&server_url)?;
    Ok(EnrollmentTarget { server_url, code })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientError;

    #[test]
    fn the_countys_payload_gives_its_address_and_code() {
        let t = parse_enrollment_qr(
            "ruhu://enroll?v=1&server=https%3A%2F%2Fruhu.example.cn%3A8443&code=AZHXTGA6Y8V5",
        )
        .unwrap();
        assert_eq!(t.server_url, "https://ruhu.example.cn:8443");
        assert_eq!(t.code, "AZHXTGA6Y8V5");
        let local = parse_enrollment_qr(
            " ruhu://enroll?v=1&server=http%3A%2F%2F127.0.0.1%3A8470%2F&code=K2 ",
        )
        .unwrap();
        assert_eq!(local.server_url, "http://127.0.0.1:8470");
    }

    #[test]
    fn other_codes_newer_versions_and_plain_http_are_refused() {
        let problem = |payload: &str| match parse_enrollment_qr(payload) {
            Err(EngineError::Qr(p)) => Some(p),
            _ => None,
        };
        assert_eq!(
            problem("https://weixin.qq.com/x"),
            Some(QrProblem::NotEnrollment)
        );
        assert_eq!(problem("两点送米"), Some(QrProblem::NotEnrollment));
        assert_eq!(
            problem("ruhu://case?v=1&id=1"),
            Some(QrProblem::NotEnrollment)
        );
        assert_eq!(
            problem("ruhu://enroll?server=https%3A%2F%2Fa.cn&code=K"),
            Some(QrProblem::NotEnrollment)
        );
        assert_eq!(
            problem("ruhu://enroll?v=2&server=https%3A%2F%2Fa.cn&code=K"),
            Some(QrProblem::NewerVersion)
        );
        assert_eq!(
            problem("ruhu://enroll?v=1&server=https%3A%2F%2Fa.cn"),
            Some(QrProblem::Incomplete)
        );
        assert_eq!(
            problem("ruhu://enroll?v=1&server=&code=K"),
            Some(QrProblem::Incomplete)
        );
        assert!(matches!(
            parse_enrollment_qr("ruhu://enroll?v=1&server=http%3A%2F%2Fcounty.example.cn&code=K"),
            Err(EngineError::County(ClientError::Address(_)))
        ));
    }
}
