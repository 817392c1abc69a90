//! HFK-Akte desktop shell: window, state and thin commands over the core crate.

mod app_config;
pub mod commands;
pub mod document_drop;
mod error;
pub mod events;
mod held_draft;
mod idle_guard;
mod lock_screen;
mod page_check;
mod state;
mod window_setup;

use std::path::Path;

use tauri::Manager;
use tauri_specta::{collect_commands, collect_events};

use crate::app_config::AppConfig;
use crate::state::ShellState;

/// The commands and their types, for the invoke handler and for the TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .events(collect_events![
            events::ExportProgress,
            events::FileDamageFound,
            events::DocumentsDropped
        ])
        .commands(collect_commands![
            commands::start::start_screen,
            commands::start::open_file,
            commands::new_file::password_strength,
            commands::new_file::prepare_new_file,
            commands::new_file::create_new_file,
            commands::new_file::cancel_new_file,
            commands::session::unlock,
            commands::session::unlock_with_recovery_key,
            commands::session::unlock_with_new_password,
            commands::session::lock,
            commands::session::lock_notice,
            commands::session::check_idle_lock,
            commands::session::zoom,
            commands::session::report_activity,
            commands::about::about,
            commands::about::third_party_licences,
            commands::drafts::keep_draft,
            commands::drafts::take_draft,
            commands::session::page_check_finding,
            commands::administration::file_info,
            commands::administration::set_idle_lock_minutes,
            commands::administration::verify_audit_chain,
            commands::administration::recent_audit_entries,
            commands::administration::list_users,
            commands::administration::add_user,
            commands::administration::remove_user,
            commands::administration::reset_user_password,
            commands::administration::change_own_password,
            commands::cases::dashboard,
            commands::cases::due_list,
            commands::cases::catalogues,
            commands::cases::list_cases,
            commands::cases::open_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::save_person,
            commands::cases::remove_person,
            commands::cases::save_ground,
            commands::cases::remove_ground,
            commands::cases::record_admissibility,
            commands::cases::save_abh_statement,
            commands::cases::save_deadline,
            commands::cases::set_deadline_done,
            commands::cases::change_case_status,
            commands::cases::reopen_case,
            commands::members::member_register,
            commands::members::add_organisation,
            commands::members::rename_organisation,
            commands::members::save_member,
            commands::members::save_office,
            commands::administration::set_expiry_warning_days,
            commands::administration::commission,
            commands::administration::set_commission,
            commands::commission_sessions::list_sessions,
            commands::commission_sessions::session,
            commands::commission_sessions::plan_session,
            commands::commission_sessions::update_session,
            commands::commission_sessions::advance_session,
            commands::commission_sessions::schedule_case,
            commands::commission_sessions::add_free_item,
            commands::commission_sessions::move_agenda_item,
            commands::commission_sessions::remove_agenda_item,
            commands::commission_sessions::set_rapporteur,
            commands::commission_sessions::record_attendance,
            commands::commission_sessions::preview_tally,
            commands::commission_sessions::decide_item,
            commands::commission_sessions::send_request,
            commands::commission_sessions::record_ministry_decision,
            commands::commission_sessions::set_permit_issued,
            commands::commission_sessions::majority_rules,
            commands::commission_sessions::set_majority_rule,
            commands::backups::backup_status,
            commands::backups::set_backup_folder,
            commands::backups::backup_now,
            commands::backups::inspect_backup,
            commands::backups::restore_backup,
            commands::retention::retention_overview,
            commands::retention::set_retention_years,
            commands::retention::run_deletion,
            commands::administration::rekey,
            commands::dialogs::choose_pdf_target,
            commands::dialogs::choose_table_target,
            commands::statistics::statistics,
            commands::statistics::export_statistics,
            commands::statistics::set_hide_small_numbers,
            commands::dialogs::choose_import_list,
            commands::dialogs::choose_import_report_target,
            commands::import::import_preview,
            commands::import::import_dry_run,
            commands::import::apply_import,
            commands::import::save_import_mapping,
            commands::import::export_import_report,
            commands::import::imports,
            commands::dialogs::choose_attachment_files,
            commands::dialogs::choose_attachment_copy_target,
            commands::attachments::case_attachments,
            commands::attachments::add_attachment,
            commands::attachments::update_attachment,
            commands::attachments::replace_attachment,
            commands::attachments::remove_attachment,
            commands::attachments::save_attachment_copy,
            commands::attachments::open_attachment_view,
            commands::attachments::check_attachment_view,
            commands::attachments::close_attachment_view,
            commands::dialogs::choose_backup_file,
            commands::documents::export_case_summary,
            commands::documents::export_request_letter,
            commands::documents::export_agenda,
            commands::documents::export_minutes,
            commands::documents::export_binder,
            commands::dialogs::choose_copies_folder,
            commands::member_copies::suggest_copy_password,
            commands::member_copies::copy_passwords,
            commands::member_copies::set_copy_password,
            commands::member_copies::export_handover_sheet,
            commands::member_copies::declare_advance_recusal,
            commands::member_copies::withdraw_advance_recusal,
            commands::member_copies::member_copies,
            commands::member_copies::make_member_copies,
            commands::member_copies::settle_member_copy,
            commands::letters::case_letters,
            commands::letters::compose_case_letter,
            commands::letters::write_case_letter,
            commands::letters::save_letter_copy,
            commands::letters::letter_templates,
            commands::letters::set_letter_template,
            commands::letters::set_member_address,
            commands::letters::set_office_address,
            commands::letters::set_counsel_address,
            commands::letters::letter_frame,
            commands::letters::set_letter_frame,
            commands::letters::session_letters,
            commands::letters::write_invitations,
            commands::dialogs::choose_invitations_folder,
        ])
}

/// Writes the TypeScript bindings (ui/src/lib/bindings.ts is the committed copy).
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from src-tauri by `make bindings`. Do not edit."),
            path,
        )
        .map_err(|e| e.to_string())
}

/// Reports a panic by its place in the code only: its message may quote case data, which
/// must reach neither the window nor a log.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "unbekannt".into());
        eprintln!("HFK-Akte: interner Fehler ({place}).");
    }));
}

/// The file dialogs must not list chosen files in GTK's recently-used list (which the
/// desktop keeps in the user's home, outside the file's protection).
#[cfg(target_os = "linux")]
fn no_recent_files() {
    use gtk::prelude::ObjectExt;
    if let Some(settings) = gtk::Settings::default() {
        settings.set_property("gtk-recent-files-enabled", false);
        settings.set_property("gtk-recent-files-max-age", 0i32);
    }
}

/// The handler of the `RAW_COMMANDS`.
fn raw_commands() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::attachments::attachment_bytes,
        commands::attachments::attachment_range
    ]
}

/// The commands whose reply is raw bytes, registered beside the typed ones (tauri-specta types
/// no binary reply) and routed past them.
pub const RAW_COMMANDS: &[&str] = &["attachment_bytes", "attachment_range"];

pub fn run() {
    quiet_panics();
    // Before any web view process starts: they inherit the core size limit of 0.
    hfk_akte::store::vault::core_dumps::forbid();
    let specta = specta_builder();
    let typed = specta.invoke_handler();
    let raw = raw_commands();
    let handler = move |invoke: tauri::ipc::Invoke<tauri::Wry>| {
        if RAW_COMMANDS.contains(&invoke.message.command()) {
            raw(invoke)
        } else {
            typed(invoke)
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(handler)
        .on_window_event(document_drop::handle)
        .setup(move |app| {
            specta.mount_events(app);
            #[cfg(target_os = "linux")]
            no_recent_files();
            let paths = app.path();
            let config = AppConfig::new(&paths.app_config_dir()?, &paths.app_data_dir()?);
            app.manage(ShellState::new(config));
            app.manage(page_check::PageCheckFinding::default());
            idle_guard::spawn(app.handle().clone())?;
            window_setup::arrange(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("HFK-Akte konnte nicht gestartet werden: {e}");
        std::process::exit(1);
    }
}
