import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, minutes } from "./format";

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
