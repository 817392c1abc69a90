//! The command line: what `hfk` takes, its subcommands and their arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::due_lists::Liste;

/// Whether a document leaves the office sealed under a one-off password.
#[derive(Args, Clone, Copy)]
pub(crate) struct Sealing {
    /// Verschlüsselt (AES-256) mit einem Einmalpasswort, das einmal ausgegeben wird
    #[arg(long)]
    pub(crate) verschluesselt: bool,
}

#[derive(Parser)]
#[command(
    name = "hfk",
    version,
    about = "HFK-Akte: Werkzeuge für die Geschäftsstelle"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
        #[command(flatten)]
        versiegelt: Sealing,
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
        #[command(flatten)]
        versiegelt: Sealing,
    },
    /// Schreibt die Sitzungsmappe (Tagesordnung und alle Fallübersichten, mit Lesezeichen).
    Sitzungsmappe {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
        #[command(flatten)]
        versiegelt: Sealing,
    },
    /// Schreibt die Niederschrift einer Sitzung als PDF.
    Niederschrift {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
        #[command(flatten)]
        versiegelt: Sealing,
    },
    /// Schreibt das Härtefallersuchen an das Ministerium für einen Fall mit beschlossenem Ersuchen.
    Ersuchen {
        datei: PathBuf,
        /// Das Aktenzeichen, z. B. HFK-2026-001
        aktenzeichen: String,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
        #[command(flatten)]
        versiegelt: Sealing,
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
    /// Schreibt für die Mitglieder je ein Exemplar der Sitzungsmappe in einen Ordner
    /// (Sitzung-3-2026_Name.pdf): verschlüsselt mit dem Passwort des Mitglieds, mit seinem
    /// Namen auf jeder Seite, ohne die Fälle, für die es vorab Befangenheit angezeigt hat.
    /// Wird protokolliert.
    Exemplare {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        /// Der Ordner, in den die Exemplare geschrieben werden
        ordner: PathBuf,
        /// Nur für diese Mitglieder (Name wie im Mitgliederverzeichnis; mehrfach möglich);
        /// ohne: für alle am Sitzungstag im Amt, deren Passwort festgelegt ist
        #[arg(long)]
        mitglied: Vec<String>,
        #[arg(long)]
        benutzer: String,
    },
    /// Legt für ein Mitglied ein neues Passwort für seine Exemplare fest und gibt es einmal
    /// aus (aussprechbar, 27 Zeichen); auf Wunsch mit dem Übergabeblatt als PDF.
    ExemplarPasswort {
        datei: PathBuf,
        /// Das Mitglied (Name wie im Mitgliederverzeichnis)
        mitglied: String,
        /// Das Übergabeblatt mit dem Passwort, das entstehen soll (.pdf)
        #[arg(long)]
        blatt: Option<PathBuf>,
        #[arg(long)]
        benutzer: String,
    },
    /// Schreibt einen Brief aus einem Fall mit dem Text der Vorlage, legt ihn in der Akte ab
    /// (wird protokolliert; die Anforderung der Stellungnahme setzt „angefordert am“) und
    /// speichert ihn als PDF. Arten: eingangsbestaetigung, anforderung_stellungnahme,
    /// nichtannahme, ergebnis, mitteilung_auslaenderbehoerde, haertefallersuchen.
    Schreiben {
        datei: PathBuf,
        /// Das Aktenzeichen, z. B. HFK-2026-001
        aktenzeichen: String,
        /// Die Art des Schreibens (siehe oben)
        art: String,
        /// Die PDF-Datei, die entstehen soll
        ziel: PathBuf,
        /// An wen: einbringer, beistand, auslaenderbehoerde, ministerium (ohne: der übliche
        /// Empfänger der Art)
        #[arg(long)]
        an: Option<String>,
        /// Antwortfrist (TT.MM.JJJJ), für die Anforderung der Stellungnahme
        #[arg(long, default_value = "")]
        frist: String,
        #[arg(long)]
        benutzer: String,
        #[command(flatten)]
        versiegelt: Sealing,
    },
    /// Schreibt die Einladungen zu einer Sitzung an alle am Sitzungstag amtierenden
    /// Mitglieder, Stellvertretungen und beratenden Mitglieder in einen Ordner (je Mitglied
    /// eine PDF-Datei, mit --zusammen eine Datei zum Drucken) und legt sie in der Akte ab.
    Einladungen {
        datei: PathBuf,
        /// Die Sitzung, z. B. 3/2026
        sitzung: String,
        /// Der Ordner, in den die Einladungen geschrieben werden
        ordner: PathBuf,
        /// Rückmeldung zu Teilnahme und Befangenheit bis (TT.MM.JJJJ, vor dem Sitzungstag)
        #[arg(long)]
        frist: String,
        /// Die Tagesordnung mit Namen (intern) statt nur mit Initialen
        #[arg(long)]
        intern: bool,
        /// Alle Einladungen in einer Datei
        #[arg(long)]
        zusammen: bool,
        #[arg(long)]
        benutzer: String,
    },
    /// Hinterlegt eine Postanschrift für Schreiben (Zeilen mit \n getrennt; leer: entfernen):
    /// `hfk anschrift akte.hfk mitglied "Anna Muster" "Musterweg 1\n14467 Potsdam"`; bei
    /// einer Ausländerbehörde das ganze Anschriftfeld, beim Beistand das Aktenzeichen.
    Anschrift {
        datei: PathBuf,
        /// mitglied, auslaenderbehoerde oder beistand
        von: String,
        /// Name (Mitglied, Ausländerbehörde) oder Aktenzeichen (Beistand)
        wer: String,
        anschrift: String,
        #[arg(long)]
        benutzer: String,
    },
    /// Übernimmt eine alte Liste (.xlsx, .xls, .ods, .csv) als Fälle, alle Zeilen oder keine
    /// (nur Verwaltung). Mit --probelauf wird nur geprüft und berichtet (Rückgabewert 3,
    /// wenn die Liste so nicht übernommen werden kann); --vorschlag gibt die aus den
    /// Überschriften vorgeschlagene Zuordnung als JSON aus, zum Bearbeiten für --zuordnung.
    Uebernahme {
        datei: PathBuf,
        /// Die alte Liste
        liste: PathBuf,
        /// Die Zuordnung als JSON (ohne: die in der Akte gespeicherte oder der Vorschlag)
        #[arg(long)]
        zuordnung: Option<PathBuf>,
        /// Das Blatt einer Arbeitsmappe (ohne: das erste)
        #[arg(long)]
        blatt: Option<String>,
        #[arg(long)]
        probelauf: bool,
        #[arg(long)]
        vorschlag: bool,
        /// Speichert den Bericht des Probelaufs als PDF oder CSV
        #[arg(long)]
        bericht: Option<PathBuf>,
        #[arg(long)]
        benutzer: String,
    },
    /// Fügt einem Fall ein Dokument als Anlage hinzu (PDF, JPEG, PNG oder TIFF, höchstens
    /// 50 MB; der Typ wird am Inhalt erkannt). Arten: antrag, einverstaendniserklaerung,
    /// nachweis, aerztliche_stellungnahme, stellungnahme_abh, schreiben, sonstiges.
    AnlageHinzufuegen {
        datei: PathBuf,
        /// Das Aktenzeichen, z. B. HFK-2026-001
        aktenzeichen: String,
        /// Das Dokument
        dokument: PathBuf,
        /// Die Art der Anlage (siehe oben)
        #[arg(long)]
        art: String,
        /// Der Titel (ohne: der Dateiname ohne Endung)
        #[arg(long, default_value = "")]
        titel: String,
        /// Eingegangen am (TT.MM.JJJJ; ohne: heute)
        #[arg(long, default_value = "")]
        eingang: String,
        /// Für die Sitzungsmappe vormerken
        #[arg(long)]
        sitzung: bool,
        #[arg(long)]
        benutzer: String,
    },
    /// Listet die Anlagen eines Falls, auch ersetzte Fassungen und entfernte Anlagen.
    Anlagen {
        datei: PathBuf,
        aktenzeichen: String,
        #[arg(long)]
        benutzer: String,
    },
    /// Speichert eine Kopie einer Anlage (Nummer aus „hfk anlagen“); die Kopie ist nicht
    /// verschlüsselt. Wird protokolliert.
    AnlageSpeichern {
        datei: PathBuf,
        anlage: u32,
        ziel: PathBuf,
        #[arg(long)]
        benutzer: String,
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
