//! Slow, idle and numerous clients: timeouts cut the ones that hold a connection without
//! sending a request, so they cannot keep others out. The applications here get short timeouts
//! (one second) through `Limits`; what is asserted is that a connection is cut or answered, with
//! generous bounds, never how fast.

use std::time::Duration;

use actix_web::rt::time::{sleep, timeout};
use congres_numerique::api::Limits;
use tokio::io::AsyncWriteExt;

use crate::helpers::spawn_app_with;
use crate::raw;

/// Timeouts of one second: a test waits for them, it does not measure them.
fn short_timeouts() -> Limits {
    Limits {
        request_timeout: Duration::from_secs(1),
        keep_alive: Duration::from_secs(1),
        disconnect_timeout: Duration::from_secs(1),
        ..Limits::default()
    }
}

#[actix_web::test]
async fn a_client_that_connects_and_sends_nothing_is_answered_408_and_cut() {
    let app = spawn_app_with(short_timeouts()).await;
    let mut idle = raw::connect(&app.base).await;
    // `read_response` returns only once the server has closed the connection.
    let response = raw::read_response(&mut idle).await;
    assert_eq!(response.status, 408);
}

#[actix_web::test]
async fn a_client_that_sends_its_headers_byte_by_byte_is_cut() {
    let app = spawn_app_with(short_timeouts()).await;
    let stream = raw::connect(&app.base).await;
    let (mut reader, mut writer) = stream.into_split();
    let answer = actix_web::rt::spawn(async move {
        let mut bytes = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match tokio::io::AsyncReadExt::read(&mut reader, &mut chunk).await {
                Ok(0) | Err(_) => return bytes,
                Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            }
        }
    });
    // A head that never ends, one byte every 100 ms: at most 300 bytes, so at most 30 s.
    let head = b"GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: ";
    let mut sent = 0;
    for byte in head
        .iter()
        .copied()
        .chain(std::iter::repeat(b'a'))
        .take(300)
    {
        if answer.is_finished() || writer.write_all(&[byte]).await.is_err() {
            break;
        }
        sent += 1;
        sleep(Duration::from_millis(100)).await;
    }
    let bytes = timeout(raw::PATIENCE, answer)
        .await
        .expect("the server cuts the connection")
        .expect("the reader ends");
    assert_eq!(raw::parse(&bytes).status, 408);
    assert!(sent < 300, "the client could send its whole trickle");
}

#[actix_web::test]
async fn an_idle_keep_alive_connection_is_closed_after_its_answer() {
    let app = spawn_app_with(short_timeouts()).await;
    let mut stream = raw::connect(&app.base).await;
    // No `Connection: close`: the connection stays open for a next request, until keep-alive
    // runs out and the server closes it (which `read_response` waits for).
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .expect("sent");
    assert_eq!(raw::read_response(&mut stream).await.status, 200);
}

#[actix_web::test]
async fn the_connection_limit_holds_and_a_freed_slot_serves_the_next_client() {
    // One worker with a single connection slot, and a request timeout long enough that only the
    // client below frees the slot.
    let app = spawn_app_with(Limits {
        max_connections_per_worker: 1,
        request_timeout: Duration::from_secs(60),
        ..Limits::default()
    })
    .await;
    let holder = raw::connect(&app.base).await;
    let base = app.base.clone();
    let mut next = actix_web::rt::spawn(async move { raw::get(&base, "/health", &[]).await });
    // While the slot is held, the next client waits in the backlog. (Only a broken limit can
    // fail this; a slow machine makes it pass.)
    assert!(
        timeout(Duration::from_millis(500), &mut next)
            .await
            .is_err(),
        "served while the only connection slot was held"
    );
    drop(holder);
    let response = timeout(raw::PATIENCE, next)
        .await
        .expect("the next client is served once the slot is free")
        .expect("the request task ends");
    assert_eq!(response.status, 200);
}

#[actix_web::test]
async fn clients_that_hold_every_slot_without_a_request_cannot_keep_others_out() {
    let app = spawn_app_with(Limits {
        max_connections_per_worker: 2,
        ..short_timeouts()
    })
    .await;
    let mut idle = [raw::connect(&app.base).await, raw::connect(&app.base).await];
    // Both slots are held by clients that send nothing; the request timeout frees them.
    let response = timeout(raw::PATIENCE, raw::get(&app.base, "/health", &[]))
        .await
        .expect("a client is served despite the idle ones");
    assert_eq!(response.status, 200);
    for stream in &mut idle {
        assert_eq!(raw::read_response(stream).await.status, 408);
    }
}
