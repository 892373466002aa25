//! The room's web server: axum on a tokio runtime of its own, on a thread
//! of its own, serving the phone page and its small API, and nothing else.
//!
//! Routes: `/` (the page), `/page.css`, `/page.js`, `/J/TOKEN` (the QR
//! address: the phone gets its cookie and goes to `/`), `/api/texts` (the
//! page's words in both languages), `/api/join` (the typed code),
//! `/api/me`, `/api/events` (server-sent events: the step on screen) and
//! `/api/send` (a note, answers or a line, answered once the app has it on
//! the disk). Every request must name the address shown in `Host`; every
//! write must come from it (`Origin`); every answer carries the strict
//! headers; nothing is served across sites.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::Stream;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{oneshot, watch};

use super::guard::{self, Bucket, Lockout};
use super::{Key, MAX_PHONES, PageTexts, PhoneId, Reply, RoomEvent, Sent, Sink, Stage};

const PAGE: &str = include_str!("page/index.html");
const CSS: &str = include_str!("page/page.css");
const JS: &str = include_str!("page/page.js");

/// The largest body a phone may send: a note of 1,000 characters, each
/// escaped in JSON at worst, and its key.
pub const BODY_LIMIT: usize = 16 * 1024;

/// How long a submission waits for the app to save it before the phone is
/// told to send it again (with the same key: it is never kept twice).
const SAVE_WAIT: Duration = Duration::from_secs(10);

/// How long a closed room still answers (that it is closed) before it
/// stops listening.
const CLOSING: Duration = Duration::from_millis(1500);

/// The cookie that says which phone a request comes from.
const COOKIE: &str = "atelier_room";

pub(super) struct Config {
    pub token: String,
    pub code: String,
    pub texts: PageTexts,
}

/// The server as the app holds it.
pub(super) struct Handle {
    shared: Arc<Shared>,
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

/// What the server's tasks share.
struct Shared {
    /// `IP:PORT`, as it must appear in `Host`.
    shown: String,
    config: Config,
    stage: watch::Sender<Shown>,
    sink: Sink,
    closed: AtomicBool,
    inner: Mutex<Inner>,
}

/// The stage, and when it was handed over: a running countdown is sent
/// as what is left at the moment it is sent.
#[derive(Clone)]
struct Shown {
    stage: Arc<Stage>,
    at: Instant,
}

#[derive(Default)]
struct Inner {
    /// The phones, by their cookie.
    phones: HashMap<String, Phone>,
    lockout: Lockout,
    /// Submissions handed to the app and not answered yet.
    waiting: HashMap<Key, watch::Sender<Option<Reply>>>,
    /// Submissions answered: a retry gets the same answer.
    answered: HashMap<Key, Reply>,
}

struct Phone {
    id: PhoneId,
    bucket: Bucket,
    /// Event streams open: the phone is here while one is.
    streams: usize,
}

impl Shared {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn phones_event(&self, inner: &Inner) -> RoomEvent {
        RoomEvent::Phones(inner.phones.len())
    }

    fn here_event(inner: &Inner) -> RoomEvent {
        RoomEvent::Here(inner.phones.values().filter(|p| p.streams > 0).count())
    }
}

/// Binds `bind` (the next ports after it when the default one is taken
/// and no port was asked for is the caller's choice) and starts the
/// server's thread.
pub(super) fn start(
    bind: SocketAddr,
    config: Config,
    stage: Stage,
    sink: Sink,
) -> std::io::Result<(Handle, SocketAddr)> {
    let listener = TcpListener::bind(bind)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let (sender, _) = watch::channel(Shown { stage: Arc::new(stage), at: Instant::now() });
    let shared = Arc::new(Shared {
        shown: super::address::host(addr),
        config,
        stage: sender,
        sink,
        closed: AtomicBool::new(false),
        inner: Mutex::default(),
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    let app = router(Arc::clone(&shared));
    std::thread::Builder::new().name("room".into()).spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let (drained, drain) = oneshot::channel::<()>();
            let serve = axum::serve(listener, service).with_graceful_shutdown(async move {
                let _ = stopped.await;
                let _ = drained.send(());
            });
            // Connections still open a moment after the stop (a phone's
            // request under way) are dropped with the runtime.
            let hard_stop = async move {
                let _ = drain.await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            };
            futures_util::future::select(Box::pin(async { serve.await }), Box::pin(hard_stop)).await;
        });
    })?;
    Ok((Handle { shared, stop: Mutex::new(Some(stop)) }, addr))
}

impl Handle {
    pub fn show(&self, stage: Stage) {
        self.shared.stage.send_replace(Shown { stage: Arc::new(stage), at: Instant::now() });
    }

    pub fn reply(&self, key: &Key, reply: Reply) {
        let mut inner = self.shared.inner();
        if let Some(waiting) = inner.waiting.remove(key) {
            waiting.send_replace(Some(reply.clone()));
        }
        inner.answered.insert(key.clone(), reply);
    }

    /// The phones are told the room is closed; what they send now is
    /// refused; the server stops listening a moment later.
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        self.shared.stage.send_modify(|shown| shown.at = Instant::now());
        let stop = self.stop.lock().ok().and_then(|mut s| s.take());
        if let Some(stop) = stop {
            let _ = std::thread::Builder::new().name("room-closing".into()).spawn(move || {
                std::thread::sleep(CLOSING);
                let _ = stop.send(());
            });
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.close();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/page.css", get(|| async { text(CSS, "text/css; charset=utf-8") }))
        .route("/page.js", get(|| async { text(JS, "text/javascript; charset=utf-8") }))
        .route("/J/{token}", get(join_by_token))
        .route("/j/{token}", get(join_by_token))
        .route("/api/texts", get(texts))
        .route("/api/join", post(join_by_code))
        .route("/api/me", get(me))
        .route("/api/events", get(events))
        .route("/api/send", post(send))
        .fallback(|| async { refusal(StatusCode::NOT_FOUND, "room-refused-not-found") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard_request))
        .with_state(shared)
}

/// What every request goes through: `Host` must be the address shown,
/// a write must come from the page (`Origin`), and every answer carries the
/// strict headers.
async fn guard_request(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let value = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let mut response = if !guard::host_is(value(header::HOST), &shared.shown) {
        refusal(StatusCode::MISDIRECTED_REQUEST, "room-refused-host")
    } else if request.method() != Method::GET && !guard::origin_is(value(header::ORIGIN), &shared.shown) {
        refusal(StatusCode::FORBIDDEN, "room-refused-origin")
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'self'"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn text(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// A refusal the page shows in the phone's language: the Fluent id of why.
fn refusal(status: StatusCode, why: &'static str) -> Response {
    (status, axum::Json(json!({ "refused": why }))).into_response()
}

async fn page() -> Response {
    text(PAGE, "text/html; charset=utf-8")
}

async fn texts(State(shared): State<Arc<Shared>>) -> Response {
    let of = |pairs: &[(String, String)]| {
        pairs.iter().map(|(k, v)| (k.clone(), v.as_str().into())).collect::<serde_json::Map<_, _>>()
    };
    let texts = &shared.config.texts;
    axum::Json(json!({ "fr": of(&texts.fr), "en": of(&texts.en) })).into_response()
}

/// The phone's cookie, if it sent one the room gave.
fn phone_of(shared: &Shared, headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get_all(header::COOKIE);
    let inner = shared.inner();
    cookies
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find(|value| inner.phones.contains_key(*value))
        .map(str::to_string)
}

/// A new phone, with its cookie; none when the room is full or closed.
fn admit(shared: &Shared) -> Result<String, Response> {
    if shared.closed.load(Ordering::SeqCst) {
        return Err(refusal(StatusCode::GONE, "room-closed"));
    }
    let mut inner = shared.inner();
    if inner.phones.len() >= MAX_PHONES {
        return Err(refusal(StatusCode::SERVICE_UNAVAILABLE, "room-refused-full"));
    }
    let cookie = guard::token();
    let id = PhoneId(guard::token()[..12].to_ascii_lowercase());
    inner.phones.insert(cookie.clone(), Phone { id, bucket: Bucket::new(Instant::now()), streams: 0 });
    let event = shared.phones_event(&inner);
    drop(inner);
    (shared.sink)(event);
    Ok(cookie)
}

fn set_cookie(cookie: &str) -> (header::HeaderName, String) {
    (header::SET_COOKIE, format!("{COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict"))
}

/// The QR address: the token lets the phone in, then it goes to the page
/// (the token leaves the address bar; no referrer carries it anywhere).
async fn join_by_token(State(shared): State<Arc<Shared>>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    if !guard::same_secret(&token.to_ascii_uppercase(), &shared.config.token) {
        return refusal(StatusCode::FORBIDDEN, "room-refused-token");
    }
    let see_page = (StatusCode::SEE_OTHER, [(header::LOCATION, "/".to_string())]);
    if phone_of(&shared, &headers).is_some() {
        return see_page.into_response();
    }
    match admit(&shared) {
        Ok(cookie) => (see_page.0, [see_page.1[0].clone(), set_cookie(&cookie)]).into_response(),
        Err(refused) => refused,
    }
}

#[derive(Deserialize)]
struct Join {
    code: String,
}

/// The typed code: at most five wrong ones a minute from one address, then
/// the address waits (the addresses are in memory for that minute only).
async fn join_by_code(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    axum::Json(join): axum::Json<Join>,
) -> Response {
    let now = Instant::now();
    {
        let mut inner = shared.inner();
        if let Some(wait) = inner.lockout.wait(peer.ip(), now) {
            let seconds = wait.as_secs().max(1).to_string();
            let mut refused = refusal(StatusCode::TOO_MANY_REQUESTS, "room-refused-wait");
            if let Ok(value) = HeaderValue::from_str(&seconds) {
                refused.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return refused;
        }
        if !guard::same_secret(&guard::normalise_code(&join.code), &shared.config.code) {
            inner.lockout.wrong(peer.ip(), now);
            return refusal(StatusCode::FORBIDDEN, "room-refused-code");
        }
    }
    if phone_of(&shared, &headers).is_some() {
        return axum::Json(json!({ "joined": true })).into_response();
    }
    match admit(&shared) {
        Ok(cookie) => ([set_cookie(&cookie)], axum::Json(json!({ "joined": true }))).into_response(),
        Err(refused) => refused,
    }
}

async fn me(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if shared.closed.load(Ordering::SeqCst) {
        return refusal(StatusCode::GONE, "room-closed");
    }
    match phone_of(&shared, &headers) {
        Some(_) => axum::Json(json!({ "joined": true })).into_response(),
        None => refusal(StatusCode::UNAUTHORIZED, "room-refused-join"),
    }
}

/// The stage as a phone reads it: a running countdown's time as of now.
fn stage_json(shown: &Shown, closed: bool) -> String {
    let mut stage = (*shown.stage).clone();
    if let Some(countdown) = stage.countdown.as_mut().filter(|c| c.running) {
        let elapsed = u64::try_from(shown.at.elapsed().as_millis()).unwrap_or(u64::MAX);
        countdown.remaining_ms = countdown.remaining_ms.saturating_sub(elapsed);
    }
    let mut value = serde_json::to_value(&stage).unwrap_or_default();
    if closed && let Some(object) = value.as_object_mut() {
        object.insert("room_closed".into(), true.into());
    }
    value.to_string()
}

/// Counts a phone's open streams: the phone is in the room while one is.
struct Presence {
    shared: Arc<Shared>,
    cookie: String,
}

impl Drop for Presence {
    fn drop(&mut self) {
        let mut inner = self.shared.inner();
        let Some(phone) = inner.phones.get_mut(&self.cookie) else { return };
        phone.streams = phone.streams.saturating_sub(1);
        let left = phone.streams == 0;
        let event = Shared::here_event(&inner);
        drop(inner);
        if left {
            (self.shared.sink)(event);
        }
    }
}

/// The step on screen, now and at every change, until the room closes.
/// The browser reconnects by itself when the stream drops.
async fn events(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let Some(cookie) = phone_of(&shared, &headers) else {
        return refusal(StatusCode::UNAUTHORIZED, "room-refused-join");
    };
    let came = {
        let mut inner = shared.inner();
        let came = inner.phones.get_mut(&cookie).is_some_and(|phone| {
            phone.streams += 1;
            phone.streams == 1
        });
        came.then(|| Shared::here_event(&inner))
    };
    if let Some(event) = came {
        (shared.sink)(event);
    }
    let presence = Presence { shared: Arc::clone(&shared), cookie };
    let receiver = shared.stage.subscribe();
    let stream = stream_of(presence, receiver);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

fn stream_of(presence: Presence, receiver: watch::Receiver<Shown>) -> impl Stream<Item = Result<Event, Infallible>> {
    // The first turn sends the stage as it is; the next ones wait for a
    // change; the turn after the room closed ends the stream.
    futures_util::stream::unfold(
        (presence, receiver, true, false),
        |(presence, mut receiver, first, ended)| async move {
            if ended {
                return None;
            }
            if !first && receiver.changed().await.is_err() {
                return None;
            }
            let closed = presence.shared.closed.load(Ordering::SeqCst);
            let data = stage_json(&receiver.borrow_and_update(), closed);
            let event = Event::default().event("stage").data(data).retry(Duration::from_secs(2));
            Some((Ok(event), (presence, receiver, false, closed)))
        },
    )
}

/// What the page sends: its key, the step it names, and what.
#[derive(Deserialize)]
struct Submission {
    key: String,
    step: usize,
    #[serde(flatten)]
    what: What,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum What {
    Note { column: String, text: String },
    Answers { ticked: Vec<String> },
    Partner { text: String },
    Closing { text: String },
    Edit { of: String, text: String },
    Withdraw { of: String },
}

async fn send(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if shared.closed.load(Ordering::SeqCst) {
        return refusal(StatusCode::GONE, "room-closed");
    }
    let Some(cookie) = phone_of(&shared, &headers) else {
        return refusal(StatusCode::UNAUTHORIZED, "room-refused-join");
    };
    let Ok(submission) = serde_json::from_slice::<Submission>(&body) else {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "room-refused-malformed");
    };
    if !guard::key_is_valid(&submission.key) {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "room-refused-malformed");
    }
    let phone_id = shared.inner().phones.get(&cookie).map(|p| p.id.clone());
    let Some(phone_id) = phone_id else {
        return refusal(StatusCode::UNAUTHORIZED, "room-refused-join");
    };
    // A phone names its own notes by their keys, within its own id: it
    // can reach no other phone's.
    let own = |of: &str| guard::key_is_valid(of).then(|| Key(format!("{}.{of}", phone_id.0)));
    let sent = match submission.what {
        What::Note { column, text } => guard::clean_text(&text).map(|text| Sent::Note { column, text }),
        What::Answers { ticked } if ticked.len() <= 200 && ticked.iter().all(|t| t.len() <= 100) => {
            Some(Sent::Answers { ticked })
        }
        What::Answers { .. } => None,
        What::Partner { text } => guard::clean_text(&text).map(|text| Sent::Partner { text }),
        What::Closing { text } => guard::clean_text(&text).map(|text| Sent::Closing { text }),
        What::Edit { of, text } => own(&of).zip(guard::clean_text(&text)).map(|(of, text)| Sent::Edit { of, text }),
        What::Withdraw { of } => own(&of).map(|of| Sent::Withdraw { of }),
    };
    let Some(sent) = sent else {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "room-refused-text");
    };
    let (phone, key, mut answer) = {
        let mut inner = shared.inner();
        let Some(phone) = inner.phones.get_mut(&cookie) else {
            return refusal(StatusCode::UNAUTHORIZED, "room-refused-join");
        };
        let phone_id = phone.id.clone();
        // The phone's key, within the phone's own: two phones never share one.
        let key = Key(format!("{}.{}", phone_id.0, submission.key));
        if let Some(reply) = inner.answered.get(&key) {
            return answer_of(reply);
        }
        if let Some(waiting) = inner.waiting.get(&key) {
            (None, key, waiting.subscribe())
        } else {
            let phone = inner.phones.get_mut(&cookie).expect("looked up above");
            if !phone.bucket.take(Instant::now()) {
                return refusal(StatusCode::TOO_MANY_REQUESTS, "room-refused-rate");
            }
            let (sender, receiver) = watch::channel(None);
            inner.waiting.insert(key.clone(), sender);
            (Some(phone_id), key, receiver)
        }
    };
    if let Some(phone) = phone {
        (shared.sink)(RoomEvent::Sent { key: key.clone(), phone, step: submission.step, sent });
    }
    let waited = tokio::time::timeout(SAVE_WAIT, answer.wait_for(Option::is_some)).await;
    match waited {
        Ok(Ok(reply)) => answer_of(reply.as_ref().expect("waited for some")),
        // Not saved yet (a slow disk): the phone sends it again, same key.
        Err(_) => refusal(StatusCode::SERVICE_UNAVAILABLE, "room-refused-later"),
        // The app let go of the room before it answered.
        Ok(Err(_)) => refusal(StatusCode::GONE, "room-closed"),
    }
}

fn answer_of(reply: &Reply) -> Response {
    match reply {
        Reply::Saved => axum::Json(json!({ "saved": true })).into_response(),
        Reply::Refused(why) => refusal(StatusCode::CONFLICT, why),
    }
}
