//! HTTP/1.1 framing as the proxy needs it: a request or an answer read whole, by
//! Content-Length, chunked, or to the end of the connection, with its raw bytes kept.

use std::io::{self, BufRead, Read};

/// The longest request or answer head accepted.
const MAX_HEAD: usize = 64 * 1024;
/// The longest body accepted (photo uploads are up to about 12 MB).
const MAX_BODY: usize = 32 * 1024 * 1024;

/// A request as read from the phone, with its raw bytes.
pub(crate) struct Request {
    pub(crate) bytes: Vec<u8>,
    pub(crate) head_len: usize,
    pub(crate) method: String,
    pub(crate) path: String,
    /// The phone asked to close after this exchange.
    pub(crate) close: bool,
}

/// An answer as read from the county, with its raw bytes.
pub(crate) struct Answer {
    pub(crate) bytes: Vec<u8>,
    /// The phone's connection must close after it (asked for, or the body ran to EOF).
    pub(crate) close: bool,
}

pub(crate) struct Head {
    pub(crate) start_line: String,
    pub(crate) content_length: Option<usize>,
    pub(crate) chunked: bool,
    pub(crate) close: bool,
}

pub(crate) enum Framing {
    Empty,
    Length(usize),
    Chunked,
    ToEof,
}

/// The next request of a connection, `None` when the phone closed it between requests.
pub(crate) fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Request>> {
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
pub(crate) fn read_answer(reader: &mut impl BufRead, method: &str) -> io::Result<Answer> {
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
pub(crate) fn read_head(
    reader: &mut impl BufRead,
    bytes: &mut Vec<u8>,
) -> io::Result<Option<Head>> {
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
pub(crate) fn read_body(
    reader: &mut impl BufRead,
    framing: Framing,
    bytes: &mut Vec<u8>,
) -> io::Result<()> {
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

pub(crate) fn read_exact_into(
    reader: &mut impl BufRead,
    len: usize,
    bytes: &mut Vec<u8>,
) -> io::Result<()> {
    let n = reader.by_ref().take(len as u64).read_to_end(bytes)?;
    if n < len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "closed inside a body",
        ));
    }
    Ok(())
}

pub(crate) fn read_line_into(reader: &mut impl BufRead, bytes: &mut Vec<u8>) -> io::Result<()> {
    let n = reader.by_ref().take(4096).read_until(b'\n', bytes)?;
    if n == 0 || !bytes.ends_with(b"\n") {
        return Err(invalid("a chunk line cut or over 4 KiB"));
    }
    Ok(())
}

pub(crate) fn invalid(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}
