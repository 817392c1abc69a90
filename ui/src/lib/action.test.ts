import { describe, expect, it } from "vitest";
import { Action, Resource } from "./action.svelte";
import { ApiError } from "./api";

describe("Action", () => {
  it("is busy while it runs and returns the result", async () => {
    const action = new Action();
    let seenBusy = false;
    const result = await action.run(async () => {
      seenBusy = action.busy;
      return 42;
    });
    expect(seenBusy).toBe(true);
    expect(result).toBe(42);
    expect(action.busy).toBe(false);
    expect(action.error).toBe("");
  });

  it("keeps the German message of a failure and clears it on the next run", async () => {
    const action = new Action();
    const failed = await action.run(async () => {
      throw new ApiError({ code: "invalid_input", message: "Datum: Bitte als TT.MM.JJJJ eingeben.", technical: null, fields: [{ field: "Datum", message: "Bitte als TT.MM.JJJJ eingeben." }] });
    });
    expect(failed).toBeUndefined();
    expect(action.error).toBe("Datum: Bitte als TT.MM.JJJJ eingeben.");
    expect(action.fields).toEqual([{ field: "Datum", message: "Bitte als TT.MM.JJJJ eingeben." }]);
    await action.run(async () => 1);
    expect(action.error).toBe("");
    expect(action.fields).toEqual([]);
  });
});

describe("Resource", () => {
  it("loads at once and shows only the newest answer", async () => {
    const answers: ((v: number) => void)[] = [];
    const resource = new Resource(() => new Promise<number>((resolve) => answers.push(resolve)));
    const second = resource.reload();
    answers[1](2);
    await second;
    answers[0](1);
    await Promise.resolve();
    expect(resource.value).toBe(2);
    expect(resource.loading).toBe(false);
  });

  it("keeps the error of a failed load", async () => {
    const resource = new Resource<number>(async () => {
      throw new ApiError({ code: "not_unlocked", message: "Die Akte ist gesperrt. Bitte melden Sie sich an.", technical: null, fields: [] });
    });
    await resource.reload();
    expect(resource.error).toBe("Die Akte ist gesperrt. Bitte melden Sie sich an.");
    expect(resource.value).toBeNull();
  });
});
