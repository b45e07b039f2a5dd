//! A seeded fault-injecting HTTP/1.1 proxy between phones and county instances on loopback.
//! Every phone has its own listener and its own generator, so a fault schedule replays from
//! its seed however the phones' requests interleave.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Read and write timeout of every socket: a stuck peer ends the exchange, never the test.
const IO_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a reordered request waits for another phone's request at most.
const REORDER_WAIT: Duration = Duration::from_millis(300);
const UNAVAILABLE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
Content-Length: 0\r\nConnection: close\r\n\r\n";

pub(crate) mod http;
mod plan;
#[cfg(test)]
mod tests;

use http::*;
pub use plan::{Fault, FaultEvent, FaultMix, Kill};
use plan::{Rng, scaled};

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
