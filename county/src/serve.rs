//! The HTTP/1 server loop: a cap on open connections, a time limit on request headers (which
//! also closes idle keep-alive connections) and on request bodies, the client's address on
//! every request, and a graceful shutdown that lets requests in flight finish.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, Request};
use http_body::Frame;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

use crate::gate::{self, Gate};
use crate::server;
use crate::state::County;

/// How long a client has to send a request's headers; also how long an idle keep-alive
/// connection stays open (the server waits for the next request's headers from the moment it
/// answered the last).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a client has to send a request's whole body (a sync of 32 MiB then needs at least
/// about 1.1 MB/s; phones split their work far below that).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections served at once; more wait, unaccepted, in the listen queue.
pub const MAX_CONNECTIONS: usize = 512;

/// How the county serves HTTP. `Default` gives the named constants and the loopback demo
/// address.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// See [`HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// See [`BODY_TIMEOUT`].
    pub body_timeout: Duration,
    /// See [`MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// The header a trusted reverse proxy writes the client's address into
    /// (`X-Forwarded-For`); `None`: the socket's peer address is the client's.
    pub trusted_proxy_header: Option<HeaderName>,
    /// The base URL the county is reached at, for printed links and QR codes.
    pub public_url: String,
    /// Enrollment attempts allowed per client address per window (see
    /// [`crate::gate::ENROLL_PER_ADDRESS`]); raised for a training day when a township's
    /// phones all enroll from behind one office address.
    pub enroll_per_address: u32,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            trusted_proxy_header: None,
            public_url: "http://127.0.0.1:8470".into(),
            enroll_per_address: crate::gate::ENROLL_PER_ADDRESS,
        }
    }
}

/// A request body that fails once its deadline has passed, so a client trickling a body
/// cannot hold a handler (and what it holds) for long.
struct TimedBody {
    inner: Incoming,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

/// The error of a body that took too long.
#[derive(Debug, thiserror::Error)]
#[error("the request body took longer than the county allows")]
struct BodyTimedOut;

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        match this.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Waits for ctrl-c or SIGTERM (what service managers send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let terminated = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = terminated => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves `county` on `listener` with `options` until ctrl-c or SIGTERM, letting requests in
/// flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    county: Arc<County>,
    options: ServeOptions,
) -> std::io::Result<()> {
    serve_until(listener, county, options, shutdown_signal()).await
}

/// [`serve`] until `until` completes (tests stop a county this way), letting requests in flight
/// finish.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    county: Arc<County>,
    options: ServeOptions,
    until: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let router = server::router(
        county,
        Arc::new(Gate::with_enroll_limit(
            &options.public_url,
            options.enroll_per_address,
        )),
    );
    let options = Arc::new(options);
    let slots = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let (stop, stopped) = watch::channel(false);
    let signal = until;
    tokio::pin!(signal);
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            break;
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        let router = router.clone();
        let options = options.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let header_timeout = options.header_timeout;
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let router = router.clone();
                let options = options.clone();
                async move { Ok::<_, Infallible>(route(router, req, peer, &options).await) }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => return,
                _ = stopped.changed() => conn.as_mut().graceful_shutdown(),
            }
            let _ = conn.await;
        });
    }
    tracing::info!("shutting down");
    let _ = stop.send(true);
    // Every connection holds a slot until it ends: all slots back means all requests done.
    let _ = slots
        .acquire_many(options.max_connections.max(1) as u32)
        .await;
    Ok(())
}

async fn route(
    router: axum::Router,
    req: Request<Incoming>,
    peer: SocketAddr,
    options: &ServeOptions,
) -> axum::response::Response {
    let (mut parts, body) = req.into_parts();
    let client = gate::client_addr(
        &parts.headers,
        peer.ip(),
        options.trusted_proxy_header.as_ref(),
    );
    parts.extensions.insert(client);
    let body = Body::new(TimedBody {
        inner: body,
        deadline: Box::pin(tokio::time::sleep(options.body_timeout)),
    });
    match router.oneshot(Request::from_parts(parts, body)).await {
        Ok(r) => r,
        Err(never) => match never {},
    }
}
