/**
 * Resource actions run side by side; a fault that hits the whole host (kill, hang, garbage)
 * runs alone, so the state each action expects is not changed under it by another's fault.
 */
export class Gate {
  private shared = 0;
  private exclusive = false;
  private waiters: (() => void)[] = [];

  async withShared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.wait();
    this.shared++;
    try {
      return await fn();
    } finally {
      this.shared--;
      this.wake();
    }
  }

  async withExclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.wait();
    this.exclusive = true;
    try {
      while (this.shared > 0) await this.wait();
      return await fn();
    } finally {
      this.exclusive = false;
      this.wake();
    }
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
