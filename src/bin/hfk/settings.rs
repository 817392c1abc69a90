//! `hfk einstellung`: the file's settings listed, or one of them set (Verwaltung; audited).

use hfk_akte::store::CaseFile;

/// Lists every setting (no key), shows one (key only) or sets one (key and value). A value
/// with several lines (the ministry's address) takes "\n" between them.
pub fn settings(file: &mut CaseFile, key: Option<&str>, value: Option<&str>) -> Result<(), String> {
    let shown = match (key, value) {
        (Some(key), Some(value)) => {
            let set = file
                .set_setting_from_text(key, &value.replace("\\n", "\n"))
                .map_err(crate::said)?;
            println!("Gespeichert.");
            vec![set]
        }
        (key, _) => {
            let all = file.settings_as_text().map_err(crate::said)?;
            match key {
                Some(key) => {
                    let one: Vec<_> = all.into_iter().filter(|s| s.key == key).collect();
                    if one.is_empty() {
                        return Err(format!("Die Einstellung „{key}“ gibt es nicht."));
                    }
                    one
                }
                None => all,
            }
        }
    };
    for setting in shown {
        let origin = if setting.stored.is_some() {
            ""
        } else {
            " (Voreinstellung)"
        };
        println!(
            "{}\t{}\t{}{origin}",
            setting.key,
            setting.label,
            setting.value.replace('\n', " / ")
        );
    }
    Ok(())
}
