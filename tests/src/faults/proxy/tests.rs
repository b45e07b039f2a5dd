//! The proxy against a stand-in county and plain clients.

use super::*;
use std::collections::BTreeSet;
use std::io::Read;

/// The stand-in county's one answer: a 500-byte body, headers as odd as a server may send.
fn answer() -> Vec<u8> {
    let body: Vec<u8> = (0..500u32).map(|i| b'a' + (i % 26) as u8).collect();
    let mut bytes = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-County:  as sent \r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

/// A county stand-in answering every request with [`answer`] on connections it keeps
/// open, as hyper does, and keeping every whole request it received.
struct County {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl County {
    fn start() -> County {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let keep = received.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let keep = keep.clone();
                thread::spawn(move || {
                    let mut reader = BufReader::new(&conn);
                    while let Ok(Some(request)) = read_request(&mut reader) {
                        lock(&keep).push(request.bytes);
                        if (&conn).write_all(&answer()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        County { addr, received }
    }

    fn count(&self) -> usize {
        lock(&self.received).len()
    }
}

/// A proxy in front of `counties`, with the kills it asked for.
struct Rig {
    proxy: FaultProxy,
    upstreams: Arc<Upstreams>,
    kills: Arc<Mutex<Vec<Kill>>>,
}

fn rig(seed: u64, phones: usize, counties: &[&County], mix: FaultMix) -> Rig {
    let upstreams = Upstreams::new(counties.iter().map(|c| c.addr).collect());
    let kills = Arc::new(Mutex::new(Vec::new()));
    let asked = kills.clone();
    let proxy = FaultProxy::start(
        seed,
        phones,
        upstreams.clone(),
        mix,
        Arc::new(move |kill| lock(&asked).push(kill)),
    );
    Rig {
        proxy,
        upstreams,
        kills,
    }
}

fn post(path: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "POST {path} HTTP/1.1\r\nHost: county\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn connect(proxy: &FaultProxy, phone: usize) -> TcpStream {
    let addr: SocketAddr = proxy.url(phone)["http://".len()..].parse().unwrap();
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
}

/// One request on a fresh connection, whatever becomes of it.
fn send_one(proxy: &FaultProxy, phone: usize, path: &str) {
    let stream = connect(proxy, phone);
    let _ = (&stream).write_all(&post(path, b"a household's changes"));
    let _ = read_answer(&mut BufReader::new(&stream), "POST");
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

#[test]
fn pass_relays_requests_and_answers_byte_for_byte_on_one_keep_alive_connection() {
    let county = County::start();
    let rig = rig(1, 1, &[&county], FaultMix::only(Fault::Pass));
    let stream = connect(&rig.proxy, 0);
    let mut from_proxy = BufReader::new(stream.try_clone().unwrap());
    let sized = post("/v1/sync", b"hello county");
    let chunked = b"POST /v1/photos HTTP/1.1\r\nHost: county\r\n\
        Transfer-Encoding: chunked\r\n\r\n5;note=x\r\nhello\r\n7\r\n, phone\r\n0\r\n\
        X-Trailer: t\r\n\r\n"
        .to_vec();
    for request in [&sized, &chunked] {
        (&stream).write_all(request).unwrap();
        let got = read_answer(&mut from_proxy, "POST").unwrap();
        assert_eq!(got.bytes, answer());
    }
    assert_eq!(*lock(&county.received), vec![sized, chunked]);

    let text = client()
        .get(format!("{}/v1/policy", rig.proxy.url(0)))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(text.len(), 500);
    assert!(rig.proxy.log().is_empty());
}

#[test]
fn a_chunked_answer_is_read_to_its_last_chunk_and_no_further() {
    let message = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
        3\r\nabc\r\n0\r\n\r\n";
    let mut wire = message.to_vec();
    wire.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
    let got = read_answer(&mut &wire[..], "GET").unwrap();
    assert_eq!(got.bytes, message);
    assert!(!got.close);
}

/// A mix of every fault that does not wait, so a run of many requests stays fast.
fn quick_mix() -> FaultMix {
    let mut weights = vec![(Fault::Pass, 4)];
    weights.extend(
        [
            Fault::DropRequest,
            Fault::DropAnswer,
            Fault::CutRequest,
            Fault::CutAnswer,
            Fault::Duplicate,
            Fault::Refuse,
            Fault::Unavailable,
            Fault::KillPhone,
            Fault::KillCounty,
        ]
        .map(|f| (f, 1)),
    );
    FaultMix { weights }
}

/// Phone 1's faults over `quiet` requests with faults off, then `requests` with them on.
fn faults_of_run(seed: u64, quiet: usize, requests: usize) -> Vec<FaultEvent> {
    let county = County::start();
    let rig = rig(seed, 2, &[&county], quick_mix());
    rig.proxy.set_faults(false);
    for _ in 0..quiet {
        send_one(&rig.proxy, 1, "/quiet");
    }
    rig.proxy.set_faults(true);
    for i in 0..requests {
        send_one(&rig.proxy, 1, &format!("/r/{i}"));
    }
    rig.proxy.log()
}

#[test]
fn the_same_seed_replays_the_same_faults_and_another_seed_does_not() {
    let first = faults_of_run(7, 0, 40);
    let again = faults_of_run(7, 0, 40);
    let other = faults_of_run(8, 0, 40);
    assert_eq!(first, again);
    let kinds = |log: &[FaultEvent]| log.iter().map(|e| e.fault).collect::<Vec<_>>();
    assert_ne!(kinds(&first), kinds(&other));
    let distinct: BTreeSet<Fault> = first.iter().map(|e| e.fault).collect();
    assert!(distinct.len() >= 4, "too few kinds of fault: {distinct:?}");
    assert!(first.iter().all(|e| e.phone == 1));
}

#[test]
fn faults_off_pass_without_drawing_so_later_faults_do_not_shift() {
    let plain = faults_of_run(11, 0, 25);
    let after_quiet: Vec<FaultEvent> = faults_of_run(11, 5, 25)
        .into_iter()
        .map(|e| FaultEvent {
            request: e.request - 5,
            ..e
        })
        .collect();
    assert!(!plain.is_empty());
    assert_eq!(plain, after_quiet);
}

#[test]
fn drop_answer_lets_the_county_act_but_the_phone_gets_an_error() {
    let county = County::start();
    let rig = rig(1, 1, &[&county], FaultMix::only(Fault::DropAnswer));
    let sent = client()
        .post(format!("{}/v1/sync", rig.proxy.url(0)))
        .body("changes")
        .send();
    assert!(sent.is_err(), "{sent:?}");
    assert_eq!(county.count(), 1);
    assert_eq!(rig.proxy.tally(), BTreeMap::from([(Fault::DropAnswer, 1)]));
}

#[test]
fn duplicate_reaches_the_county_twice_and_the_next_instance_when_there_are_two() {
    let county = County::start();
    let rig1 = rig(1, 1, &[&county], FaultMix::only(Fault::Duplicate));
    let sent = client()
        .post(format!("{}/v1/sync", rig1.proxy.url(0)))
        .body("changes")
        .send()
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert_eq!(county.count(), 2);

    let (a, b) = (County::start(), County::start());
    let rig2 = rig(1, 1, &[&a, &b], FaultMix::only(Fault::Duplicate));
    send_one(&rig2.proxy, 0, "/v1/sync");
    assert_eq!((a.count(), b.count()), (1, 1));
}

#[test]
fn unavailable_answers_503_without_reaching_the_county() {
    let county = County::start();
    let rig = rig(1, 1, &[&county], FaultMix::only(Fault::Unavailable));
    let sent = client()
        .post(format!("{}/v1/sync", rig.proxy.url(0)))
        .body("changes")
        .send()
        .unwrap();
    assert_eq!(sent.status(), 503);
    assert_eq!(sent.headers()["retry-after"], "1");
    assert_eq!(county.count(), 0);
}

#[test]
fn cut_answer_gives_the_phone_only_a_beginning_of_the_answer() {
    let county = County::start();
    let rig = rig(5, 1, &[&county], FaultMix::only(Fault::CutAnswer));
    let whole = answer();
    for _ in 0..8 {
        let mut stream = connect(&rig.proxy, 0);
        stream.write_all(&post("/v1/sync", b"changes")).unwrap();
        let mut got = Vec::new();
        let _ = stream.read_to_end(&mut got);
        assert!(got.len() < whole.len(), "the whole answer came through");
        assert!(whole.starts_with(&got), "not a beginning of the answer");
    }
    assert_eq!(county.count(), 8);
}

#[test]
fn refuse_closes_the_next_connections_without_reading_them() {
    let county = County::start();
    let rig = rig(3, 1, &[&county], FaultMix::only(Fault::Refuse));
    for i in 0..6 {
        send_one(&rig.proxy, 0, &format!("/r/{i}"));
    }
    // Every request read is refused and refuses 1 to 3 connections after it, so of six
    // connections the second read is among the first five and a third may follow.
    let read = rig.proxy.log().len();
    assert!((2..=3).contains(&read), "{read} connections were read");
    assert_eq!(county.count(), 0);
}

#[test]
fn no_live_instance_closes_the_phone_connection() {
    let county = County::start();
    let rig = rig(1, 1, &[&county], FaultMix::only(Fault::Pass));
    rig.upstreams.set(0, None);
    let url = format!("{}/v1/sync", rig.proxy.url(0));
    assert!(client().get(&url).send().is_err());
    rig.upstreams.set(0, Some(county.addr));
    assert_eq!(client().get(&url).send().unwrap().status(), 200);
    assert_eq!(county.count(), 1);
}

#[test]
fn kill_phone_names_the_phone_whose_request_it_was() {
    let county = County::start();
    let rig = rig(1, 3, &[&county], FaultMix::only(Fault::KillPhone));
    let sent = client()
        .get(format!("{}/v1/sync", rig.proxy.url(2)))
        .send()
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert_eq!(*lock(&rig.kills), vec![Kill::Phone(2)]);
    assert_eq!(county.count(), 1);
}

#[test]
fn kill_county_names_the_instance_that_got_the_request() {
    let counties = [County::start(), County::start()];
    let rig = rig(
        1,
        2,
        &[&counties[0], &counties[1]],
        FaultMix::only(Fault::KillCounty),
    );
    let mut named = BTreeSet::new();
    for phone in [0, 1, 0, 1, 1] {
        let before: Vec<usize> = counties.iter().map(County::count).collect();
        send_one(&rig.proxy, phone, "/v1/sync");
        let got: Vec<usize> = (0..2)
            .filter(|&i| counties[i].count() > before[i])
            .collect();
        assert_eq!(got.len(), 1);
        assert_eq!(lock(&rig.kills).last(), Some(&Kill::County(got[0])));
        named.insert(got[0]);
    }
    assert_eq!(lock(&rig.kills).len(), 5);
    assert_eq!(named.len(), 2, "both instances were sent requests");
}

#[test]
fn dropping_the_proxy_closes_its_listener_and_open_connections() {
    let county = County::start();
    let rig = rig(1, 1, &[&county], FaultMix::only(Fault::Pass));
    let stream = connect(&rig.proxy, 0);
    (&stream).write_all(&post("/v1/sync", b"x")).unwrap();
    let mut from_proxy = BufReader::new(&stream);
    read_answer(&mut from_proxy, "POST").unwrap();
    let addr = rig.proxy.addrs[0];
    drop(rig.proxy);
    let mut rest = Vec::new();
    match from_proxy.read_to_end(&mut rest) {
        Ok(_) => assert!(rest.is_empty()),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ),
            "the open connection was left open"
        ),
    }
    assert!(TcpStream::connect(addr).is_err(), "still listening");
}
