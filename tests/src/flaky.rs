//! A loopback HTTP proxy in front of the county that cuts off the next N answers partway, as a
//! dropped mobile connection does: the sync suite's one cut, where the fault schedules
//! (`faults::proxy`) draw many kinds of fault from a seed.

use std::io::{self, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::faults::proxy::http;

/// The proxy; it serves until the test process ends.
pub struct FlakyProxy {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    cut: Arc<AtomicUsize>,
}

impl FlakyProxy {
    /// A proxy forwarding to `upstream` (`http://host:port`).
    pub fn start(upstream: &str) -> FlakyProxy {
        let upstream = upstream.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let cut = Arc::new(AtomicUsize::new(0));
        let cuts = cut.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let upstream = upstream.clone();
                let cuts = cuts.clone();
                std::thread::spawn(move || exchange(client, &upstream, &cuts));
            }
        });
        FlakyProxy { url, cut }
    }

    /// Cuts off the next `n` answers.
    pub fn cut_next(&self, n: usize) {
        self.cut.store(n, Ordering::SeqCst);
    }
}

/// One exchange per connection, so the client never reuses a cut one: the request forwarded
/// whole, the answer returned whole or with its last third missing.
fn exchange(mut client: TcpStream, upstream: &str, cuts: &AtomicUsize) -> io::Result<()> {
    let Some(request) = http::read_request(&mut BufReader::new(client.try_clone()?))? else {
        return Ok(());
    };
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(&request.bytes)?;
    let mut answer = http::read_answer(&mut BufReader::new(server), &request.method)?.bytes;
    if let Some(pos) = answer.windows(2).position(|w| w == b"\r\n") {
        answer.splice(pos..pos, b"\r\nconnection: close".iter().copied());
    }
    let cut_now = cuts
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let end = if cut_now {
        answer.len() - answer.len() / 3
    } else {
        answer.len()
    };
    client.write_all(&answer[..end])
}
