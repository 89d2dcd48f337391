//! Requests written byte for byte on a TCP connection: for what an HTTP client library refuses to
//! send (dot segments, bodies on GET, oversized heads, garbage) and for clients that stall.

use std::time::Duration;

use actix_web::rt::net::TcpStream;
use actix_web::rt::time::timeout;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long the server may take to do anything a test waits for. A bound, never a measure: a
/// test fails on it only if the server does not do the thing at all.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// `host:port` of an application from its base URL.
pub fn address(base: &str) -> String {
    base.trim_start_matches("http://").to_string()
}

/// An answer as read off the socket.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// Status line and header fields, as sent.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The value of a header field (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then_some(value.trim())
        })
    }

    pub fn is_problem(&self) -> bool {
        self.header("content-type") == Some("application/problem+json")
    }

    /// The problem detail of the body, asserting its status.
    pub fn problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.head);
        assert!(self.is_problem(), "{}", self.head);
        let problem: serde_json::Value =
            serde_json::from_slice(&self.body).expect("a problem is JSON");
        assert_eq!(problem["status"], status);
        problem
    }
}

/// Connects to the application.
pub async fn connect(base: &str) -> TcpStream {
    TcpStream::connect(address(base))
        .await
        .expect("the service accepts connections")
}

/// Sends `request` whole and reads the answer until the server closes the connection (requests
/// say `Connection: close`; the server also closes after every error it answers itself).
pub async fn send(base: &str, request: &[u8]) -> RawResponse {
    let mut stream = connect(base).await;
    stream
        .write_all(request)
        .await
        .expect("the request is sent");
    read_response(&mut stream).await
}

/// A GET of `target` with the given extra header lines, closing the connection after.
pub async fn get(base: &str, target: &str, headers: &[&str]) -> RawResponse {
    let mut request = format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
    for line in headers {
        request.push_str(line);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    send(base, request.as_bytes()).await
}

/// Reads until the server closes the connection, then parses the first answer.
pub async fn read_response(stream: &mut TcpStream) -> RawResponse {
    let mut bytes = Vec::new();
    timeout(PATIENCE, read_to_close(stream, &mut bytes))
        .await
        .expect("the server answers and closes the connection");
    parse(&bytes)
}

/// Reads until the server closes; a reset counts as closed (it may close while we still send).
pub async fn read_to_close(stream: &mut TcpStream, bytes: &mut Vec<u8>) {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Splits an answer into status, head and body (a chunked body is de-chunked).
pub fn parse(bytes: &[u8]) -> RawResponse {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete answer: {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head}"));
    let mut response = RawResponse {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    };
    if response
        .header("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        response.body = dechunk(&response.body);
    }
    response
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&bytes[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&bytes[start..(start + size).min(bytes.len())]);
        bytes = &bytes[(start + size + 2).min(bytes.len())..];
    }
    out
}
