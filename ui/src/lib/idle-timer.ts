// Locks the window after a stretch without keyboard or mouse input.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class IdleTimer {
  private handle: unknown = null;
  private lastActivity = 0;
  private readonly limitMs: number;

  constructor(
    minutes: number,
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
  ) {
    this.limitMs = minutes * 60_000;
  }

  start(): void {
    this.lastActivity = this.clock.now();
    this.schedule(this.limitMs);
  }

  /** Input happened. Cheap enough to call on every event. */
  touch(): void {
    this.lastActivity = this.clock.now();
  }

  stop(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  private schedule(ms: number): void {
    this.stop();
    this.handle = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.handle = null;
    const idle = this.clock.now() - this.lastActivity;
    if (idle >= this.limitMs) {
      this.onIdle();
    } else {
      this.schedule(this.limitMs - idle);
    }
  }
}
