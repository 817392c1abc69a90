//! One row of an old list read by the mapping: its cells cleaned and parsed, its member and
//! office looked up, its course checked, and its likely duplicates found, with a verdict and
//! the reasons in German, each naming the column.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::domain::case::CaseNumber;
use crate::domain::import::course::{course, Listed};
use crate::domain::import::fields::{ImportField, Mapping, Resolution};
use crate::domain::import::plan::{Known, Party, PlannedCase, RowReport, UnknownName, Verdict};
use crate::domain::import::source::{column_letter, is_formula_error, Row, Table};
use crate::domain::import::values::{self, fold};
use crate::domain::person::Sex;

/// The state of a dry run between rows: what the list has shown so far.
pub(super) struct Reading<'a> {
    pub table: &'a Table,
    pub mapping: &'a Mapping,
    pub known: &'a Known,
    pub columns: &'a HashMap<ImportField, usize>,
    pub today: NaiveDate,
    pub seen_numbers: HashMap<String, u32>,
    pub seen_persons: HashMap<(String, String, NaiveDate), u32>,
    pub unknown_members: Vec<UnknownName>,
    pub unknown_offices: Vec<UnknownName>,
}

struct Cells<'a> {
    table: &'a Table,
    columns: &'a HashMap<ImportField, usize>,
    cells: &'a [String],
    notes: Vec<String>,
    /// Cells holding a formula's error ("#REF!"), named with their column.
    formula_errors: Vec<String>,
}

impl Cells<'_> {
    /// The cleaned text of a field's cell ("" when the field has no column); a note names
    /// the column when invisible characters or stray blanks were removed.
    fn get(&mut self, field: ImportField) -> String {
        let Some(&i) = self.columns.get(&field) else {
            return String::new();
        };
        let (text, note) = values::clean(&self.cells[i]);
        if let Some(note) = note {
            self.notes.push(format!("{}: {note}.", self.column(i)));
        }
        if is_formula_error(&text) {
            self.formula_errors.push(format!(
                "{}: die Zelle enthält einen Formelfehler ({text}); bitte in der Liste berichtigen.",
                self.column(i)
            ));
            return String::new();
        }
        text
    }

    fn column(&self, i: usize) -> String {
        format!("Spalte {} „{}“", column_letter(i), self.table.headings[i])
    }

    fn at(&self, field: ImportField) -> String {
        self.columns
            .get(&field)
            .map(|&i| self.column(i))
            .unwrap_or_default()
    }

    fn date(&mut self, field: ImportField, errors: &mut Vec<String>) -> Option<NaiveDate> {
        let text = self.get(field);
        if text.is_empty() {
            return None;
        }
        values::date(&text)
            .map_err(|e| errors.push(format!("{}: {e}", self.at(field))))
            .ok()
    }
}

fn by_name<'a>(known: &'a [(u32, String)], name: &str) -> Option<&'a (u32, String)> {
    let folded = fold(name);
    known.iter().find(|(_, n)| fold(n) == folded)
}

fn resolve(
    name: &str,
    known: &[(u32, String)],
    answers: &BTreeMap<String, Resolution>,
) -> Option<std::result::Result<Option<Party>, String>> {
    if let Some((id, _)) = by_name(known, name) {
        return Some(Ok(Some(Party::Existing(*id))));
    }
    Some(match answers.get(name)? {
        Resolution::Vorhanden(id) if known.iter().any(|(k, _)| k == id) => {
            Ok(Some(Party::Existing(*id)))
        }
        Resolution::Vorhanden(id) => {
            Err(format!("Den Eintrag Nr. {id} für „{name}“ gibt es nicht."))
        }
        Resolution::Neu => Ok(Some(Party::New(name.to_owned()))),
        Resolution::Leer => Ok(None),
    })
}

fn note_unknown(list: &mut Vec<UnknownName>, name: &str, row: u32, resolved: bool) {
    match list.iter_mut().find(|u| u.name == name) {
        Some(u) => u.rows.push(row),
        None => list.push(UnknownName {
            name: name.to_owned(),
            rows: vec![row],
            resolved,
        }),
    }
}

impl Reading<'_> {
    /// The verdict on one row, and the case to create when it is to be created.
    pub fn row(&mut self, row: &Row) -> (RowReport, Option<PlannedCase>) {
        let mut cells = Cells {
            table: self.table,
            columns: self.columns,
            cells: &row.cells,
            notes: Vec::new(),
            formula_errors: Vec::new(),
        };
        let mut errors = Vec::new();
        let mut unclear = Vec::new();
        let mut duplicate = Vec::new();

        let (family, given) = if self.columns.contains_key(&ImportField::Name) {
            values::split_name(&cells.get(ImportField::Name))
        } else {
            (
                cells.get(ImportField::Familienname),
                cells.get(ImportField::Vornamen),
            )
        };
        let name = [family.as_str(), given.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if family.is_empty() {
            let column = match self.columns.contains_key(&ImportField::Name) {
                true => cells.at(ImportField::Name),
                false => cells.at(ImportField::Familienname),
            };
            errors.push(format!("{column}: der Familienname fehlt."));
        }
        let received = cells.date(ImportField::Eingang, &mut errors);
        if received.is_none()
            && errors
                .iter()
                .chain(&cells.formula_errors)
                .all(|e| !e.starts_with(&cells.at(ImportField::Eingang)))
        {
            errors.push(format!(
                "{}: das Eingangsdatum fehlt.",
                cells.at(ImportField::Eingang)
            ));
        }
        let birth = cells.date(ImportField::Geburtsdatum, &mut errors);
        let session = cells.date(ImportField::Sitzung, &mut errors);
        let decided_on = cells.date(ImportField::EntschiedenAm, &mut errors);
        for (field, day) in [
            (ImportField::Eingang, received),
            (ImportField::Geburtsdatum, birth),
            (ImportField::Sitzung, session),
            (ImportField::EntschiedenAm, decided_on),
        ] {
            if day.is_some_and(|d| d > self.today) {
                errors.push(format!(
                    "{}: das Datum liegt in der Zukunft.",
                    cells.at(field)
                ));
            }
        }

        let sex_text = cells.get(ImportField::Geschlecht);
        let sex = values::sex(&sex_text).unwrap_or_else(|| {
            errors.push(format!(
                "{}: „{sex_text}“ ist kein Geschlecht (w, m, d oder leer).",
                cells.at(ImportField::Geschlecht)
            ));
            Sex::Unbekannt
        });
        let nationality_text = cells.get(ImportField::Staatsangehoerigkeit);
        let nationality = if nationality_text.is_empty() {
            cells
                .notes
                .push("Keine Staatsangehörigkeit angegeben: als „Ungeklärt“ übernommen.".into());
            "XU".to_owned()
        } else {
            match values::nationality(&nationality_text) {
                Some(code) => code.to_owned(),
                None => {
                    errors.push(format!("{}: „{nationality_text}“ ist keine bekannte Staatsangehörigkeit (Staat, Adjektiv wie „syrisch“ oder ISO-Code).", cells.at(ImportField::Staatsangehoerigkeit)));
                    String::new()
                }
            }
        };
        let outcome_text = cells.get(ImportField::Ergebnis);
        let outcome = (!outcome_text.is_empty())
            .then(|| values::outcome(&outcome_text))
            .flatten();
        if !outcome_text.is_empty() && outcome.is_none() {
            errors.push(format!("{}: „{outcome_text}“ ist kein bekanntes Ergebnis (Ersuchen, kein Ersuchen, vertagt, nicht angenommen, zurückgenommen, erledigt).", cells.at(ImportField::Ergebnis)));
        }
        let decision_text = cells.get(ImportField::Entscheidung);
        let decision = (!decision_text.is_empty())
            .then(|| values::decision(&decision_text))
            .flatten();
        if !decision_text.is_empty() && decision.is_none() {
            errors.push(format!("{}: „{decision_text}“ ist keine Entscheidung des Ministeriums (Anordnung oder Ablehnung).", cells.at(ImportField::Entscheidung)));
        }

        let member_text = cells.get(ImportField::EingebrachtDurch);
        let member = if member_text.is_empty() {
            let column = cells.at(ImportField::EingebrachtDurch);
            let chosen = self.mapping.mitglied_fuer_alle;
            match chosen.and_then(|id| self.known.members.iter().find(|(k, _)| *k == id)) {
                Some((id, name)) => {
                    if !column.is_empty() {
                        cells.notes.push(format!("{column} ist leer: eingebracht durch {name}, wie für alle Zeilen gewählt."));
                    }
                    Some(Party::Existing(*id))
                }
                None if chosen.is_some() => {
                    errors.push("Das für alle Zeilen gewählte Mitglied gibt es in der Akte nicht (mehr); bitte neu wählen.".to_owned());
                    None
                }
                None => {
                    errors.push(format!(
                        "{}: es fehlt, wer den Fall eingebracht hat.",
                        cells.at(ImportField::EingebrachtDurch)
                    ));
                    None
                }
            }
        } else {
            let answer = resolve(&member_text, &self.known.members, &self.mapping.mitglieder);
            let known_name = by_name(&self.known.members, &member_text).is_some();
            if !known_name {
                note_unknown(
                    &mut self.unknown_members,
                    &member_text,
                    row.number,
                    answer.is_some(),
                );
            }
            match answer {
                None => {
                    unclear.push(format!("Mitglied „{member_text}“ ist in der Akte nicht bekannt: bitte zuordnen oder neu anlegen."));
                    None
                }
                Some(Ok(None)) => {
                    errors.push(format!("{}: „{member_text}“: ein Fall braucht das Mitglied, das ihn eingebracht hat; „leer lassen“ geht hier nicht.", cells.at(ImportField::EingebrachtDurch)));
                    None
                }
                Some(Ok(party)) => party,
                Some(Err(e)) => {
                    errors.push(format!("{}: {e}", cells.at(ImportField::EingebrachtDurch)));
                    None
                }
            }
        };
        let office_text = cells.get(ImportField::Auslaenderbehoerde);
        let office = if office_text.is_empty() {
            None
        } else {
            let answer = resolve(&office_text, &self.known.offices, &self.mapping.behoerden);
            if by_name(&self.known.offices, &office_text).is_none() {
                note_unknown(
                    &mut self.unknown_offices,
                    &office_text,
                    row.number,
                    answer.is_some(),
                );
            }
            match answer {
                None => {
                    unclear.push(format!("Ausländerbehörde „{office_text}“ ist in der Akte nicht bekannt: bitte zuordnen, neu anlegen oder leer lassen."));
                    None
                }
                Some(Ok(party)) => party,
                Some(Err(e)) => {
                    errors.push(format!(
                        "{}: {e}",
                        cells.at(ImportField::Auslaenderbehoerde)
                    ));
                    None
                }
            }
        };

        let previous = cells.get(ImportField::Aktenzeichen);
        if !previous.is_empty() {
            if let Some(existing) = self.known.numbers.get(&previous) {
                duplicate.push(format!(
                    "Das Aktenzeichen „{previous}“ ist schon in der Akte ({existing})."
                ));
            } else if let Some(first) = self.seen_numbers.get(&previous) {
                duplicate.push(format!(
                    "Das Aktenzeichen „{previous}“ steht schon in Zeile {first}."
                ));
            }
        }
        if let Some(birth) = birth {
            let key = (fold(&family), fold(&given), birth);
            if let Some(existing) = self.known.persons.get(&key) {
                duplicate.push(format!(
                    "{name}, geboren {}, ist schon in der Akte ({existing}).",
                    birth.format("%d.%m.%Y")
                ));
            } else if let Some(first) = self.seen_persons.get(&key) {
                duplicate.push(format!(
                    "{name}, geboren {}, steht schon in Zeile {first}.",
                    birth.format("%d.%m.%Y")
                ));
            } else {
                self.seen_persons.insert(key, row.number);
            }
        }
        if !previous.is_empty() {
            self.seen_numbers
                .entry(previous.clone())
                .or_insert(row.number);
        }

        errors.append(&mut cells.formula_errors);
        let listed = Listed {
            outcome,
            session,
            decision,
            decided_on,
        };
        let course = match received {
            Some(received) if errors.is_empty() => match course(received, listed) {
                Ok(c) => Some(c),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            _ => None,
        };

        let verdict = if !errors.is_empty() {
            Verdict::Abgelehnt
        } else if !duplicate.is_empty() && !self.mapping.doppelte_uebernehmen {
            Verdict::Doppelt
        } else if !unclear.is_empty() {
            Verdict::Unklar
        } else {
            Verdict::Neu
        };
        if verdict == Verdict::Neu && !duplicate.is_empty() {
            duplicate.push("Wahrscheinlich doppelt, wird aber wie gewählt übernommen.".into());
        }
        let mut messages = errors;
        messages.extend(unclear);
        messages.extend(duplicate);
        messages.extend(cells.notes);
        let mut planned = None;
        if let (Verdict::Neu, Some(received), Some(member), Some(course)) =
            (verdict, received, member, course)
        {
            planned = Some(PlannedCase {
                row: row.number,
                number: CaseNumber {
                    year: received.year(),
                    seq: 0,
                },
                previous_number: (!previous.is_empty()).then_some(previous),
                received_on: received,
                member,
                office,
                family_name: family,
                given_names: given,
                birth_date: birth,
                sex,
                nationality,
                course,
            });
        }
        (
            RowReport {
                row: row.number,
                verdict,
                number: None,
                name,
                messages,
            },
            planned,
        )
    }
}
