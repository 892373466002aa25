//! A phone, as the room's tests play it: plain HTTP/1.1 over a TCP stream
//! to the room on the loopback address, one request a connection, with
//! the headers a browser on the page sends (`Host`, `Origin`, the cookie).
//! Small on purpose: what is tested is the server, not a client library.
//!
//! Each test file that needs it declares it with `mod phone;`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;

/// What came back.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The Fluent id of a refusal.
    pub fn refused(&self) -> Option<String> {
        self.json()["refused"].as_str().map(str::to_string)
    }
}

/// A request as the test shapes it; the defaults are a browser's on the
/// room's page.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub host: Option<String>,
    pub origin: Option<String>,
    pub cookie: Option<String>,
    pub body: Vec<u8>,
}

pub fn send(addr: SocketAddr, request: &Request) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{} {} HTTP/1.1\r\nConnection: close\r\n", request.method, request.path);
    if let Some(host) = &request.host {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    if let Some(origin) = &request.origin {
        head.push_str(&format!("Origin: {origin}\r\n"));
    }
    if let Some(cookie) = &request.cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if request.method != "GET" {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", request.body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&request.body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> std::io::Result<Answer> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    let chunked = headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { unchunk(body) } else { body.to_string() };
    Ok(Answer { status, headers, body })
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// A phone of the room at `addr`: it joins, then sends as the page does.
pub struct Phone {
    pub addr: SocketAddr,
    pub cookie: Option<String>,
}

impl Phone {
    pub fn new(addr: SocketAddr) -> Phone {
        Phone { addr, cookie: None }
    }

    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn get(&self, path: &str) -> Answer {
        let request = Request {
            method: "GET",
            path,
            host: Some(self.host()),
            origin: None,
            cookie: self.cookie.clone(),
            body: Vec::new(),
        };
        send(self.addr, &request).expect("the room answers")
    }

    pub fn post(&self, path: &str, body: &Value) -> Answer {
        self.try_post(path, body).expect("the room answers")
    }

    pub fn try_post(&self, path: &str, body: &Value) -> std::io::Result<Answer> {
        let request = Request {
            method: "POST",
            path,
            host: Some(self.host()),
            origin: Some(self.origin()),
            cookie: self.cookie.clone(),
            body: body.to_string().into_bytes(),
        };
        send(self.addr, &request)
    }

    /// Keeps the cookie an answer sets.
    pub fn keep_cookie(&mut self, answer: &Answer) {
        if let Some(set) = answer.header("set-cookie") {
            self.cookie = set.split(';').next().map(str::to_string);
        }
    }

    /// Joins with the QR address's path (`/J/TOKEN`).
    pub fn join(&mut self, join_path: &str) -> Answer {
        let answer = self.get(join_path);
        self.keep_cookie(&answer);
        answer
    }

    /// Joins with the typed code.
    pub fn join_with_code(&mut self, code: &str) -> Answer {
        let answer = self.post("/api/join", &serde_json::json!({ "code": code }));
        self.keep_cookie(&answer);
        answer
    }

    pub fn note(&self, key: &str, step: usize, column: &str, text: &str) -> Answer {
        let body = serde_json::json!({ "key": key, "step": step, "kind": "note", "column": column, "text": text });
        self.post("/api/send", &body)
    }

    /// The event stream, open: each call to [`Events::next`] reads the
    /// next stage sent.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.addr).expect("the room listens");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("a timeout");
        let cookie = self.cookie.clone().unwrap_or_default();
        let head = format!(
            "GET /api/events HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
            self.host()
        );
        stream.write_all(head.as_bytes()).expect("a request");
        Events { reader: BufReader::new(stream) }
    }
}

pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next stage's JSON; none when the stream ended.
    pub fn next(&mut self) -> Option<Value> {
        let mut line = String::new();
        loop {
            line.clear();
            // The end of the stream: the connection closes, or its last
            // chunk (of size zero) comes.
            if self.reader.read_line(&mut line).ok()? == 0 || line.trim_end() == "0" {
                return None;
            }
            // Chunk sizes and other event fields pass by; a stage is one
            // `data:` line.
            if let Some(data) = line.trim_end().strip_prefix("data:") {
                return serde_json::from_str(data.trim()).ok();
            }
        }
    }

    /// Reads stages until one satisfies `check`.
    pub fn until(&mut self, check: impl Fn(&Value) -> bool) -> Option<Value> {
        while let Some(stage) = self.next() {
            if check(&stage) {
                return Some(stage);
            }
        }
        None
    }
}
