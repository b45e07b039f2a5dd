//! The HTTP transport: oversized sync requests, slow and idle connections, unknown endpoints
//! and methods, sync pages kept to the size asked.

use super::*;

#[test]
fn oversized_sync_requests_are_refused_before_the_store_while_healthz_answers() {
    let county = TestCounty::start();
    let base = county.url();
    let mut attacker = Attacker::enroll(&base, &county.code("w-big", &["G01-1"]));
    let empty = |i: usize| v1::DocumentChanges {
        document_id: format!("hh-{i}"),
        kind: "household".into(),
        changes: vec![],
    };
    let hostile = vec![
        // 200,000 empty documents: the finding's 4 MiB request.
        (0..200_000).map(empty).collect::<Vec<_>>(),
        vec![v1::DocumentChanges {
            changes: vec![vec![0u8; 1]; ruhu_proto::MAX_SYNC_CHANGES + 1],
            ..empty(0)
        }],
        vec![v1::DocumentChanges {
            changes: vec![vec![0u8; ruhu_proto::MAX_SYNC_CHANGE_BYTES]],
            ..empty(0)
        }],
    ];
    let sender = {
        let (base, token) = (base.clone(), attacker.token.clone());
        std::thread::spawn(move || {
            let mut refusals = Vec::new();
            for _ in 0..3 {
                for docs in &hostile {
                    let a: Answer<v1::SyncResponse> = post(
                        &format!("{base}/v1/sync"),
                        Some(&token),
                        sync_body(docs.clone()),
                    );
                    let Answer::Refused { status, error } = a else {
                        panic!("an oversized request was accepted");
                    };
                    refusals.push((status, error));
                }
            }
            refusals
        })
    };
    for _ in 0..5 {
        assert!(healthy(&base), "/healthz answers while the attacker sends");
    }
    let refusals = sender.join().unwrap();
    for (status, error) in &refusals {
        assert_eq!(*status, 413);
        assert_eq!(error.code, ErrorCode::TooLarge as i32);
        assert!(error.message.contains("at most"), "{}", error.message);
    }
    assert!(healthy(&base));
    assert_eq!(county.change_count(), 0, "nothing of it stored");

    // The same device's honest sync still works.
    let mut rng = SampleRng::new(7);
    let honest = household_changes(&mut rng, attacker.actor.clone(), "G01-1");
    let r = attacker.sync(vec![honest]).accepted();
    assert_eq!(r.stored.len(), 1);
    assert!(county.change_count() > 0);
}

/// Reads until the server closes the connection; what it sent meanwhile.
fn read_until_closed(stream: &mut TcpStream) -> String {
    // Only a guard against a hung test: the server's own timeouts are far shorter.
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return String::from_utf8_lossy(&out).into_owned(),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return String::from_utf8_lossy(&out).into_owned();
            }
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
}

#[test]
fn slow_headers_slow_bodies_and_idle_connections_are_closed() {
    let county = TestCounty::start_with(ServeOptions {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        ..Default::default()
    });
    let base = county.url();
    let addr = base.trim_start_matches("http://").to_string();

    // Headers that never end.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(!answer.contains("200 OK"), "{answer}");

    // A body that never arrives: refused, the connection closed.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(
        b"POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
          Content-Type: application/x-protobuf\r\nContent-Length: 100000\r\n\r\n0123456789",
    )
    .unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // A kept-alive connection left idle after its answer.
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let answer = read_until_closed(&mut idle);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    assert!(healthy(&base));
    assert_eq!(county.change_count(), 0);
}

#[test]
fn unknown_endpoints_and_methods_answer_with_an_error_body() {
    let county = TestCounty::start();
    let base = county.url();
    let http = client();
    for (req, status, code) in [
        (
            http.get(format!("{base}/v1/nothing")),
            404,
            ErrorCode::NotFound,
        ),
        (
            http.post(format!("{base}/v1/sync/extra")),
            404,
            ErrorCode::NotFound,
        ),
        (
            http.get(format!("{base}/v1/sync")),
            405,
            ErrorCode::MethodNotAllowed,
        ),
        (
            http.put(format!("{base}/v1/enroll")),
            405,
            ErrorCode::MethodNotAllowed,
        ),
    ] {
        let r = req.send().unwrap();
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            ruhu_proto::CONTENT_TYPE
        );
        let e = v1::Error::decode(r.bytes().unwrap()).unwrap();
        assert_eq!(e.code, code as i32);
    }
    let page = http.get(format!("{base}/console/nothing")).send().unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page.text().unwrap().contains("找不到页面"));
}

#[test]
fn sync_answers_keep_to_the_page_size_asked() {
    let county = TestCounty::start();
    let mut writer = Attacker::grid_worker(&county, "w-write", &["G01-1"]);
    let mut rng = SampleRng::new(11);
    let docs: Vec<_> = (0..120)
        .map(|_| household_changes(&mut rng, writer.actor.clone(), "G01-1"))
        .collect();
    let ids: std::collections::BTreeSet<String> =
        docs.iter().map(|d| d.document_id.clone()).collect();
    let total: usize = docs.iter().flat_map(|d| &d.changes).map(Vec::len).sum();
    const PAGE: u32 = 64 * 1024;
    assert!(total > 2 * PAGE as usize, "{total} bytes: several pages");
    for chunk in docs.chunks(40) {
        writer.sync(chunk.to_vec()).accepted();
    }

    let reader = Attacker::grid_worker(&county, "w-read", &["G01-1"]);
    let mut cursor = 0;
    let mut got = std::collections::BTreeSet::new();
    let mut pages = 0;
    loop {
        let req = v1::SyncRequest {
            protocol_version: ruhu_proto::PROTOCOL_VERSION,
            cursor,
            changes: vec![],
            max_response_bytes: PAGE,
            incomplete: vec![],
        };
        let r = client()
            .post(format!("{}/v1/sync", reader.base))
            .header("content-type", ruhu_proto::CONTENT_TYPE)
            .bearer_auth(&reader.token)
            .body(req.encode_to_vec())
            .send()
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.bytes().unwrap();
        assert!(
            body.len() <= PAGE as usize,
            "a page of {} bytes",
            body.len()
        );
        let resp = v1::SyncResponse::decode(body).unwrap();
        got.extend(resp.changes.iter().map(|d| d.document_id.clone()));
        cursor = resp.cursor;
        pages += 1;
        if !resp.more {
            break;
        }
    }
    assert!(pages >= 3, "{pages} pages");
    assert_eq!(got, ids, "every document arrived");
}
