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
    "unlock_with_new_password",
    "lock",
    "lock_notice",
    "check_idle_lock",
    "zoom",
    "report_activity",
    "about",
    "third_party_licences",
    "keep_draft",
    "take_draft",
    "page_check_finding",
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
    "due_list",
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
    "reopen_case",
    "member_register",
    "add_organisation",
    "rename_organisation",
    "save_member",
    "save_office",
    "set_expiry_warning_days",
    "commission",
    "set_commission",
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
    "backup_status",
    "set_backup_folder",
    "backup_now",
    "inspect_backup",
    "restore_backup",
    "retention_overview",
    "set_retention_years",
    "run_deletion",
    "rekey",
    "choose_pdf_target",
    "choose_table_target",
    "statistics",
    "export_statistics",
    "set_hide_small_numbers",
    "choose_import_list",
    "choose_import_report_target",
    "import_preview",
    "import_dry_run",
    "apply_import",
    "save_import_mapping",
    "export_import_report",
    "imports",
    "choose_attachment_files",
    "choose_attachment_copy_target",
    "case_attachments",
    "add_attachment",
    "update_attachment",
    "replace_attachment",
    "remove_attachment",
    "attachment_bytes",
    "open_attachment_view",
    "attachment_range",
    "check_attachment_view",
    "close_attachment_view",
    "save_attachment_copy",
    "choose_backup_file",
    "export_case_summary",
    "export_request_letter",
    "export_agenda",
    "export_minutes",
    "export_binder",
    "choose_copies_folder",
    "suggest_copy_password",
    "copy_passwords",
    "set_copy_password",
    "export_handover_sheet",
    "declare_advance_recusal",
    "withdraw_advance_recusal",
    "member_copies",
    "make_member_copies",
    "settle_member_copy",
    "case_letters",
    "compose_case_letter",
    "write_case_letter",
    "save_letter_copy",
    "letter_templates",
    "set_letter_template",
    "set_member_address",
    "set_office_address",
    "set_counsel_address",
    "letter_frame",
    "set_letter_frame",
    "session_letters",
    "write_invitations",
    "choose_invitations_folder",
];

/// The day of the build (UTC) as TT.MM.JJJJ, for *Über HFK-Akte*; `SOURCE_DATE_EPOCH` (the
/// reproducible-builds convention) wins over the clock.
fn build_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    // Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar).
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{day:02}.{month:02}.{year}")
}

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rustc-env=HFK_BUILD_DATE={}", build_date());
    // The bundled SQLCipher must not export its sqlite3_* symbols from the binary: WebKitGTK
    // links the system SQLite and would otherwise call into SQLCipher.
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
