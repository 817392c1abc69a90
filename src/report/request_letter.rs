//! The Härtefallersuchen: the commission's letter to the ministry for a case it decided to
//! support, laid out as a German business letter (DIN 5008, form B: address field 45 mm from
//! the top, information block on the right, subject, salutation, text, closing).

use crate::domain::commission::Commission;
use crate::report::fonts::Weight;
use crate::report::layout::{Layout, BODY, LEFT, PAGE_HEIGHT};
use crate::store::cases::ministry::Deliberation;
use crate::store::cases::page::CaseDetail;
use crate::store::cases::persons::PersonView;

const MM: f32 = 72.0 / 25.4;

/// "Dudaev, Achmed (Дудаев Ахмед), Hauptperson, geboren am 23.08.2019 in Cottbus;
/// Staatsangehörigkeit: Russische Föderation": birth and nationality never run together.
fn person_line(p: &PersonView) -> String {
    let mut line = format!("{}, {}", p.family_name, p.given_names);
    if let Some(original) = &p.original_name {
        line.push_str(&format!(" ({original})"));
    }
    line.push_str(&format!(", {}", p.family_role_label));
    match (p.birth_date, &p.birth_place) {
        (Some(day), Some(place)) => line.push_str(&format!(
            ", geboren am {} in {place}",
            day.format("%d.%m.%Y")
        )),
        (Some(day), None) => line.push_str(&format!(", geboren am {}", day.format("%d.%m.%Y"))),
        (None, Some(place)) => line.push_str(&format!(", geboren in {place}")),
        (None, None) => {}
    }
    line.push_str(&format!("; Staatsangehörigkeit: {}", p.nationality_name));
    line
}

fn from_top(mm: f32) -> f32 {
    PAGE_HEIGHT - mm * MM
}

/// Lays the letter out. `deliberation` is the session that decided the Ersuchen.
pub fn lay_out(
    layout: &mut Layout<'_>,
    commission: &Commission,
    case: &CaseDetail,
    deliberation: &Deliberation,
    date: &str,
) {
    layout.bookmark(&format!("Härtefallersuchen {}", case.number));
    layout.outgoing_letter();
    // Address field: return line, then the recipient.
    layout.put_at(
        LEFT,
        from_top(45.0) + 2.0,
        &commission.sender_line(),
        Weight::Regular,
        6.5,
    );
    for (i, line) in commission.ministry_address.iter().enumerate() {
        layout.put_at(
            LEFT,
            from_top(62.7) - i as f32 * 13.0,
            line,
            Weight::Regular,
            BODY + 1.0,
        );
    }
    // Information block.
    let info_x = 125.0 * MM;
    for (i, (label, value)) in [
        ("Unser Zeichen", case.number.as_str()),
        ("Sitzung", deliberation.session_number.as_str()),
        ("Datum", date),
    ]
    .iter()
    .enumerate()
    {
        let top = from_top(50.0) - i as f32 * 26.0;
        layout.put_at(info_x, top, label, Weight::Regular, 7.5);
        layout.put_at(info_x, top - 10.0, value, Weight::Regular, BODY);
    }
    layout.set_cursor(from_top(103.4));
    layout.paragraph(
        &format!(
            "Härtefallersuchen gemäß § 23a Abs. 1 AufenthG – {}",
            case.number
        ),
        Weight::Bold,
        BODY + 1.0,
    );
    layout.space(14.0);
    layout.paragraph(
        "Sehr geehrte Damen und Herren,",
        Weight::Regular,
        BODY + 1.0,
    );
    layout.space(8.0);
    layout.paragraph(
        &format!(
            "die {} hat in ihrer Sitzung {} am {} beschlossen, \
             das Ministerium zu ersuchen, für die nachstehend genannten Personen anzuordnen, dass ihnen \
             abweichend von den für die Erteilung und Verlängerung von Aufenthaltstiteln vorgesehenen \
             Voraussetzungen eine Aufenthaltserlaubnis nach § 23a AufenthG erteilt wird.",
            commission.name,
            deliberation.session_number,
            deliberation.held_on.format("%d.%m.%Y")
        ),
        Weight::Regular,
        BODY + 1.0,
    );
    layout.space(8.0);
    if case.persons.is_empty() {
        layout.paragraph(
            "Im Fall sind keine Personen erfasst.",
            Weight::Bold,
            BODY + 1.0,
        );
    }
    for p in &case.persons {
        layout.paragraph(
            &format!("– {}", person_line(p)),
            Weight::Regular,
            BODY + 1.0,
        );
    }
    layout.space(8.0);
    layout.paragraph(
        "Die Kommission begründet ihr Ersuchen wie folgt:",
        Weight::Regular,
        BODY + 1.0,
    );
    layout.space(4.0);
    layout.paragraph(
        deliberation
            .reasons
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or("(Die Begründung ist in der Akte nicht erfasst.)"),
        Weight::Regular,
        BODY + 1.0,
    );
    layout.space(8.0);
    if let Some(office) = &case.office_name {
        layout.paragraph(
            &format!("Zuständige Ausländerbehörde: {office}."),
            Weight::Regular,
            BODY + 1.0,
        );
        layout.space(8.0);
    }
    layout.paragraph("Mit freundlichen Grüßen", Weight::Regular, BODY + 1.0);
    layout.space(30.0);
    layout.paragraph(
        "Leitung der Geschäftsstelle der Härtefallkommission",
        Weight::Regular,
        BODY + 1.0,
    );
}
