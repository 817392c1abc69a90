//! Which case file the program opens on start: `HFK_AKTE_DATEI` if set, else the file last
//! opened (remembered in the config folder), else the default file in the data folder.

use std::path::{Path, PathBuf};

use hfk_akte::domain::zoom;
use hfk_akte::store::vault::file_paths::DEFAULT_FILE_NAME;
use serde::{Deserialize, Serialize};

pub const FILE_ENV: &str = "HFK_AKTE_DATEI";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    last_file: Option<PathBuf>,
    /// The window's zoom (1.0 = 100 %).
    #[serde(default)]
    zoom: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct AppConfig {
    config_file: PathBuf,
    data_dir: PathBuf,
}

impl AppConfig {
    pub fn new(config_dir: &Path, data_dir: &Path) -> Self {
        AppConfig {
            config_file: config_dir.join("einstellungen.json"),
            data_dir: data_dir.to_owned(),
        }
    }

    pub fn default_file(&self) -> PathBuf {
        self.data_dir.join(DEFAULT_FILE_NAME)
    }

    /// The file to offer on start.
    pub fn current_file(&self) -> PathBuf {
        self.resolve(std::env::var_os(FILE_ENV))
    }

    fn resolve(&self, from_env: Option<std::ffi::OsString>) -> PathBuf {
        if let Some(p) = from_env.filter(|v| !v.is_empty()) {
            return PathBuf::from(p);
        }
        self.load().last_file.unwrap_or_else(|| self.default_file())
    }

    fn load(&self) -> Remembered {
        std::fs::read(&self.config_file)
            .ok()
            .and_then(|b| serde_json::from_slice::<Remembered>(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, remembered: &Remembered) -> std::io::Result<()> {
        if let Some(dir) = self.config_file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(remembered).map_err(std::io::Error::other)?;
        std::fs::write(&self.config_file, json)
    }

    /// Remembers the file for the next start. Holds only a path, never case data.
    pub fn remember(&self, file: &Path) -> std::io::Result<()> {
        let mut remembered = self.load();
        remembered.last_file = Some(file.to_owned());
        self.save(&remembered)
    }

    /// The zoom of the last session (100 % when none was set).
    pub fn zoom(&self) -> f64 {
        zoom::valid(self.load().zoom.unwrap_or(zoom::DEFAULT))
    }

    pub fn remember_zoom(&self, level: f64) -> std::io::Result<()> {
        let mut remembered = self.load();
        remembered.zoom = Some(zoom::valid(level));
        self.save(&remembered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_last_file_and_falls_back_to_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = AppConfig::new(&dir.path().join("cfg"), &dir.path().join("data"));
        assert_eq!(
            cfg.resolve(None),
            dir.path().join("data").join(DEFAULT_FILE_NAME)
        );
        cfg.remember(Path::new("/srv/akten/bb.hfk")).unwrap();
        assert_eq!(cfg.resolve(None), PathBuf::from("/srv/akten/bb.hfk"));
        assert_eq!(
            cfg.resolve(Some("".into())),
            PathBuf::from("/srv/akten/bb.hfk")
        );
        assert_eq!(
            cfg.resolve(Some("/tmp/x.hfk".into())),
            PathBuf::from("/tmp/x.hfk")
        );
    }

    #[test]
    fn remembers_the_zoom_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = AppConfig::new(&dir.path().join("cfg"), &dir.path().join("data"));
        assert_eq!(cfg.zoom(), 1.0);
        cfg.remember(Path::new("/srv/akten/bb.hfk")).unwrap();
        cfg.remember_zoom(1.5).unwrap();
        assert_eq!(cfg.zoom(), 1.5);
        assert_eq!(cfg.resolve(None), PathBuf::from("/srv/akten/bb.hfk"));
        cfg.remember(Path::new("/srv/akten/be.hfk")).unwrap();
        assert_eq!(cfg.zoom(), 1.5, "remembering a file keeps the zoom");
    }
}
