//! Anlagen from the window: a case's documents listed, added from paths the shell's dialog
//! granted, described, replaced, removed, viewed and saved out. Viewing hands the bytes to
//! the page as the command's binary reply, never through a file.

use std::path::Path;

use hfk_akte::domain::attachment::{AttachmentDraft, MediaType};
use hfk_akte::report::tiff_pdf;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::attachments::reading::SavedCopy;
use hfk_akte::store::attachments::AttachmentRecord;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::{with_open, Grant};

/// The documents of a case, versions and removed ones included.
#[tauri::command]
#[specta::specta]
pub async fn case_attachments(
    app: AppHandle,
    case_id: u32,
) -> CommandResult<Vec<AttachmentRecord>> {
    with_open(app, move |open| open.file()?.case_attachments(case_id)).await
}

/// Adds the document at `path` (granted by the dialog) to a case.
#[tauri::command]
#[specta::specta]
pub async fn add_attachment(
    app: AppHandle,
    case_id: u32,
    path: String,
    draft: AttachmentDraft,
) -> CommandResult<AttachmentRecord> {
    with_open(app, move |open| {
        // The grant is used up only once the document is in: a form error keeps it.
        let path = Path::new(&path);
        open.check_grant(Grant::Document, path)?;
        let chosen = ChosenFile::read(path)?;
        let added = open.file_mut()?.add_attachment(case_id, &chosen, &draft)?;
        open.take_grant(Grant::Document, path)?;
        Ok(added)
    })
    .await
}

/// Changes what is said about a document.
#[tauri::command]
#[specta::specta]
pub async fn update_attachment(
    app: AppHandle,
    attachment_id: u32,
    draft: AttachmentDraft,
) -> CommandResult<AttachmentRecord> {
    with_open(app, move |open| {
        open.file_mut()?.update_attachment(attachment_id, &draft)
    })
    .await
}

/// Replaces a document with the one at `path` (granted by the dialog).
#[tauri::command]
#[specta::specta]
pub async fn replace_attachment(
    app: AppHandle,
    attachment_id: u32,
    path: String,
    draft: AttachmentDraft,
) -> CommandResult<AttachmentRecord> {
    with_open(app, move |open| {
        let path = Path::new(&path);
        open.check_grant(Grant::Document, path)?;
        let chosen = ChosenFile::read(path)?;
        let new = open
            .file_mut()?
            .replace_attachment(attachment_id, &chosen, &draft)?;
        open.take_grant(Grant::Document, path)?;
        Ok(new)
    })
    .await
}

/// Removes a document (with its earlier versions), with the reason.
#[tauri::command]
#[specta::specta]
pub async fn remove_attachment(
    app: AppHandle,
    attachment_id: u32,
    reason: String,
) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.remove_attachment(attachment_id, &reason)
    })
    .await
}

/// A document's bytes for the viewer (recorded as read; a TIFF's pages as a PDF): a binary reply, which
/// reaches the page as an ArrayBuffer without base64 or JSON (a 20 MB document in base64 took
/// 0.8 s more to arrive). Registered beside the typed commands: tauri-specta types no
/// binary reply.
#[tauri::command]
pub async fn attachment_bytes(
    app: AppHandle,
    attachment_id: u32,
) -> CommandResult<tauri::ipc::Response> {
    with_open(app, move |open| {
        let read = open.file_mut()?.view_attachment(attachment_id)?;
        // WebKit shows no TIFF: its pages go to the viewer as a PDF.
        let shown = match read.record.media_type {
            MediaType::Tiff => tiff_pdf::pages_as_pdf(&read.content)?,
            _ => read.content,
        };
        Ok(tauri::ipc::Response::new(shown))
    })
    .await
}

/// Opens a PDF for the viewer to read in ranges (recorded as read); its description.
#[tauri::command]
#[specta::specta]
pub async fn open_attachment_view(
    app: AppHandle,
    attachment_id: u32,
) -> CommandResult<AttachmentRecord> {
    with_open(app, move |open| {
        open.file_mut()?.open_attachment_view(attachment_id)
    })
    .await
}

/// The bytes `begin..end` of a PDF opened for the viewer, as a binary reply: pdf.js asks
/// for the ranges the page it draws needs.
#[tauri::command]
pub async fn attachment_range(
    app: AppHandle,
    attachment_id: u32,
    begin: u32,
    end: u32,
) -> CommandResult<tauri::ipc::Response> {
    with_open(app, move |open| {
        let range = open.file()?.attachment_range(attachment_id, begin, end)?;
        Ok(tauri::ipc::Response::new(range))
    })
    .await
}

/// Checks a PDF opened for the viewer against its SHA-256 (after its first page is drawn).
#[tauri::command]
#[specta::specta]
pub async fn check_attachment_view(app: AppHandle, attachment_id: u32) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file()?.check_attachment_view(attachment_id)
    })
    .await
}

/// The viewer closed a PDF: no more ranges of it.
#[tauri::command]
#[specta::specta]
pub async fn close_attachment_view(app: AppHandle, attachment_id: u32) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.close_attachment_view(attachment_id);
        Ok(())
    })
    .await
}

/// Saves a copy of a document where the save dialog said (recorded as read).
#[tauri::command]
#[specta::specta]
pub async fn save_attachment_copy(
    app: AppHandle,
    attachment_id: u32,
    path: String,
) -> CommandResult<SavedCopy> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        open.file_mut()?.save_attachment_copy(attachment_id, &path)
    })
    .await
}
