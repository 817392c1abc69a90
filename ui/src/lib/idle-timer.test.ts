import { describe, expect, it } from "vitest";
import { IdleTimer, type Clock } from "./idle-timer";

class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now() {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(id: unknown) {
    this.timers = this.timers.filter((t) => t.id !== id);
  }
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}

describe("IdleTimer", () => {
  it("fires after the limit without input", () => {
    const clock = new FakeClock();
    let locked = 0;
    new IdleTimer(2, () => locked++, clock).start();
    clock.advance(119_999);
    expect(locked).toBe(0);
    clock.advance(1);
    expect(locked).toBe(1);
  });

  it("input pushes the lock back by the full limit", () => {
    const clock = new FakeClock();
    let locked = 0;
    const timer = new IdleTimer(1, () => locked++, clock);
    timer.start();
    clock.advance(50_000);
    timer.touch();
    clock.advance(50_000);
    expect(locked).toBe(0);
    clock.advance(10_000);
    expect(locked).toBe(1);
  });

  it("stop cancels the lock", () => {
    const clock = new FakeClock();
    let locked = 0;
    const timer = new IdleTimer(1, () => locked++, clock);
    timer.start();
    timer.stop();
    clock.advance(10 * 60_000);
    expect(locked).toBe(0);
  });

  it("warns a minute before the lock, and input calls the lock off", () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const timer = new IdleTimer(10, () => seen.push("locked"), clock, {
      warn: (s) => seen.push(`warn ${s}`),
      calm: () => seen.push("calm"),
    });
    timer.start();
    clock.advance(539_999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual(["warn 60"]);
    clock.advance(30_000);
    timer.touch();
    expect(seen).toEqual(["warn 60", "calm"]);
    // A full limit again from the input on.
    clock.advance(569_999);
    expect(seen).toEqual(["warn 60", "calm", "warn 60"]);
    clock.advance(60_000);
    expect(seen).toEqual(["warn 60", "calm", "warn 60", "locked"]);
  });

  it("warns at half time for a one-minute limit", () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    new IdleTimer(1, () => seen.push("locked"), clock, {
      warn: (s) => seen.push(`warn ${s}`),
      calm: () => seen.push("calm"),
    }).start();
    clock.advance(30_000);
    expect(seen).toEqual(["warn 30"]);
    clock.advance(30_000);
    expect(seen).toEqual(["warn 30", "locked"]);
  });
});
