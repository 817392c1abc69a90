//! `hfk`: the command-line tool for the secretariat's scheduled jobs and checks.
//!
//! The password is read from standard input (first line), or asked for without echo when
//! standard input is a terminal. It is never taken from the command line, where other users
//! of the machine could read it.

use std::process::ExitCode;

use clap::Parser;
use hfk_akte::domain::wording::counted;
use hfk_akte::report::agenda::AgendaVariant;
use hfk_akte::report::letters::invitations::InvitationRequest;
use hfk_akte::store::vault::backup;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;

mod args;
mod attachments;
mod documents;
mod due_lists;
mod file_commands;
mod import;
mod letters;
mod member_copies;
mod settings;
mod sign_in;
mod statistics;
use args::{Cli, Command};
use documents::{document, Of};
use due_lists::print_due_list;
pub(crate) use sign_in::{read_password, said, unlock};

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
            versiegelt,
        } => document(
            datei,
            Of::Case(&aktenzeichen),
            &ziel,
            versiegelt,
            &benutzer,
            |f, id, to| f.export_case_summary(id, to),
        ),
        Command::Tagesordnung {
            datei,
            sitzung,
            ziel,
            weitergabe,
            benutzer,
            versiegelt,
        } => {
            let (_lock, mut file) = unlock(datei, &benutzer)?;
            let id = file.find_session(&sitzung).map_err(said)?;
            let variant = if weitergabe {
                AgendaVariant::Weitergabe
            } else {
                AgendaVariant::Intern
            };
            let to = documents::target(&ziel, versiegelt);
            documents::report(&file.export_agenda(id, variant, to).map_err(said)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Sitzungsmappe {
            datei,
            sitzung,
            ziel,
            benutzer,
            versiegelt,
        } => document(
            datei,
            Of::Session(&sitzung),
            &ziel,
            versiegelt,
            &benutzer,
            |f, id, to| f.export_binder(id, to),
        ),
        Command::Niederschrift {
            datei,
            sitzung,
            ziel,
            benutzer,
            versiegelt,
        } => document(
            datei,
            Of::Session(&sitzung),
            &ziel,
            versiegelt,
            &benutzer,
            |f, id, to| f.export_minutes(id, to),
        ),
        Command::Ersuchen {
            datei,
            aktenzeichen,
            ziel,
            benutzer,
            versiegelt,
        } => document(
            datei,
            Of::Case(&aktenzeichen),
            &ziel,
            versiegelt,
            &benutzer,
            |f, id, to| f.export_request_letter(id, to),
        ),
        Command::Schreiben {
            datei,
            aktenzeichen,
            art,
            ziel,
            an,
            frist,
            benutzer,
            versiegelt,
        } => letters::write(
            datei,
            &aktenzeichen,
            (&art, an.as_deref(), &frist),
            &ziel,
            versiegelt,
            &benutzer,
        ),
        Command::Einladungen {
            datei,
            sitzung,
            ordner,
            frist,
            intern,
            zusammen,
            benutzer,
        } => letters::invite(
            datei,
            &sitzung,
            &ordner,
            &InvitationRequest {
                agenda: if intern {
                    AgendaVariant::Intern
                } else {
                    AgendaVariant::Weitergabe
                },
                reply_by: frist,
                combined: zusammen,
            },
            &benutzer,
        ),
        Command::Anschrift {
            datei,
            von,
            wer,
            anschrift,
            benutzer,
        } => letters::set_address(datei, &von, &wer, &anschrift, &benutzer),
        Command::Uebernahme {
            datei,
            liste,
            zuordnung,
            blatt,
            probelauf,
            vorschlag,
            bericht,
            benutzer,
        } => import::run(
            datei,
            import::Request {
                liste,
                zuordnung,
                blatt,
                probelauf,
                vorschlag,
                bericht,
            },
            &benutzer,
        ),
        Command::Exemplare {
            datei,
            sitzung,
            ordner,
            mitglied,
            benutzer,
        } => member_copies::make(datei, &sitzung, &ordner, &mitglied, &benutzer),
        Command::ExemplarPasswort {
            datei,
            mitglied,
            blatt,
            benutzer,
        } => member_copies::set_password(datei, &mitglied, blatt.as_deref(), &benutzer),
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
        Command::AnlageHinzufuegen {
            datei,
            aktenzeichen,
            dokument,
            art,
            titel,
            eingang,
            sitzung,
            benutzer,
        } => attachments::add(
            datei,
            &aktenzeichen,
            &dokument,
            attachments::Described {
                art,
                titel,
                eingang,
                sitzung,
            },
            &benutzer,
        ),
        Command::Anlagen {
            datei,
            aktenzeichen,
            benutzer,
        } => attachments::list(datei, &aktenzeichen, &benutzer),
        Command::AnlageSpeichern {
            datei,
            anlage,
            ziel,
            benutzer,
        } => attachments::save_copy(datei, anlage, &ziel, &benutzer),
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
