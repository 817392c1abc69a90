//! `export-bindings PATH`: writes the TypeScript bindings of all commands and types.

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("Aufruf: export-bindings <Zieldatei.ts>");
        std::process::exit(2);
    };
    if let Err(e) = hfk_akte_desktop::export_bindings(std::path::Path::new(&path)) {
        eprintln!("Bindungen konnten nicht geschrieben werden: {e}");
        std::process::exit(1);
    }
}
