import { Clock } from '../retry';

/** Time that moves only when someone sleeps or the test says so: backoffs take no real time. */
export class VirtualClock implements Clock {
  private current = Date.UTC(2026, 10, 23, 12, 0, 0);
  readonly sleeps: number[] = [];

  now = (): number => this.current;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.current += ms;
    // Let other work interleave as it would while a real timer runs.
    await new Promise(resolve => setImmediate(resolve));
  };

  advance(ms: number): void {
    this.current += ms;
  }
}
