// Locks the window after a stretch without keyboard or mouse input, and warns a minute
// before (half the limit for a limit of a minute or two), so the user can stay signed in
// (WCAG 2.2.1).

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

export interface IdleWarning {
  /** The lock is near: `secondsLeft` until it comes. */
  warn(secondsLeft: number): void;
  /** Input came after a warning: the lock is off again. */
  calm(): void;
}

const noWarning: IdleWarning = { warn: () => {}, calm: () => {} };

export class IdleTimer {
  private handle: unknown = null;
  private lastActivity = 0;
  private warned = false;
  private readonly limitMs: number;
  private readonly warnMs: number;

  constructor(
    minutes: number,
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
    private readonly warning: IdleWarning = noWarning,
  ) {
    this.limitMs = minutes * 60_000;
    this.warnMs = this.limitMs - Math.min(60_000, this.limitMs / 2);
  }

  start(): void {
    this.lastActivity = this.clock.now();
    this.warned = false;
    this.schedule(this.warnMs);
  }

  /** Input happened. Cheap enough to call on every event. */
  touch(): void {
    this.lastActivity = this.clock.now();
    if (this.warned) {
      this.warned = false;
      this.warning.calm();
      this.schedule(this.warnMs);
    }
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
      this.warned = false;
      this.onIdle();
    } else if (idle >= this.warnMs) {
      if (!this.warned) {
        this.warned = true;
        this.warning.warn(Math.ceil((this.limitMs - idle) / 1000));
      }
      this.schedule(this.limitMs - idle);
    } else {
      this.schedule(this.warnMs - idle);
    }
  }
}
