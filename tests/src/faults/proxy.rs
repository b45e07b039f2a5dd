//! A seeded fault-injecting HTTP/1.1 proxy between phones and county instances on loopback.
//! Every phone has its own listener and its own generator, so a fault schedule replays from
//! its seed however the phones' requests interleave.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Read and write timeout of every socket: a stuck peer ends the exchange, never the test.
const IO_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest request or answer head accepted.
const MAX_HEAD: usize = 64 * 1024;
/// The longest body accepted (photo uploads are up to about 12 MB).
const MAX_BODY: usize = 32 * 1024 * 1024;
/// How long a reordered request waits for another phone's request at most.
const REORDER_WAIT: Duration = Duration::from_millis(300);
const UNAVAILABLE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
Content-Length: 0\r\nConnection: close\r\n\r\n";

/// What the proxy may do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// Forward the request and relay the answer untouched.
    Pass,
    /// Read the request, close the phone's connection without forwarding it.
    DropRequest,
    /// Forward, read the county's whole answer (the county acted), close without answering.
    DropAnswer,
    /// Forward only the first k bytes of the request (k random, inside the body when there is
    /// one) and close both connections.
    CutRequest,
    /// Forward, then send the phone only the first k bytes of the answer and close.
    CutAnswer,
    /// Hold the request 20..400 ms (seeded) before forwarding.
    Delay,
    /// Send the request to the county twice (the second time to the next live instance if
    /// there are two), answer the phone with the second answer.
    Duplicate,
    /// Hold the request until a request of another phone has been forwarded (or 300 ms),
    /// so two phones' requests reach the county in the other order.
    Reorder,
    /// From this request on, refuse this phone's connections (accept and close at once,
    /// never forwarding) for the next 1..4 connections; this request is not forwarded.
    Refuse,
    /// Answer `503 Service Unavailable` (with `Retry-After: 1`, `Content-Length: 0`,
    /// `Connection: close`) without forwarding.
    Unavailable,
    /// Forward; while the county works on it, call the kill hook with `Kill::Phone(phone)`.
    KillPhone,
    /// Forward; after 0..30 ms (seeded) call the kill hook with `Kill::County(instance that
    /// got it)`: the instance dies mid-request.
    KillCounty,
}

/// Whom the kill hook is asked to kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kill {
    /// The phone of that listener.
    Phone(usize),
    /// The county instance of that index in [`Upstreams`].
    County(usize),
}

/// Relative weights of each fault (0 = never). `Pass` has its own weight.
#[derive(Debug, Clone)]
pub struct FaultMix {
    /// Each fault with its weight; a fault not listed is never chosen.
    pub weights: Vec<(Fault, u32)>,
}

impl FaultMix {
    /// A mix with every kind (kills included), `Pass` 60 %.
    pub fn everything() -> FaultMix {
        FaultMix {
            weights: vec![
                (Fault::Pass, 60),
                (Fault::DropRequest, 4),
                (Fault::DropAnswer, 5),
                (Fault::CutRequest, 4),
                (Fault::CutAnswer, 5),
                (Fault::Delay, 6),
                (Fault::Duplicate, 4),
                (Fault::Reorder, 3),
                (Fault::Refuse, 2),
                (Fault::Unavailable, 3),
                (Fault::KillPhone, 2),
                (Fault::KillCounty, 2),
            ],
        }
    }

    /// Network faults only (no kills), `Pass` 60 %.
    pub fn network() -> FaultMix {
        FaultMix {
            weights: vec![
                (Fault::Pass, 60),
                (Fault::DropRequest, 5),
                (Fault::DropAnswer, 6),
                (Fault::CutRequest, 5),
                (Fault::CutAnswer, 6),
                (Fault::Delay, 7),
                (Fault::Duplicate, 4),
                (Fault::Reorder, 3),
                (Fault::Refuse, 2),
                (Fault::Unavailable, 2),
            ],
        }
    }

    /// Always `fault` (a mix of only `Pass` forwards everything untouched).
    pub fn only(fault: Fault) -> FaultMix {
        FaultMix {
            weights: vec![(fault, 1)],
        }
    }

    /// One decision: exactly one number from `rng`.
    fn draw(&self, rng: &mut Rng) -> Fault {
        let total: u64 = self.weights.iter().map(|&(_, w)| u64::from(w)).sum();
        let mut point = rng.below(total);
        for &(fault, weight) in &self.weights {
            if point < u64::from(weight) {
                return fault;
            }
            point -= u64::from(weight);
        }
        Fault::Pass
    }
}

/// One fault injected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultEvent {
    /// The phone whose listener read the request.
    pub phone: usize,
    /// That phone's request number, from 1 (every request read counts, faults on or off).
    pub request: u64,
    /// The request's target, as the request line gave it.
    pub path: String,
    /// What was done to it.
    pub fault: Fault,
}

/// The county instances' addresses, `None` while one is down; the test changes them as it
/// kills and restarts instances.
pub struct Upstreams {
    addrs: Mutex<Vec<Option<SocketAddr>>>,
}

impl Upstreams {
    /// Instances 0, 1, … at these addresses, all live.
    pub fn new(addrs: Vec<SocketAddr>) -> Arc<Upstreams> {
        Arc::new(Upstreams {
            addrs: Mutex::new(addrs.into_iter().map(Some).collect()),
        })
    }

    /// Sets where instance `instance` listens (`None`: down); a new index adds the instance.
    pub fn set(&self, instance: usize, addr: Option<SocketAddr>) {
        let mut addrs = lock(&self.addrs);
        if addrs.len() <= instance {
            addrs.resize(instance + 1, None);
        }
        addrs[instance] = addr;
    }

    /// The live instances with their addresses, in index order.
    fn live(&self) -> Vec<(usize, SocketAddr)> {
        lock(&self.addrs)
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i, a)))
            .collect()
    }
}

/// The proxy: one listener per phone on 127.0.0.1, forwarding to the live county instances.
pub struct FaultProxy {
    shared: Arc<Shared>,
    addrs: Vec<SocketAddr>,
    accepting: Vec<JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts `phones` listeners on 127.0.0.1 (free ports). Phone i's decisions come from its
    /// own generator seeded from (seed, i). `kill` is called from the proxy's threads.
    pub fn start(
        seed: u64,
        phones: usize,
        upstreams: Arc<Upstreams>,
        mix: FaultMix,
        kill: Arc<dyn Fn(Kill) + Send + Sync>,
    ) -> FaultProxy {
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            faults_on: AtomicBool::new(true),
            upstreams,
            mix,
            kill,
            phones: (0..phones)
                .map(|i| {
                    Mutex::new(PhoneState {
                        rng: Rng::for_phone(seed, i),
                        requests: 0,
                        refusals_left: 0,
                        next_instance: i,
                    })
                })
                .collect(),
            log: Mutex::new(Vec::new()),
            forwarded: Mutex::new(vec![0; phones]),
            forwarded_changed: Condvar::new(),
            sockets: Mutex::new(HashMap::new()),
            next_socket: AtomicU64::new(0),
        });
        let mut addrs = Vec::with_capacity(phones);
        let mut accepting = Vec::with_capacity(phones);
        for phone in 0..phones {
            let listener = TcpListener::bind("127.0.0.1:0").expect("proxy listener");
            addrs.push(listener.local_addr().expect("proxy listener address"));
            let shared = shared.clone();
            accepting.push(
                thread::Builder::new()
                    .name(format!("fault-proxy-{phone}"))
                    .spawn(move || accept_loop(shared, phone, listener))
                    .expect("proxy thread"),
            );
        }
        FaultProxy {
            shared,
            addrs,
            accepting,
        }
    }

    /// `http://127.0.0.1:<port>` of phone `phone`'s listener (panics past the phones started).
    pub fn url(&self, phone: usize) -> String {
        format!("http://{}", self.addrs[phone])
    }

    /// Faults on (the default) or off. While off every request passes untouched and nothing
    /// is drawn, so a quiet phase does not shift later decisions; pending refusals end.
    pub fn set_faults(&self, on: bool) {
        self.shared.faults_on.store(on, Ordering::SeqCst);
        if !on {
            for phone in &self.shared.phones {
                lock(phone).refusals_left = 0;
            }
        }
    }

    /// Faults injected so far, by kind (`Pass` not counted).
    pub fn tally(&self) -> BTreeMap<Fault, usize> {
        let mut tally = BTreeMap::new();
        for event in lock(&self.shared.log).iter() {
            *tally.entry(event.fault).or_insert(0) += 1;
        }
        tally
    }

    /// The faults injected so far, in the order they were decided.
    pub fn log(&self) -> Vec<FaultEvent> {
        lock(&self.shared.log).clone()
    }
}

/// Stops the listeners and ends the open connections; the accept threads are joined.
impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.forwarded_changed.notify_all();
        for socket in lock(&self.shared.sockets).values() {
            let _ = socket.shutdown(Shutdown::Both);
        }
        for (addr, accepting) in self.addrs.iter().zip(self.accepting.drain(..)) {
            // A connection wakes the blocking accept, which then sees the stop flag; when it
            // cannot be made the thread is left rather than waited for forever.
            if TcpStream::connect_timeout(addr, CONNECT_TIMEOUT).is_ok() {
                let _ = accepting.join();
            }
        }
    }
}

/// What the threads of one proxy share.
struct Shared {
    stop: AtomicBool,
    faults_on: AtomicBool,
    upstreams: Arc<Upstreams>,
    mix: FaultMix,
    kill: Arc<dyn Fn(Kill) + Send + Sync>,
    phones: Vec<Mutex<PhoneState>>,
    log: Mutex<Vec<FaultEvent>>,
    /// Requests forwarded so far, by phone (for `Reorder`).
    forwarded: Mutex<Vec<u64>>,
    forwarded_changed: Condvar,
    /// Every open socket, shut down when the proxy stops.
    sockets: Mutex<HashMap<u64, TcpStream>>,
    next_socket: AtomicU64,
}

struct PhoneState {
    rng: Rng,
    requests: u64,
    refusals_left: u64,
    /// The phone's own round-robin position, so its choice of instance depends on its own
    /// requests only.
    next_instance: usize,
}

/// One decision with the extra number its fault needs (cut offset, pause, refusals).
#[derive(Clone, Copy)]
struct Plan {
    fault: Fault,
    extra: u64,
}

/// Accepts phone `phone`'s connections until the proxy stops, each served on its own thread.
fn accept_loop(shared: Arc<Shared>, phone: usize, listener: TcpListener) {
    for conn in listener.incoming() {
        if shared.stopped() {
            return;
        }
        let Ok(stream) = conn else {
            // Out of descriptors, say: wait a little instead of spinning.
            thread::sleep(Duration::from_millis(10));
            continue;
        };
        if shared.refuses(phone) {
            continue;
        }
        let shared = shared.clone();
        // A thread that cannot be made drops the connection, as an overloaded server would.
        let _ = thread::Builder::new()
            .name(format!("fault-proxy-{phone}-conn"))
            .spawn(move || {
                let _ = shared.serve(phone, stream);
            });
    }
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Whether this connection of the phone is to be refused (and counts it).
    fn refuses(&self, phone: usize) -> bool {
        if !self.faults_on.load(Ordering::SeqCst) {
            return false;
        }
        let mut state = lock(&self.phones[phone]);
        if state.refusals_left == 0 {
            return false;
        }
        state.refusals_left -= 1;
        true
    }

    /// Serves the requests of one phone connection until it closes or a fault closes it.
    fn serve(&self, phone: usize, stream: TcpStream) -> io::Result<()> {
        configure(&stream)?;
        let _tracked = self.track(&stream)?;
        let mut from_phone = BufReader::new(stream.try_clone()?);
        let mut to_phone = stream;
        while let Some(request) = read_request(&mut from_phone)? {
            let plan = self.decide(phone, &request);
            if !self.carry_out(phone, &request, plan, &mut to_phone)? {
                break;
            }
        }
        Ok(())
    }

    /// Numbers the request and draws its fault (nothing while faults are off).
    fn decide(&self, phone: usize, request: &Request) -> Plan {
        let mut state = lock(&self.phones[phone]);
        state.requests += 1;
        let pass = Plan {
            fault: Fault::Pass,
            extra: 0,
        };
        if !self.faults_on.load(Ordering::SeqCst) {
            return pass;
        }
        let fault = self.mix.draw(&mut state.rng);
        let extra = match fault {
            Fault::CutRequest
            | Fault::CutAnswer
            | Fault::Delay
            | Fault::Refuse
            | Fault::KillCounty => state.rng.next_u64(),
            _ => 0,
        };
        if fault == Fault::Pass {
            return pass;
        }
        if fault == Fault::Refuse {
            state.refusals_left = 1 + scaled(extra, 3);
        }
        lock(&self.log).push(FaultEvent {
            phone,
            request: state.requests,
            path: request.path.clone(),
            fault,
        });
        Plan { fault, extra }
    }

    /// Does what the plan says; whether the phone's connection stays open.
    fn carry_out(
        &self,
        phone: usize,
        request: &Request,
        plan: Plan,
        to_phone: &mut TcpStream,
    ) -> io::Result<bool> {
        match plan.fault {
            Fault::Pass => self.relay(phone, request, to_phone, |_| {}),
            Fault::DropRequest | Fault::Refuse => Ok(false),
            Fault::Unavailable => {
                to_phone.write_all(UNAVAILABLE)?;
                Ok(false)
            }
            Fault::DropAnswer => {
                self.forward(phone, request, |_| {})?;
                Ok(false)
            }
            Fault::CutRequest => {
                self.cut_request(phone, request, plan.extra)?;
                Ok(false)
            }
            Fault::CutAnswer => {
                let answer = self.forward(phone, request, |_| {})?;
                let keep = scaled(plan.extra, answer.bytes.len() as u64) as usize;
                to_phone.write_all(&answer.bytes[..keep])?;
                Ok(false)
            }
            Fault::Delay => {
                thread::sleep(Duration::from_millis(20 + scaled(plan.extra, 380)));
                self.relay(phone, request, to_phone, |_| {})
            }
            Fault::Reorder => {
                self.wait_for_another_phone(phone);
                self.relay(phone, request, to_phone, |_| {})
            }
            Fault::Duplicate => {
                // The round-robin sends the second copy to the next live instance.
                self.forward(phone, request, |_| {})?;
                self.relay(phone, request, to_phone, |_| {})
            }
            Fault::KillPhone => self.relay(phone, request, to_phone, |_| {
                self.call_kill(Kill::Phone(phone))
            }),
            Fault::KillCounty => {
                let pause = Duration::from_millis(scaled(plan.extra, 30));
                // The scope waits for the kill, so the phone hears nothing before it.
                let answer = thread::scope(|scope| {
                    self.forward(phone, request, |instance| {
                        let kill_later = move || {
                            thread::sleep(pause);
                            self.call_kill(Kill::County(instance));
                        };
                        if thread::Builder::new()
                            .spawn_scoped(scope, kill_later)
                            .is_err()
                        {
                            kill_later();
                        }
                    })
                })?;
                answer_phone(request, &answer, to_phone)
            }
        }
    }

    /// Forwards the request and passes the answer to the phone byte for byte.
    fn relay(
        &self,
        phone: usize,
        request: &Request,
        to_phone: &mut TcpStream,
        on_sent: impl FnOnce(usize),
    ) -> io::Result<bool> {
        let answer = self.forward(phone, request, on_sent)?;
        answer_phone(request, &answer, to_phone)
    }

    /// Sends the request to the phone's next live instance on a fresh connection and reads
    /// the whole answer; `on_sent` gets the instance once the request is out.
    fn forward(
        &self,
        phone: usize,
        request: &Request,
        on_sent: impl FnOnce(usize),
    ) -> io::Result<Answer> {
        let (instance, county) = self.connect(phone)?;
        let _tracked = self.track(&county)?;
        (&county).write_all(&request.bytes)?;
        self.note_forwarded(phone);
        on_sent(instance);
        read_answer(&mut BufReader::new(&county), &request.method)
    }

    /// Sends the county only a beginning of the request (inside the body when there is one)
    /// and closes the connection.
    fn cut_request(&self, phone: usize, request: &Request, extra: u64) -> io::Result<()> {
        let body = request.bytes.len() - request.head_len;
        let keep = if body > 0 {
            request.head_len + scaled(extra, body as u64) as usize
        } else {
            1 + scaled(extra, request.head_len.saturating_sub(1) as u64) as usize
        };
        let (_, county) = self.connect(phone)?;
        let _tracked = self.track(&county)?;
        (&county).write_all(&request.bytes[..keep])?;
        self.note_forwarded(phone);
        Ok(())
    }

    /// A connection to the phone's next live instance, round-robin over the live ones.
    fn connect(&self, phone: usize) -> io::Result<(usize, TcpStream)> {
        let live = self.upstreams.live();
        if live.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "no live county instance",
            ));
        }
        let (instance, addr) = {
            let mut state = lock(&self.phones[phone]);
            let pick = live[state.next_instance % live.len()];
            state.next_instance = state.next_instance.wrapping_add(1);
            pick
        };
        let county = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)?;
        configure(&county)?;
        Ok((instance, county))
    }

    fn note_forwarded(&self, phone: usize) {
        lock(&self.forwarded)[phone] += 1;
        self.forwarded_changed.notify_all();
    }

    /// Waits until another phone's request has been forwarded, at most [`REORDER_WAIT`].
    fn wait_for_another_phone(&self, phone: usize) {
        let others = |counts: &[u64]| -> u64 {
            let mine = counts.get(phone).copied().unwrap_or(0);
            counts.iter().sum::<u64>() - mine
        };
        let deadline = Instant::now() + REORDER_WAIT;
        let mut counts = lock(&self.forwarded);
        let before = others(&counts);
        while others(&counts) == before && !self.stopped() {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            counts = match self.forwarded_changed.wait_timeout(counts, deadline - now) {
                Ok((counts, _)) => counts,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    fn call_kill(&self, target: Kill) {
        if !self.stopped() {
            (self.kill)(target);
        }
    }

    /// Registers a socket to be shut down when the proxy stops.
    fn track(&self, socket: &TcpStream) -> io::Result<Tracked<'_>> {
        let id = self.next_socket.fetch_add(1, Ordering::Relaxed);
        lock(&self.sockets).insert(id, socket.try_clone()?);
        let tracked = Tracked { shared: self, id };
        if self.stopped() {
            let _ = socket.shutdown(Shutdown::Both);
        }
        Ok(tracked)
    }
}

/// Passes the answer to the phone byte for byte; whether the connection stays open.
fn answer_phone(request: &Request, answer: &Answer, to_phone: &mut TcpStream) -> io::Result<bool> {
    to_phone.write_all(&answer.bytes)?;
    to_phone.flush()?;
    Ok(!request.close && !answer.close)
}

/// A registered socket; leaves the register when dropped.
struct Tracked<'a> {
    shared: &'a Shared,
    id: u64,
}

impl Drop for Tracked<'_> {
    fn drop(&mut self) {
        lock(&self.shared.sockets).remove(&self.id);
    }
}

fn configure(stream: &TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.set_nodelay(true)
}

/// A mutex's guard, poisoned or not: a panicked connection thread must not stop the others.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// splitmix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn for_phone(seed: u64, phone: usize) -> Rng {
        let mut seeder = Rng(seed);
        let base = seeder.next_u64();
        Rng(base ^ (phone as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0); always one draw.
    fn below(&mut self, n: u64) -> u64 {
        scaled(self.next_u64(), n)
    }
}

/// Maps a drawn number onto `0..n` (0 when `n` is 0).
fn scaled(raw: u64, n: u64) -> u64 {
    ((u128::from(raw) * u128::from(n)) >> 64) as u64
}

/// A request as read from the phone, with its raw bytes.
struct Request {
    bytes: Vec<u8>,
    head_len: usize,
    method: String,
    path: String,
    /// The phone asked to close after this exchange.
    close: bool,
}

/// An answer as read from the county, with its raw bytes.
struct Answer {
    bytes: Vec<u8>,
    /// The phone's connection must close after it (asked for, or the body ran to EOF).
    close: bool,
}

struct Head {
    start_line: String,
    content_length: Option<usize>,
    chunked: bool,
    close: bool,
}

enum Framing {
    Empty,
    Length(usize),
    Chunked,
    ToEof,
}

/// The next request of a connection, `None` when the phone closed it between requests.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Request>> {
    let mut bytes = Vec::new();
    let Some(head) = read_head(reader, &mut bytes)? else {
        return Ok(None);
    };
    let head_len = bytes.len();
    let mut words = head.start_line.split_whitespace();
    let method = words.next().unwrap_or_default().to_string();
    let path = words.next().unwrap_or_default().to_string();
    let framing = if head.chunked {
        Framing::Chunked
    } else {
        head.content_length.map_or(Framing::Empty, Framing::Length)
    };
    read_body(reader, framing, &mut bytes)?;
    Ok(Some(Request {
        bytes,
        head_len,
        method,
        path,
        close: head.close || head.start_line.ends_with("HTTP/1.0"),
    }))
}

/// The county's whole answer to a request made with `method`.
fn read_answer(reader: &mut impl BufRead, method: &str) -> io::Result<Answer> {
    let mut bytes = Vec::new();
    let head = read_head(reader, &mut bytes)?.ok_or_else(|| {
        io::Error::new(io::ErrorKind::UnexpectedEof, "the county closed, no answer")
    })?;
    let status: u16 = head
        .start_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid("an answer without a status"))?;
    let framing = if method.eq_ignore_ascii_case("HEAD")
        || (100..200).contains(&status)
        || status == 204
        || status == 304
    {
        Framing::Empty
    } else if head.chunked {
        Framing::Chunked
    } else if let Some(len) = head.content_length {
        Framing::Length(len)
    } else {
        Framing::ToEof
    };
    let to_eof = matches!(framing, Framing::ToEof);
    read_body(reader, framing, &mut bytes)?;
    Ok(Answer {
        bytes,
        close: head.close || to_eof || head.start_line.starts_with("HTTP/1.0"),
    })
}

/// Reads a message head into `bytes`; `None` on EOF before its first byte.
fn read_head(reader: &mut impl BufRead, bytes: &mut Vec<u8>) -> io::Result<Option<Head>> {
    let mut lines = Vec::new();
    loop {
        let start = bytes.len();
        let room = (MAX_HEAD + 1).saturating_sub(start) as u64;
        let n = reader.by_ref().take(room).read_until(b'\n', bytes)?;
        if n == 0 && start == 0 {
            return Ok(None);
        }
        if bytes.len() > MAX_HEAD {
            return Err(invalid("a message head over 64 KiB"));
        }
        if n == 0 || !bytes.ends_with(b"\n") {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "closed inside a message head",
            ));
        }
        let line = String::from_utf8_lossy(&bytes[start..]);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        lines.push(line.to_string());
    }
    let mut lines = lines.into_iter();
    let start_line = lines
        .next()
        .ok_or_else(|| invalid("an empty message head"))?;
    let mut head = Head {
        start_line,
        content_length: None,
        chunked: false,
        close: false,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid("a header line without a colon"));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                let len = value
                    .parse()
                    .map_err(|_| invalid("an unreadable Content-Length"))?;
                head.content_length = Some(len);
            }
            "transfer-encoding" => {
                head.chunked = value
                    .rsplit(',')
                    .next()
                    .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
            }
            "connection" => {
                head.close = value
                    .split(',')
                    .any(|token| token.trim().eq_ignore_ascii_case("close"));
            }
            _ => {}
        }
    }
    Ok(Some(head))
}

/// Reads a body framed as `framing` into `bytes`, chunk lines and trailers included.
fn read_body(reader: &mut impl BufRead, framing: Framing, bytes: &mut Vec<u8>) -> io::Result<()> {
    match framing {
        Framing::Empty => Ok(()),
        Framing::Length(len) if len > MAX_BODY => Err(invalid("a body over 32 MiB")),
        Framing::Length(len) => read_exact_into(reader, len, bytes),
        Framing::ToEof => {
            let n = reader
                .by_ref()
                .take(MAX_BODY as u64 + 1)
                .read_to_end(bytes)?;
            if n > MAX_BODY {
                return Err(invalid("a body over 32 MiB"));
            }
            Ok(())
        }
        Framing::Chunked => {
            let start = bytes.len();
            loop {
                let line_start = bytes.len();
                read_line_into(reader, bytes)?;
                let line = String::from_utf8_lossy(&bytes[line_start..]);
                let size = line.split(';').next().unwrap_or_default().trim();
                let size =
                    usize::from_str_radix(size, 16).map_err(|_| invalid("a bad chunk size"))?;
                if size == 0 {
                    break;
                }
                if bytes.len() - start + size > MAX_BODY {
                    return Err(invalid("a body over 32 MiB"));
                }
                // The chunk and the line end after it.
                read_exact_into(reader, size + 2, bytes)?;
            }
            // Trailers, up to the empty line ending the body.
            loop {
                let line_start = bytes.len();
                read_line_into(reader, bytes)?;
                if matches!(&bytes[line_start..], b"\r\n" | b"\n") {
                    return Ok(());
                }
                if bytes.len() - start > MAX_BODY {
                    return Err(invalid("a body over 32 MiB"));
                }
            }
        }
    }
}

fn read_exact_into(reader: &mut impl BufRead, len: usize, bytes: &mut Vec<u8>) -> io::Result<()> {
    let n = reader.by_ref().take(len as u64).read_to_end(bytes)?;
    if n < len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "closed inside a body",
        ));
    }
    Ok(())
}

fn read_line_into(reader: &mut impl BufRead, bytes: &mut Vec<u8>) -> io::Result<()> {
    let n = reader.by_ref().take(4096).read_until(b'\n', bytes)?;
    if n == 0 || !bytes.ends_with(b"\n") {
        return Err(invalid("a chunk line cut or over 4 KiB"));
    }
    Ok(())
}

fn invalid(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
}
