//! Where the room's code lies in the Linux binary: apart, before the rest,
//! so that a session that never opens the room never has it in memory
//! (`build/room-first.ld` says why).

fn main() {
    println!("cargo::rerun-if-changed=build/room-first.ld");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("build").join("room-first.ld");
        println!("cargo::rustc-link-arg-bin=atelier=-Wl,-T,{}", script.display());
    }
}
