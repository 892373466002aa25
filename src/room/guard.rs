//! The room's security rules, each a small pure piece that the server
//! applies and that is tested on its own: the join token and code, the
//! lockout of wrong codes, the Host and Origin checks, the rate per phone,
//! and the cleaning of what phones send.
//!
//! The room is a shared network: anyone on it can reach the laptop. So a
//! phone gets in only with the token of the QR address (128 bits and
//! more) or the 6-character code shown on the projector, and the code can
//! be tried 5 times a minute from one address. The addresses are kept in
//! memory for that minute only, never written anywhere.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The letters of a join code: no 0/O, 1/I/L, nor vowels that would spell
/// words; easy to read from the back of the room and to type on a phone.
const CODE_LETTERS: &[u8] = b"23456789BCDFGHJKMNPQRSTVWXZ";

/// How long a join code has.
pub const CODE_LEN: usize = 6;

/// Wrong codes allowed from one address in [`LOCKOUT_WINDOW`].
pub const MAX_WRONG_CODES: usize = 5;
pub const LOCKOUT_WINDOW: Duration = Duration::from_secs(60);

/// Random bytes from the system; a room cannot open without them.
fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    bytes
}

/// 130 random bits, as 26 upper-case base-32 characters: the join token
/// in the QR address (upper case, so that the whole address fits the QR
/// code's denser alphanumeric mode), and each phone's cookie.
pub fn token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const LEN: usize = 26;
    let bytes = random::<17>();
    let mut out = String::with_capacity(LEN);
    let (mut held, mut bits) = (0u32, 0u32);
    for byte in bytes {
        held = (held << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 && out.len() < LEN {
            bits -= 5;
            out.push(ALPHABET[((held >> bits) & 31) as usize] as char);
        }
    }
    out
}

/// A fresh 6-character join code.
pub fn join_code() -> String {
    random::<CODE_LEN>()
        .iter()
        // 256 is not a multiple of the alphabet's length: the bias of a
        // modulo is a few per cent, which the lockout makes harmless.
        .map(|b| CODE_LETTERS[usize::from(*b) % CODE_LETTERS.len()] as char)
        .collect()
}

/// A code as typed on a phone: spaces dropped, case ignored.
pub fn normalise_code(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

/// Compares two secrets in a time that does not depend on where they
/// differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The wrong codes of each address over the last minute, in memory only.
#[derive(Debug, Default)]
pub struct Lockout {
    wrong: HashMap<IpAddr, Vec<Instant>>,
}

impl Lockout {
    /// Whether this address may try a code now.
    pub fn may_try(&mut self, from: IpAddr, now: Instant) -> bool {
        self.forget(now);
        self.wrong.get(&from).is_none_or(|tries| tries.len() < MAX_WRONG_CODES)
    }

    /// How long this address still waits, when it must.
    pub fn wait(&mut self, from: IpAddr, now: Instant) -> Option<Duration> {
        self.forget(now);
        let tries = self.wrong.get(&from).filter(|t| t.len() >= MAX_WRONG_CODES)?;
        tries.first().map(|first| (*first + LOCKOUT_WINDOW).saturating_duration_since(now))
    }

    pub fn wrong(&mut self, from: IpAddr, now: Instant) {
        self.wrong.entry(from).or_default().push(now);
    }

    /// Drops the tries older than the window (and the addresses left with
    /// none): nothing is kept longer than that minute.
    fn forget(&mut self, now: Instant) {
        self.wrong.retain(|_, tries| {
            tries.retain(|t| now.saturating_duration_since(*t) < LOCKOUT_WINDOW);
            !tries.is_empty()
        });
    }
}

/// A phone's submissions: a burst of [`RATE_BURST`], then one every
/// [`RATE_EVERY`]. Enough for a person typing quickly, not for a script.
pub const RATE_BURST: f64 = 20.0;
pub const RATE_EVERY: Duration = Duration::from_millis(1500);

#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub fn new(now: Instant) -> Self {
        Self { tokens: RATE_BURST, at: now }
    }

    /// Takes one submission's token; false when the phone must slow down.
    pub fn take(&mut self, now: Instant) -> bool {
        let refill = now.saturating_duration_since(self.at).as_secs_f64() / RATE_EVERY.as_secs_f64();
        self.tokens = (self.tokens + refill).min(RATE_BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Whether a request's `Host` is the address shown: a name that resolves
/// to the laptop (DNS rebinding) is not.
pub fn host_is(host: Option<&str>, shown: &str) -> bool {
    host.is_some_and(|h| h.eq_ignore_ascii_case(shown))
}

/// Whether a write comes from the page itself: its `Origin` must be the
/// room's own (`http://IP:PORT`). A write without one is refused too: every
/// browser sends it on a POST.
pub fn origin_is(origin: Option<&str>, shown: &str) -> bool {
    origin.is_some_and(|o| o.eq_ignore_ascii_case(&format!("http://{shown}")))
}

/// What is kept of a text a phone sent: the cleaning of a note typed at the
/// keyboard (control characters, escape sequences and bidi overrides gone,
/// line breaks as spaces), trimmed; `None` when nothing is left or it is
/// longer than [`super::MAX_TEXT`] characters.
pub fn clean_text(text: &str) -> Option<String> {
    if text.chars().count() > super::MAX_TEXT {
        return None;
    }
    let text = crate::text::sanitize_input(text, false);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Whether an idempotency key a phone made is one we take: 8 to 64
/// characters of letters, digits, `-` and `_`.
pub fn key_is_valid(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_carries_at_least_128_random_bits() {
        let a = token();
        assert_eq!(a.len(), 26, "26 characters of 5 bits: 130 bits");
        assert!(a.bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)));
        assert_ne!(a, token());
    }

    #[test]
    fn a_join_code_is_six_unambiguous_characters() {
        for _ in 0..50 {
            let code = join_code();
            assert_eq!(code.len(), CODE_LEN);
            assert!(code.bytes().all(|b| CODE_LETTERS.contains(&b)), "{code}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        }
        assert_eq!(normalise_code(" k7m-2qx "), "K7M2QX");
    }

    #[test]
    fn five_wrong_codes_a_minute_from_one_address_then_it_waits() {
        let mut lockout = Lockout::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.2".parse().unwrap(), "10.0.0.3".parse().unwrap());
        let start = Instant::now();
        for i in 0..MAX_WRONG_CODES {
            assert!(lockout.may_try(a, start), "try {i}");
            lockout.wrong(a, start + Duration::from_secs(i as u64));
        }
        let now = start + Duration::from_secs(10);
        assert!(!lockout.may_try(a, now), "the sixth waits");
        assert_eq!(lockout.wait(a, now), Some(Duration::from_secs(50)));
        assert!(lockout.may_try(b, now), "another address does not");
        assert!(lockout.may_try(a, start + LOCKOUT_WINDOW + Duration::from_secs(1)), "a minute later");
        assert!(lockout.wrong.get(&a).is_some_and(|t| t.len() < MAX_WRONG_CODES), "the old tries forgotten");
    }

    #[test]
    fn a_phone_sending_faster_than_a_person_types_is_slowed() {
        let start = Instant::now();
        let mut bucket = Bucket::new(start);
        let taken = (0..100).filter(|_| bucket.take(start)).count();
        assert_eq!(taken, RATE_BURST as usize);
        assert!(!bucket.take(start + RATE_EVERY / 2));
        assert!(bucket.take(start + RATE_EVERY * 2));
    }

    #[test]
    fn host_and_origin_must_be_the_address_shown() {
        assert!(host_is(Some("192.168.1.23:8737"), "192.168.1.23:8737"));
        assert!(!host_is(Some("evil.example:8737"), "192.168.1.23:8737"));
        assert!(!host_is(None, "192.168.1.23:8737"));
        assert!(origin_is(Some("http://192.168.1.23:8737"), "192.168.1.23:8737"));
        assert!(!origin_is(Some("http://evil.example"), "192.168.1.23:8737"));
        assert!(!origin_is(Some("null"), "192.168.1.23:8737"));
        assert!(!origin_is(None, "192.168.1.23:8737"));
    }

    #[test]
    fn text_is_cleaned_as_a_note_typed_at_the_keyboard() {
        assert_eq!(clean_text("  a\x1b[31mred\u{202e} b\nc  ").as_deref(), Some("ared b c"));
        assert_eq!(clean_text(" \u{7}\n "), None);
        assert_eq!(clean_text(&"é".repeat(1000)).map(|t| t.chars().count()), Some(1000));
        assert_eq!(clean_text(&"é".repeat(1001)), None);
        assert!(key_is_valid("abcd-1234_x"));
        assert!(!key_is_valid("short"));
        assert!(!key_is_valid("has space in it"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
