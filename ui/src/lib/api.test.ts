// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, ApiError, messageOf } from "./api";

afterEach(() => clearMocks());

describe("api", () => {
  it("passes arguments under the names the shell expects and returns the data", async () => {
    let seen: unknown = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { user: { id: 1, username: "Đorđe Ćosić", role: "verwaltung" } };
    });
    const session = await api.unlock("Đorđe Ćosić", "geheim");
    expect(seen).toEqual({ cmd: "unlock", args: { username: "Đorđe Ćosić", password: "geheim" } });
    expect(session.user.username).toBe("Đorđe Ćosić");
  });

  it("turns a command error into an ApiError with code and German message", async () => {
    mockIPC(() => {
      throw { code: "wrong_credentials", message: "Benutzername oder Passwort ist falsch." };
    });
    const failure = await api.unlock("x", "y").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("wrong_credentials");
    expect(messageOf(failure)).toBe("Benutzername oder Passwort ist falsch.");
  });

  it("puts the technical details on a line of their own, never into the message", async () => {
    mockIPC(() => {
      throw {
        code: "file_damaged",
        message: "Die Akte ist beschädigt und kann nicht gelesen werden. Bitte stellen Sie eine Sicherung wieder her.",
        technical: "Seite 21: Prüfcode (HMAC) stimmt nicht",
      };
    });
    const failure = await api.unlock("x", "y").catch((e: unknown) => e);
    expect((failure as ApiError).message).not.toContain("Seite 21");
    expect(messageOf(failure)).toBe(
      "Die Akte ist beschädigt und kann nicht gelesen werden. Bitte stellen Sie eine Sicherung wieder her.\nTechnische Angaben: Seite 21: Prüfcode (HMAC) stimmt nicht",
    );
  });

  it("never shows an empty message when the shell refuses a command with a bare string", async () => {
    mockIPC(() => {
      throw "reopen_case not allowed. Command not found";
    });
    const failure = await api.reopenCase(1, "Grund").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(messageOf(failure)).toBe("Unerwarteter Fehler: reopen_case not allowed. Command not found");
  });

  it("gives a German message for errors that are not command errors", () => {
    expect(messageOf(new Error("boom"))).toBe("Unerwarteter Fehler: boom");
    expect(messageOf(undefined)).toMatch(/^Unerwarteter Fehler/);
  });
});
