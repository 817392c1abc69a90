import { describe, expect, it } from "vitest";
import { counted, formatCount, formatDate, formatDateTime, formatDay, formatSize, minutes } from "./format";

describe("formatDate", () => {
  it("writes dd.mm.yyyy with leading zeros", () => {
    expect(formatDate("2026-03-05T12:00:00")).toBe("05.03.2026");
  });
  it("returns an unreadable value unchanged instead of 'Invalid Date'", () => {
    expect(formatDate("31.02.2026")).toBe("31.02.2026");
  });
  it("adds the time with 'Uhr'", () => {
    expect(formatDateTime("2026-11-25T09:07:00")).toBe("25.11.2026, 09:07 Uhr");
  });
});

describe("minutes", () => {
  it("uses the singular for one", () => {
    expect(minutes(1)).toBe("1 Minute");
    expect(minutes(15)).toBe("15 Minuten");
  });
});

describe("formatDay", () => {
  it("writes a core day as dd.mm.yyyy without any time-zone shift", () => {
    expect(formatDay("2026-01-01")).toBe("01.01.2026");
    expect(formatDay("1985-03-14")).toBe("14.03.1985");
  });
  it("shows a dash for a missing day", () => {
    expect(formatDay(null)).toBe("–");
    expect(formatDay("")).toBe("–");
  });
  it("groups thousands the German way", () => {
    expect(formatCount(100000)).toBe("100.000");
  });
});

describe("counted", () => {
  it("uses the singular only for one", () => {
    expect(counted(1, "Fall", "Fälle")).toBe("1 Fall");
    expect(counted(0, "Fall", "Fälle")).toBe("0 Fälle");
    expect(counted(1500, "Person", "Personen")).toBe("1.500 Personen");
  });
});

describe("formatSize", () => {
  it("says kB below a megabyte and MB with one decimal above", () => {
    expect(formatSize(12)).toBe("1 kB");
    expect(formatSize(830_400)).toBe("831 kB");
    expect(formatSize(12_400_000)).toBe("12,4 MB");
    expect(formatSize(50_000_000)).toBe("50,0 MB");
  });
});
