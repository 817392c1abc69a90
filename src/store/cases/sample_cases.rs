//! Realistic sample cases for benchmarks and trials: families with names in Latin Extended,
//! Cyrillic and Arabic script, grounds, deadlines and residence papers. Never for a real file
//! in use: the command-line tool asks for confirmation and the audit chain records the run.

use chrono::{Days, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

use crate::domain::case::CaseNumber;
use crate::domain::choice::Labelled;
use crate::domain::grounds::{HardshipGround, NegativeFactor};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::sample_sessions::Calendar;
use crate::store::cases::search;
use crate::store::users::User;
use crate::store::CaseFile;
use crate::Result;

const FAMILY_NAMES: &[&str] = &[
    "Petrlić-Woelke",
    "Güneş",
    "Ćosić",
    "Hashemi",
    "Ahmadi",
    "Popescu",
    "Kovačević",
    "Nowak",
    "Mahmoud",
    "Yılmaz",
    "Krasniqi",
    "Berisha",
    "Okafor",
    "Diallo",
    "Nguyen",
    "Haddad",
    "Иванов",
    "Петренко",
    "Шевченко",
    "حسن",
    "الأحمد",
    "عبد الله",
    "Đorđević",
    "Şahin",
    "Gashi",
    "Tesfaye",
    "Mensah",
    "Rahimi",
    "Sultani",
    "Ismailović",
];
const GIVEN_NAMES: &[&str] = &[
    "Andrea-Maria",
    "Şükrü",
    "Đorđe",
    "Amina",
    "Fatima",
    "Omar",
    "Ali",
    "Elena",
    "Mihai",
    "Zainab",
    "Yusuf",
    "Leyla",
    "Arben",
    "Blerta",
    "Chinedu",
    "Aissatou",
    "Minh",
    "Rania",
    "Алексей",
    "Ольга",
    "محمد",
    "مريم",
    "Dragana",
    "Emre",
    "Selam",
    "Kwame",
    "Nasrin",
    "Hamid",
];
const PLACES: &[&str] = &[
    "Kabul",
    "Herat",
    "Damaskus",
    "Aleppo",
    "Priština",
    "Belgrad",
    "Niš",
    "Tiflis",
    "Grosny",
    "Kiew",
    "Lagos",
    "Conakry",
    "Asmara",
    "Bagdad",
    "Mossul",
    "Teheran",
    "Hanoi",
    "Izmir",
];
const NATIONALITIES: &[&str] = &[
    "AF", "SY", "XK", "RS", "GE", "RU", "UA", "NG", "GN", "ER", "IQ", "IR", "VN", "TR", "MK", "AL",
    "BA", "XU", "XX",
];
const STORIES: &[&str] = &[
    "Die Familie lebt seit vielen Jahren in Brandenburg; die Kinder besuchen die Schule.",
    "Nach abgelehntem Asylantrag geduldet; Arbeitsstelle in der Pflege seit drei Jahren.",
    "Ehrenamtlich in der Kirchengemeinde tätig, gut vernetzt im Ort.",
    "Schwere Erkrankung der Mutter, Behandlung im Herkunftsland nicht gesichert.",
    "Ausbildung zum Elektroniker begonnen; Betrieb unterstützt den Antrag.",
];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

fn day(rng: &mut StdRng, from: NaiveDate, span_days: u64) -> NaiveDate {
    from + Days::new(rng.gen_range(0..span_days))
}

/// Fills a file with `count` cases (about 2.5 persons each) and their histories up to `today`
/// (`sample_histories`). Runs in the caller's transaction.
pub fn fill(conn: &Connection, user: &User, count: u32, seed: u64, today: NaiveDate) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = Utc::now().to_rfc3339();
    // Voting members to bring cases in, one per proposing organisation, if none exist yet.
    let voting: u32 = conn.query_row(
        "SELECT COUNT(*) FROM members WHERE kind = 'mitglied'",
        [],
        |r| r.get(0),
    )?;
    if voting == 0 {
        let orgs: Vec<u32> = conn
            .prepare("SELECT id FROM organisations ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (i, org) in orgs.iter().enumerate() {
            conn.execute(
                "INSERT INTO members (name, kind, organisation_id, created_at) VALUES (?1, 'mitglied', ?2, ?3)",
                params![format!("{} {}", GIVEN_NAMES[i % GIVEN_NAMES.len()], FAMILY_NAMES[(i * 7) % FAMILY_NAMES.len()]), org, now],
            )?;
        }
    }
    let members: Vec<u32> = conn
        .prepare("SELECT id FROM members WHERE kind IN ('mitglied', 'integrationsbeauftragte')")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let offices: Vec<u32> = conn
        .prepare("SELECT id FROM foreigners_offices")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let start = NaiveDate::from_ymd_opt(2006, 1, 1).unwrap_or_default();
    let mut calendar = Calendar::plan(conn, &mut rng, start, today, &now)?;
    let span_days = u64::try_from((today - start).num_days())
        .unwrap_or(0)
        .max(1);
    let hardship = HardshipGround::choices();
    let negative = NegativeFactor::choices();

    let mut insert_case = conn.prepare(
        "INSERT INTO cases (number, year, seq, status, received_on, brought_by, brought_in_on, office_id,
                            counsel, consent_on_file, consent_date, life_story, display_name, sort_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, 'Beratungsstelle', 1, ?5, ?8, ?9, ?11, ?10, ?10)",
    )?;
    let mut insert_person = conn.prepare(
        "INSERT INTO persons (case_id, position, family_role, family_name, given_names, birth_date, birth_place,
                              sex, nationality, entry_date, residence_status, residence_issued_on, residence_valid_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'duldung', ?11, ?12)",
    )?;
    let mut insert_ground = conn.prepare(
        "INSERT INTO case_grounds (case_id, kind, code, description, evidence) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_move = conn.prepare(
        "INSERT INTO case_transitions (case_id, from_status, to_status, on_date, reason, user_id, username, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut settle = conn.prepare(
        "UPDATE cases SET status = ?2, request_sent_on = ?3, decision = ?4, decided_on = ?5,
                          decision_reasons = CASE WHEN ?4 = 'ablehnung'
                              THEN 'Beispielfall: Die Voraussetzungen liegen nach Auffassung des Ministeriums nicht vor.' END
         WHERE id = ?1",
    )?;
    let mut admit = conn.prepare(
        "INSERT INTO admissibility_decisions (case_id, result, reasoning, decided_on, checks)
         VALUES (?1, ?2, 'Beispielfall', ?3, '[]')",
    )?;
    let mut insert_deadline = conn.prepare(
        "INSERT INTO deadlines (case_id, due_on, what, created_at) VALUES (?1, ?2, 'Unterlagen nachreichen', ?3)",
    )?;
    let mut seq_of_year = std::collections::HashMap::<i32, u32>::new();
    for _ in 0..count {
        // Spread over the years since 2006, with a quarter in the last twelve months: the
        // cases still in work that the start page, the lists and the sessions deal with.
        let received = if rng.gen_bool(0.25) {
            today - Days::new(rng.gen_range(0..365))
        } else {
            day(&mut rng, start, span_days)
        };
        let year = chrono::Datelike::year(&received);
        let seq = seq_of_year.entry(year).or_insert_with(|| {
            conn.query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM cases WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .unwrap_or(0)
        });
        *seq += 1;
        let number = CaseNumber { year, seq: *seq };
        let family = pick(&mut rng, FAMILY_NAMES);
        let given = pick(&mut rng, GIVEN_NAMES);
        let brought_by = members.choose(&mut rng).copied();
        insert_case.execute(params![
            number.to_string(),
            year,
            number.seq,
            CaseStatus::Eingegangen.code(),
            received,
            brought_by,
            offices.choose(&mut rng),
            pick(&mut rng, STORIES),
            format!("{family}, {given}"),
            now,
            format!("{family}, {given}")
        ])?;
        let case_id = conn.last_insert_rowid();
        let nationality = pick(&mut rng, NATIONALITIES);
        let children = rng.gen_range(0..4);
        let spouse = rng.gen_bool(0.5);
        let mut roles = vec![("hauptperson", given)];
        if spouse {
            roles.push(("ehepartner", pick(&mut rng, GIVEN_NAMES)));
        }
        for _ in 0..children {
            roles.push(("kind", pick(&mut rng, GIVEN_NAMES)));
        }
        for (position, (role, given)) in roles.iter().enumerate() {
            let born = if *role == "kind" {
                day(
                    &mut rng,
                    NaiveDate::from_ymd_opt(2008, 1, 1).unwrap_or_default(),
                    16 * 365,
                )
            } else {
                day(
                    &mut rng,
                    NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or_default(),
                    40 * 365,
                )
            };
            let issued = day(
                &mut rng,
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
                300,
            );
            insert_person.execute(params![
                case_id,
                position as i64 + 1,
                role,
                family,
                given,
                born,
                pick(&mut rng, PLACES),
                if rng.gen_bool(0.5) {
                    "weiblich"
                } else {
                    "maennlich"
                },
                nationality,
                received - Days::new(rng.gen_range(200..3000)),
                issued,
                issued + Days::new(rng.gen_range(30..200)),
            ])?;
        }
        for _ in 0..rng.gen_range(1..4) {
            let g = &hardship[rng.gen_range(0..hardship.len())];
            insert_ground.execute(params![
                case_id,
                "haertegrund",
                g.value,
                g.label,
                "Bescheinigung liegt vor"
            ])?;
        }
        if rng.gen_bool(0.2) {
            let n = &negative[rng.gen_range(0..negative.len())];
            insert_ground.execute(params![case_id, "negativfaktor", n.value, n.label, ""])?;
        }
        let walk = calendar.walk(conn, &mut rng, case_id, received, brought_by)?;
        for (from, to, on) in &walk.steps {
            let reason = to.needs_reason().then_some("Beispielfall");
            insert_move.execute(params![
                case_id,
                from.map(|f| f.code()),
                to.code(),
                on,
                reason,
                user.id,
                user.username,
                now
            ])?;
        }
        let (decision, decided_on) = walk.decision.unzip();
        settle.execute(params![
            case_id,
            walk.status().code(),
            walk.request_sent_on,
            decision.map(|d| d.code()),
            decided_on
        ])?;
        if let Some((admitted, on)) = walk.admission {
            admit.execute(params![
                case_id,
                if admitted {
                    "angenommen"
                } else {
                    "nicht_angenommen"
                },
                on
            ])?;
        }
        if rng.gen_bool(0.1) {
            insert_deadline.execute(params![
                case_id,
                day(
                    &mut rng,
                    NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
                    120
                ),
                now
            ])?;
        }
        search::reindex(conn, u32::try_from(case_id).unwrap_or(u32::MAX))?;
    }
    audit::append(
        conn,
        user,
        AuditEvent {
            action: AuditAction::SampleCasesCreate,
            entity_id: None,
            before: None,
            after: Some(serde_json::json!({ "count": count, "seed": seed })),
        },
    )?;
    Ok(())
}

impl CaseFile {
    /// Fills the file with sample cases. Verwaltung only; audited.
    pub fn fill_with_sample_cases(&mut self, count: u32, seed: u64) -> Result<()> {
        self.require_admin()?;
        let today = self.today();
        self.edit(|tx, user| fill(tx, user, count, seed, today))
    }
}
