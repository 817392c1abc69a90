//! A commission ready for the members' copies, and reading a sealed PDF as a member's reader
//! would (qpdf, pdftotext with a password).

use std::path::{Path, PathBuf};
use std::process::Command;

use hfk_akte::domain::member::MemberDraft;
use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};

use super::session_day::SessionDay;

pub const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
pub const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
pub const DEPUTY: &str = "Şükrü Güneş";
pub const PERSONS: [&str; 3] = ["Haddad", "Krasniqi", "Dudajewa"];

/// Runs a tool; its success and its output (stdout and stderr).
pub fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is missing (poppler-utils, qpdf): {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// The text of a sealed PDF read with `password`, or None when the reader refuses it.
pub fn read_with(pdf: &Path, password: &str) -> Option<String> {
    let (ok, said) = tool("pdftotext", &["-upw", password, pdf.to_str().unwrap(), "-"]);
    ok.then_some(said)
}

/// The text in drawing order without any white space: pdftotext cuts diagonal text (the
/// watermark) into pieces unless it keeps the raw order.
pub fn drawn_with(pdf: &Path, password: &str) -> String {
    let (ok, said) = tool(
        "pdftotext",
        &["-raw", "-upw", password, pdf.to_str().unwrap(), "-"],
    );
    assert!(ok, "{said}");
    squeezed(&said)
}

pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

pub struct Commission {
    pub _dir: tempfile::TempDir,
    pub paths: FilePaths,
    pub lock: InstanceLock,
    pub file: CaseFile,
    pub session: u32,
    /// (member id, name, password)
    pub members: Vec<(u32, String, String)>,
    pub cases: Vec<String>,
    /// The second case's agenda item, for which the second member declared bias.
    pub recused_item: u32,
}

/// Three voting members, a deputy and the Integrationsbeauftragte (five recipients); a
/// session called for today with three cases; the second member biased on the second case.
pub fn commission() -> Commission {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = super::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = super::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let day = SessionDay::new(&mut file);
    let organisation = file.member_register().unwrap().organisations[0].id;
    let deputy = file
        .save_member(
            None,
            &MemberDraft {
                name: DEPUTY.into(),
                kind: "stellvertretung".into(),
                organisation_id: Some(organisation),
                deputy_of: Some(day.members[0]),
                term_from: "01.01.2024".into(),
                term_to: String::new(),
            },
        )
        .unwrap();
    let session = day.called_today(&mut file, false);
    let mut items = Vec::new();
    let mut cases = Vec::new();
    for name in PERSONS {
        let case = day.admitted_case(&mut file, name);
        let detail = file.schedule_case(session, case, None).unwrap();
        let item = detail
            .items
            .iter()
            .find(|i| i.case_id == Some(case))
            .unwrap();
        items.push(item.id);
        cases.push(item.case_number.clone().unwrap());
    }
    let register = file.member_register().unwrap();
    let name_of = |id: u32| {
        register
            .members
            .iter()
            .find(|m| m.id == id)
            .unwrap()
            .name
            .clone()
    };
    let mut members = Vec::new();
    let ids = [day.integrationsbeauftragte, day.members[0], day.members[1]];
    for (n, id) in ids.into_iter().chain([day.members[2], deputy]).enumerate() {
        let password = format!("Kopie-{n}-Havelland-Spreewald");
        file.set_copy_password(id, &password).unwrap();
        members.push((id, name_of(id), password));
    }
    let detail = file
        .declare_advance_recusal(items[1], day.members[1])
        .unwrap();
    let item = detail.items.iter().find(|i| i.id == items[1]).unwrap();
    assert_eq!(item.advance_recusals.len(), 1);
    Commission {
        _dir: dir,
        paths,
        lock,
        file,
        session,
        members,
        cases,
        recused_item: items[1],
    }
}

pub fn copies_folder(c: &Commission) -> PathBuf {
    let folder = c.paths.database.parent().unwrap().join("Exemplare");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}
