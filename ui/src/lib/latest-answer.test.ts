import { describe, expect, it } from "vitest";
import { LatestAnswer } from "./latest-answer";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** How the screens use it: ask, await, show only if still the newest. */
async function ask(latest: LatestAnswer, answer: Promise<string>, shown: string[]) {
  const current = latest.begin();
  const value = await answer;
  if (current()) shown.push(value);
}

describe("LatestAnswer", () => {
  it("drops an older answer that arrives after a newer one", async () => {
    const latest = new LatestAnswer();
    const shown: string[] = [];
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = ask(latest, slow.promise, shown);
    const second = ask(latest, fast.promise, shown);
    fast.resolve("2 Ja");
    await second;
    slow.resolve("1 Ja");
    await first;
    expect(shown).toEqual(["2 Ja"]);
  });

  it("passes on answers that arrive in order", async () => {
    const latest = new LatestAnswer();
    const shown: string[] = [];
    await ask(latest, Promise.resolve("1 Ja"), shown);
    await ask(latest, Promise.resolve("2 Ja"), shown);
    expect(shown).toEqual(["1 Ja", "2 Ja"]);
  });
});
