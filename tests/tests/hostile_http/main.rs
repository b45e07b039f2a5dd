//! The county's HTTP face under hostile clients, sent exactly as an attacker would (raw
//! protobuf with reqwest, raw TCP for slow clients): oversized sync requests refused before
//! the store with /healthz answering, slow and idle connections closed, console logins
//! throttled per account and address with at most the limit checked, the enrollment QR from
//! the configured public URL whatever the Host, security headers, the enrollment rate limit,
//! Error bodies for unknown endpoints and methods, and sync pages that keep their size.//!
//! Sizes, slow clients and error bodies are in `transport`, console logins in `logins`, the
//! console's pages and enrollment in `console`.

mod console;
mod logins;
mod transport;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;
use ruhu_county::serve::ServeOptions;
use ruhu_domain::sample::SampleRng;
use ruhu_proto::Message;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::attacker::{Answer, Attacker, healthy, post};
use ruhu_tests::{COUNTY, TestCounty, household_changes};

const PASSWORD: &str = "青山绿水-2026-春";

fn proxied() -> ServeOptions {
    ServeOptions {
        trusted_proxy_header: Some("x-forwarded-for".parse().unwrap()),
        public_url: "https://ruhu.example.invalid".into(),
        ..Default::default()
    }
}

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn sync_body(docs: Vec<v1::DocumentChanges>) -> Vec<u8> {
    ruhu_tests::first_request(docs).encode_to_vec()
}

/// The login form's CSRF token and cookie, fetched as a browser would.
fn login_form(http: &Client, base: &str, from: &str) -> (String, String) {
    let r = http
        .get(format!("{base}/console/login"))
        .header("x-forwarded-for", from)
        .send()
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let body = r.text().unwrap();
    let i = body.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = body[i..i + body[i..].find('"').unwrap()].to_string();
    (cookie, csrf)
}
