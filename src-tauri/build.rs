/// Every command the window may call. Listing them makes Tauri generate one permission per
/// command and deny anything a capability does not grant (see capabilities/main.json).
const COMMANDS: &[&str] = &[
    "start_screen",
    "password_strength",
    "prepare_new_file",
    "create_new_file",
    "cancel_new_file",
    "open_file",
    "unlock",
    "unlock_with_recovery_key",
    "lock",
    "report_activity",
    "file_info",
    "set_idle_lock_minutes",
    "verify_audit_chain",
    "recent_audit_entries",
    "list_users",
    "add_user",
    "remove_user",
    "reset_user_password",
    "change_own_password",
    "dashboard",
    "catalogues",
    "list_cases",
    "open_case",
    "create_case",
    "update_case",
    "save_person",
    "remove_person",
    "save_ground",
    "remove_ground",
    "record_admissibility",
    "save_abh_statement",
    "save_deadline",
    "set_deadline_done",
    "change_case_status",
    "member_register",
    "add_organisation",
    "rename_organisation",
    "save_member",
    "save_office",
    "set_expiry_warning_days",
    "list_sessions",
    "session",
    "plan_session",
    "update_session",
    "advance_session",
    "schedule_case",
    "add_free_item",
    "move_agenda_item",
    "remove_agenda_item",
    "set_rapporteur",
    "record_attendance",
    "preview_tally",
    "decide_item",
    "send_request",
    "record_ministry_decision",
    "set_permit_issued",
    "majority_rules",
    "set_majority_rule",
];

fn main() {
    // The bundled SQLCipher must not export its sqlite3_* symbols from the binary: WebKitGTK
    // links the system SQLite and would otherwise call into SQLCipher.
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
