//! `hfk`: the command-line tool for the secretariat's scheduled jobs and checks.
//!
//! The password is read from standard input (first line), or asked for without echo when
//! standard input is a terminal. It is never taken from the command line, where other users
//! of the machine could read it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hfk_akte::domain::wording::counted;
use hfk_akte::report::agenda::AgendaVariant;
use hfk_akte::store::vault::backup;
use hfk_akte::store::CaseFile;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;

mod documents;
mod due_lists;
mod file_commands;
mod settings;
mod sign_in;
mod statistics;
use documents::{case_document, session_document};
use due_lists::{print_due_list, Liste};
pub(crate) use sign_in::{read_password, said, unlock};

#[derive(Parser)]
#[command(
    name = "hfk",
    version,
    about = "HFK-Akte: Werkzeuge für die Geschäftsstelle"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Legt eine neue Akte an, wie das Fenster es tut, mit dem ersten Benutzer (Verwaltung).
    /// Das Passwort kommt zweimal von der Standardeingabe (am Terminal ohne Anzeige); der
    /// Wiederherstellungsschlüssel wird einmal auf der Standardausgabe ausgegeben.
    NeueAkte {
        /// Wo die Akte entstehen soll (.hfk); dort darf noch keine liegen
        datei: PathBuf,
        /// Benutzername des ersten Benutzers
        #[arg(long)]
        benutzer: String,
    },
    /// Prüft die Akte nur lesend: jede Seite und die Prüfkette des Protokolls. Schreibt
    /// nichts, auch keinen Anmeldeeintrag. Exit-Code 0: unversehrt, 1: Befund, 2: Fehler.
    #[command(alias = "pruefen")]
    PruefkettePruefen {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Benutzername für die Anmeldung
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt eine Sicherung der Akte. Nur solange kein Fenster die Akte geöffnet hat; sonst
    /// im Fenster unter Verwaltung → Sicherung.
    SicherungErstellen {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Die Sicherungsdatei, die entstehen soll (.hfksicherung)
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Prüft eine Sicherung mit dem Passwort eines ihrer Benutzer und nennt, was sie enthält.
    /// Exit-Code 0: in Ordnung, 2: Fehler.
    SicherungPruefen {
        /// Die Sicherungsdatei (.hfksicherung)
        sicherung: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Ersetzt die Akte durch den Inhalt einer Sicherung. Die bisherige Akte bleibt erhalten,
    /// bis die wiederhergestellte geprüft ist.
    SicherungWiederherstellen {
        /// Die Sicherungsdatei (.hfksicherung)
        sicherung: PathBuf,
        /// Die Akte (.hfk), die ersetzt wird
        datei: PathBuf,
        #[arg(long)]
        benutzer: String,
        /// Auch eine Sicherung einer anderen Akte einspielen (ersetzt jeden Fall der Akte)
        #[arg(long)]
        andere_akte: bool,
    },
    /// Zeigt den Datenschlüssel, mit dem sich die Akte in SQLCipher-Werkzeugen öffnen lässt
    /// (`PRAGMA key = "x'…'";`). Nur Verwaltung; wird protokolliert.
    Datenschluessel {
        /// Die Akte (.hfk)
        datei: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt die Fallübersicht eines Falls als PDF (A4). Wird protokolliert.
    #[command(name = "fallübersicht")]
    Fallubersicht {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Das Aktenzeichen, z. B. HFK-2026-001
        aktenzeichen: String,
        /// Die PDF-Datei, die entstehen soll
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt die Tagesordnung einer Sitzung als PDF (A4). Wird protokolliert.
    Tagesordnung {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        /// Die PDF-Datei, die entstehen soll
        ziel: PathBuf,
        /// Fassung zur Weitergabe: nur Aktenzeichen, Initialen, Staatsangehörigkeit, Personenzahl
        #[arg(long)]
        weitergabe: bool,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt die Sitzungsmappe (Tagesordnung und alle Fallübersichten, mit Lesezeichen).
    Sitzungsmappe {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt die Niederschrift einer Sitzung als PDF.
    Niederschrift {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt das Härtefallersuchen an das Ministerium für einen Fall mit beschlossenem Ersuchen.
    Ersuchen {
        datei: PathBuf,
        /// Das Aktenzeichen, z. B. HFK-2026-001
        aktenzeichen: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
    },
    /// Listet eine Liste der Übersicht ganz: Wiedervorlagen oder Aufenthaltspapiere offener
    /// Fälle, in der Reihenfolge der Übersicht.
    Faellig {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Welche Liste
        #[arg(value_enum)]
        liste: Liste,
        #[arg(long)]
        benutzer: String,
    },
    /// Zeigt die Einstellungen der Akte oder setzt eine (nur Verwaltung; wird protokolliert),
    /// z. B. `hfk einstellung akte.hfk commission_name "Härtefallkommission Berlin"`.
    /// Mehrzeilige Werte (Anschrift des Ministeriums) mit \n zwischen den Zeilen.
    Einstellung {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Der Schlüssel der Einstellung (ohne: alle zeigen)
        schluessel: Option<String>,
        /// Der neue Wert (ohne: nur zeigen)
        wert: Option<String>,
        #[arg(long)]
        benutzer: String,
    },
    /// Speichert die Auswertung eines Jahres (oder mehrerer) als Datei; die Endung entscheidet
    /// das Format: .pdf (Jahresbericht), .xlsx (ein Blatt je Tabelle), .csv (Semikolon, UTF-8
    /// mit BOM) oder .json (ein Schlüssel je Kennzahl, siehe README). Wird protokolliert.
    Statistik {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Das (erste) Jahr, z. B. 2026
        #[arg(
            long,
            required_unless_present = "zeitraum",
            conflicts_with = "zeitraum"
        )]
        jahr: Option<i32>,
        /// Statt ganzer Jahre beliebige Tage: TT.MM.JJJJ-TT.MM.JJJJ
        #[arg(long)]
        zeitraum: Option<String>,
        /// Das letzte Jahr, wenn mehrere Jahre zusammen ausgewertet werden
        #[arg(long, conflicts_with = "zeitraum")]
        bis: Option<i32>,
        #[arg(long)]
        benutzer: String,
        /// Die Datei, die entstehen soll (.pdf, .xlsx, .csv oder .json)
        #[arg(long)]
        ausgabe: PathBuf,
        /// veroeffentlichung (kleine Zahlen als „< 3“, wenn so eingestellt) oder intern
        #[arg(long, default_value = "veroeffentlichung")]
        fassung: String,
    },
    /// Legt erfundene Beispielfälle an (zum Ausprobieren und für Messungen; nur Verwaltung).
    Beispielfaelle {
        /// Die Akte (.hfk)
        datei: PathBuf,
        /// Benutzername für die Anmeldung (Rolle Verwaltung)
        #[arg(long)]
        benutzer: String,
        /// Wie viele Fälle angelegt werden
        #[arg(long, default_value_t = 100)]
        faelle: u32,
        /// Startwert des Zufallsgenerators (gleicher Wert, gleiche Fälle)
        #[arg(long, default_value_t = 1)]
        startwert: u64,
    },
}

fn describe(c: &backup::BackupContents) -> String {
    format!(
        "Sicherung vom {}: {}, {}, {}, {}.",
        chrono::DateTime::parse_from_rfc3339(&c.created_at)
            .map(|t| t
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%d.%m.%Y, %H:%M Uhr")
                .to_string())
            .unwrap_or_else(|_| c.created_at.clone()),
        counted(c.cases, "Fall", "Fälle"),
        counted(c.persons, "Person", "Personen"),
        counted(c.sessions, "Sitzung", "Sitzungen"),
        counted(c.users, "Benutzerkonto", "Benutzerkonten")
    )
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::SicherungErstellen {
            datei,
            ziel,
            benutzer,
        } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            let made = file.create_backup(&ziel).map_err(said)?;
            println!("Geschrieben: {}. {}", ziel.display(), describe(&made));
            Ok(ExitCode::SUCCESS)
        }
        Command::Fallubersicht {
            datei,
            aktenzeichen,
            ziel,
            benutzer,
        } => case_document(
            datei,
            &aktenzeichen,
            &ziel,
            &benutzer,
            CaseFile::export_case_summary,
        ),
        Command::Tagesordnung {
            datei,
            sitzung,
            ziel,
            weitergabe,
            benutzer,
        } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            let id = file.find_session(&sitzung).map_err(said)?;
            let variant = if weitergabe {
                AgendaVariant::Weitergabe
            } else {
                AgendaVariant::Intern
            };
            let written = file.export_agenda(id, variant, &ziel).map_err(said)?;
            println!("Geschrieben: {} ({} Seiten).", written.path, written.pages);
            Ok(ExitCode::SUCCESS)
        }
        Command::Sitzungsmappe {
            datei,
            sitzung,
            ziel,
            benutzer,
        } => session_document(datei, &sitzung, &ziel, &benutzer, CaseFile::export_binder),
        Command::Niederschrift {
            datei,
            sitzung,
            ziel,
            benutzer,
        } => session_document(datei, &sitzung, &ziel, &benutzer, CaseFile::export_minutes),
        Command::Ersuchen {
            datei,
            aktenzeichen,
            ziel,
            benutzer,
        } => case_document(
            datei,
            &aktenzeichen,
            &ziel,
            &benutzer,
            CaseFile::export_request_letter,
        ),
        Command::Datenschluessel { datei, benutzer } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            let key = file.reveal_data_key().map_err(said)?;
            println!("x'{}'", key.as_str());
            Ok(ExitCode::SUCCESS)
        }
        Command::SicherungPruefen {
            sicherung,
            benutzer,
        } => {
            let password = read_password(&benutzer)
                .map_err(|e| format!("Das Passwort konnte nicht gelesen werden: {e}"))?;
            let contents = backup::inspect(&sicherung, &benutzer, &password).map_err(said)?;
            println!("In Ordnung. {}", describe(&contents));
            Ok(ExitCode::SUCCESS)
        }
        Command::SicherungWiederherstellen {
            sicherung,
            datei,
            benutzer,
            andere_akte,
        } => {
            let password = read_password(&benutzer)
                .map_err(|e| format!("Das Passwort konnte nicht gelesen werden: {e}"))?;
            let lock = InstanceLock::acquire(FilePaths::for_database(datei)).map_err(said)?;
            let other = match andere_akte {
                true => backup::OtherFile::Replace,
                false => backup::OtherFile::Refuse,
            };
            let contents =
                backup::restore(&lock, &sicherung, &benutzer, &password, other).map_err(said)?;
            println!("Wiederhergestellt und geprüft. {}", describe(&contents));
            Ok(ExitCode::SUCCESS)
        }
        Command::Beispielfaelle {
            datei,
            benutzer,
            faelle,
            startwert,
        } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            file.fill_with_sample_cases(faelle, startwert)
                .map_err(said)?;
            println!("{faelle} Beispielfälle angelegt.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Faellig {
            datei,
            liste,
            benutzer,
        } => {
            let (_lock, file) = unlock(datei, &benutzer)?;
            print_due_list(&file, liste)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Einstellung {
            datei,
            schluessel,
            wert,
            benutzer,
        } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            settings::settings(&mut file, schluessel.as_deref(), wert.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Statistik {
            datei,
            jahr,
            bis,
            zeitraum,
            benutzer,
            ausgabe,
            fassung,
        } => statistics::save(datei, (jahr, bis, zeitraum), &fassung, &benutzer, &ausgabe),
        Command::PruefkettePruefen { datei, benutzer } => file_commands::check(&datei, &benutzer),
        Command::NeueAkte { datei, benutzer } => file_commands::new_file(&datei, &benutzer),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("Fehler: {message}");
            ExitCode::from(2)
        }
    }
}
