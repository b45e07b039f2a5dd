//! What the proxy does to each request: the faults, their weights, the log of them, and the
//! seeded generator that draws them.

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
    pub(super) fn draw(&self, rng: &mut Rng) -> Fault {
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

/// splitmix64: small, fast, and the same sequence on every machine.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn for_phone(seed: u64, phone: usize) -> Rng {
        let mut seeder = Rng(seed);
        let base = seeder.next_u64();
        Rng(base ^ (phone as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0); always one draw.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        scaled(self.next_u64(), n)
    }
}

/// Maps a drawn number onto `0..n` (0 when `n` is 0).
pub(super) fn scaled(raw: u64, n: u64) -> u64 {
    ((u128::from(raw) * u128::from(n)) >> 64) as u64
}
