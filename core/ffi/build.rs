//! Link settings for the phone library that only the platform build knows.
//!
//! Android: pack the library's dynamic relocations (`--pack-dyn-relocs=android`, Android's
//! compact encoding, read by the loader since API 23; the app's minSdk is 26). A position-
//! independent library holds one relative relocation per pointer in its tables, about a
//! megabyte for this one unpacked. The NDK's lld does the packing; recent clang drivers ask for
//! it themselves only from API 28 on. Set here rather than in android/build-rust.sh's
//! RUSTFLAGS, which cargo-ndk rewrites.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("android") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android");
    }
}
