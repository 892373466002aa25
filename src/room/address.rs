//! Where the room listens: the address given with `--room-addr IP[:PORT]`,
//! else the laptop's address on the network that holds its default route
//! (the room's Wi-Fi, or the laptop's own hotspot), never `0.0.0.0`: the
//! server is reachable on the one address the QR code shows, and on no
//! other network the laptop is on.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::str::FromStr;

/// What `--room-addr` gives: an address, and a port or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bind {
    pub ip: IpAddr,
    pub port: Option<u16>,
}

impl FromStr for Bind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bind = if let Ok(addr) = s.parse::<SocketAddr>() {
            Bind { ip: addr.ip(), port: Some(addr.port()) }
        } else if let Ok(ip) = s.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Bind { ip, port: None }
        } else {
            return Err(format!(
                "'{}' is not IP[:PORT] (such as 192.168.1.23:8737) / n'est pas IP[:PORT] (par exemple 192.168.1.23:8737)",
                crate::text::clean(s)
            ));
        };
        if bind.ip.is_unspecified() {
            return Err(
                "the room listens on one address, not on all / la salle écoute sur une adresse, pas sur toutes"
                    .to_string(),
            );
        }
        Ok(bind)
    }
}

/// No address to offer the phones: the laptop is on no network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoNetwork;

impl fmt::Display for NoNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no network")
    }
}

/// The address to listen on when none is given: the one the system would
/// send from on its default route, if an interface of this laptop holds
/// it; else the first private IPv4 address of an interface that is up.
///
/// The default route's source is asked of the system by `connect` on a UDP
/// socket, which sends nothing: no packet leaves the laptop.
pub fn default_ip() -> Result<IpAddr, NoNetwork> {
    let interfaces: Vec<IpAddr> = if_addrs::get_if_addrs()
        .map(|list| list.into_iter().filter(|i| !i.is_loopback()).map(|i| i.ip()).collect())
        .unwrap_or_default();
    choose(route_source(), &interfaces)
}

/// The choice of [`default_ip`], from what the system said.
pub fn choose(route: Option<IpAddr>, interfaces: &[IpAddr]) -> Result<IpAddr, NoNetwork> {
    if let Some(ip) = route.filter(|ip| interfaces.contains(ip) && usable(*ip)) {
        return Ok(ip);
    }
    let v4 = |ip: &&IpAddr| matches!(ip, IpAddr::V4(v4) if !v4.is_link_local());
    let private = |ip: &&IpAddr| matches!(ip, IpAddr::V4(v4) if v4.is_private());
    interfaces
        .iter()
        .filter(|ip| usable(**ip))
        .find(private)
        .or_else(|| interfaces.iter().filter(|ip| usable(**ip)).find(v4))
        .copied()
        .ok_or(NoNetwork)
}

fn usable(ip: IpAddr) -> bool {
    !ip.is_loopback() && !ip.is_unspecified() && !ip.is_multicast()
}

/// The source address of the default route, as the system picks it.
fn route_source() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    // A documentation address (TEST-NET-1): a UDP connect only picks the
    // route; nothing is sent to it.
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    socket.local_addr().ok().map(|a| a.ip())
}

/// `http://IP:PORT/`, an IPv6 address in brackets.
pub fn url(addr: SocketAddr) -> String {
    format!("http://{}/", host(addr))
}

/// `IP:PORT` as a browser sends it in `Host`.
pub fn host(addr: SocketAddr) -> String {
    addr.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_addr_takes_an_ip_with_or_without_a_port_and_never_all_addresses() {
        assert_eq!("192.168.1.23:9000".parse::<Bind>(), Ok(Bind { ip: [192, 168, 1, 23].into(), port: Some(9000) }));
        assert_eq!("10.0.0.5".parse::<Bind>(), Ok(Bind { ip: [10, 0, 0, 5].into(), port: None }));
        assert_eq!("[::1]:80".parse::<Bind>().map(|b| b.port), Ok(Some(80)));
        assert!("0.0.0.0".parse::<Bind>().is_err());
        assert!("0.0.0.0:8737".parse::<Bind>().is_err());
        assert!("laptop.local".parse::<Bind>().is_err());
    }

    #[test]
    fn the_default_is_the_default_routes_address_when_an_interface_holds_it() {
        let wifi: IpAddr = [192, 168, 1, 23].into();
        let docker: IpAddr = [172, 17, 0, 1].into();
        assert_eq!(choose(Some(wifi), &[docker, wifi]), Ok(wifi));
        // No route (no network, or a system that does not say): a private
        // address of an interface.
        assert_eq!(choose(None, &[[169, 254, 3, 4].into(), docker]), Ok(docker));
        assert_eq!(choose(None, &[]), Err(NoNetwork));
        assert_eq!(choose(Some([0, 0, 0, 0].into()), &[]), Err(NoNetwork), "never 0.0.0.0");
    }

    #[test]
    fn an_address_is_shown_as_a_browser_asks_for_it() {
        assert_eq!(url("192.168.1.23:8737".parse().unwrap()), "http://192.168.1.23:8737/");
        assert_eq!(url("[fe80::1]:8737".parse().unwrap()), "http://[fe80::1]:8737/");
    }
}
