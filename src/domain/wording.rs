//! German number agreement for the few words the program counts in its sentences.

/// "1 Sekunde", "30 Sekunden".
pub fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(counted(1u32, "Sekunde", "Sekunden"), "1 Sekunde");
        assert_eq!(counted(0u32, "Sekunde", "Sekunden"), "0 Sekunden");
        assert_eq!(counted(30u64, "Sekunde", "Sekunden"), "30 Sekunden");
    }
}
