//! The uniffi bindings generator, kept in its own crate so the core builds without the CLI.

fn main() {
    uniffi::uniffi_bindgen_main()
}
