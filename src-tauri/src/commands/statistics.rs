//! *Auswertungen*: the report of one year or several in a variant, with its charts as SVG,
//! and the report saved as PDF, spreadsheet, CSV or JSON to a path the shell's save dialog
//! returned (`dialogs::choose_table_target`).

use std::path::Path;

use hfk_akte::domain::statistics::{PeriodChoice, Report, Variant};
use hfk_akte::report::chart;
use hfk_akte::store::settings::HIDE_SMALL_NUMBERS;
use serde::Serialize;
use specta::Type;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::{with_open, Grant};

/// A chart as the window shows it: the same marks the PDF draws, as SVG.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ChartSvg {
    pub title: String,
    pub svg: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StatisticsView {
    pub report: Report,
    pub charts: Vec<ChartSvg>,
    /// The file's setting: small numbers hidden in the published variant.
    pub hide_small_numbers: bool,
}

#[tauri::command]
#[specta::specta]
/// The report of the chosen years or days (the current year when no year is chosen).
pub async fn statistics(
    app: AppHandle,
    period: PeriodChoice,
    variant: Variant,
) -> CommandResult<StatisticsView> {
    with_open(app, move |open| {
        let file = open.file()?;
        let report = file.statistics(period.period(file.today())?, variant)?;
        let charts = [
            Some(chart::stages(&report)),
            chart::countries(&report),
            chart::series(&report),
        ]
        .into_iter()
        .flatten()
        .map(|c| ChartSvg {
            svg: c.to_svg(),
            title: c.title,
        })
        .collect();
        Ok(StatisticsView {
            report,
            charts,
            hide_small_numbers: file.setting(&HIDE_SMALL_NUMBERS)?,
        })
    })
    .await
}

/// Saves the report; returns the file's size in bytes.
#[tauri::command]
#[specta::specta]
pub async fn export_statistics(
    app: AppHandle,
    period: PeriodChoice,
    variant: Variant,
    path: String,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        let period = period.period(open.file()?.today())?;
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        Ok(open
            .file_mut()?
            .export_statistics(period, variant, &path)?
            .bytes)
    })
    .await
}

/// Whether the published variant shows counts of 1 and 2 as "< 3" (Verwaltung; audited).
#[tauri::command]
#[specta::specta]
pub async fn set_hide_small_numbers(app: AppHandle, hide: bool) -> CommandResult<bool> {
    with_open(app, move |open| {
        open.file_mut()?.change_setting(&HIDE_SMALL_NUMBERS, hide)
    })
    .await
}
