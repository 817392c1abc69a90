use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn dates_in_german_iso_and_excel_serial_form() {
    assert_eq!(date("01.02.2019"), Ok(d(2019, 2, 1)));
    assert_eq!(date("1.2.2019"), Ok(d(2019, 2, 1)));
    assert_eq!(date("2019-02-01"), Ok(d(2019, 2, 1)));
    assert_eq!(date("43497"), Ok(d(2019, 2, 1)));
    assert!(date("31.02.2019")
        .unwrap_err()
        .contains("kein Tag des Kalenders"));
    assert!(date("2019-02-31")
        .unwrap_err()
        .contains("kein Tag des Kalenders"));
    assert!(date("1.2.19").unwrap_err().contains("vierstellig"));
    assert!(date("irgendwann").unwrap_err().contains("kein Datum"));
    assert!(date("12").is_err());
    assert_eq!(date("2019-02-01T00:00:00"), Ok(d(2019, 2, 1)));
}

#[test]
fn nationalities_by_name_adjective_and_code() {
    assert_eq!(nationality("syrisch"), Some("SY"));
    assert_eq!(nationality("Syrische"), Some("SY"));
    assert_eq!(nationality("Russische Föderation"), Some("RU"));
    assert_eq!(nationality("russisch"), Some("RU"));
    assert_eq!(nationality("Russland"), Some("RU"));
    assert_eq!(nationality("AF"), Some("AF"));
    assert_eq!(nationality("türkisch"), Some("TR"));
    assert_eq!(nationality("Türkei"), Some("TR"));
    assert_eq!(nationality("staatenlos"), Some("XX"));
    assert_eq!(nationality("kosovarisch"), Some("XK"));
    assert_eq!(nationality("Atlantis"), None);
    assert_eq!(nationality("IRE"), None);
}

#[test]
fn invisible_characters_and_blanks_are_removed_and_noted() {
    assert_eq!(
        clean("Güneş\u{200B}"),
        (
            "Güneş".into(),
            Some("unsichtbares Zeichen (etwa ein Leerzeichen der Breite null) entfernt")
        )
    );
    let (text, note) = clean("Ćosić ");
    assert_eq!(text, "Ćosić");
    assert!(note.unwrap().contains("Leerzeichen"));
    assert_eq!(clean("Дудаев"), ("Дудаев".into(), None));
    // Direction marks copied with a right-to-left name go; ZWNJ stays, Persian spells with it.
    assert_eq!(clean("\u{200F}زينب\u{200F}").0, "زينب");
    assert_eq!(clean("می\u{200C}خواهم").0, "می\u{200C}خواهم");
    assert_eq!(clean("زينب الهاشمي"), ("زينب الهاشمي".into(), None));
}

#[test]
fn outcomes_decisions_and_names_in_the_lists_words() {
    assert_eq!(
        outcome("Ersuchen"),
        Some(ListOutcome::Deliberated(Outcome::Ersuchen))
    );
    assert_eq!(
        outcome("kein Ersuchen"),
        Some(ListOutcome::Deliberated(Outcome::KeinErsuchen))
    );
    assert_eq!(outcome("Nicht angenommen"), Some(ListOutcome::NotAdmitted));
    assert_eq!(outcome("zurückgezogen"), Some(ListOutcome::Withdrawn));
    assert_eq!(outcome("vielleicht"), None);
    assert_eq!(decision("Anordnung"), Some(MinistryDecision::Anordnung));
    assert_eq!(decision("abgelehnt"), Some(MinistryDecision::Ablehnung));
    assert_eq!(sex("w"), Some(Sex::Weiblich));
    assert_eq!(sex(""), Some(Sex::Unbekannt));
    assert_eq!(
        split_name("Petrlić-Woelke, Andrea-Maria"),
        ("Petrlić-Woelke".into(), "Andrea-Maria".into())
    );
    assert_eq!(split_name("Şükrü Güneş"), ("Güneş".into(), "Şükrü".into()));
    assert_eq!(split_name("Дудаев"), ("Дудаев".into(), String::new()));
}
