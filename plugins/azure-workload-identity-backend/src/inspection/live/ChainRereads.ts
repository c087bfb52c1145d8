/**
 * Reads components' chains again after their requests change, one read per component at a
 * time: a burst of changes (twenty requests of one component becoming active together) is one
 * read now and one more after it, not twenty. Keeps what runs, so shutdown can wait for it.
 */
export class ChainRereads {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  /** `reread` is best effort: it logs its own failures. */
  constructor(private readonly reread: (entityRef: string) => Promise<void>) {}

  /** Not awaited: the request's own work must not wait for the clusters and ARM. */
  request(entityRef: string): void {
    if (this.running.has(entityRef)) {
      // What is being read may predate this change: read once more when it is done.
      this.again.add(entityRef);
      return;
    }
    const run = this.reread(entityRef)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(entityRef);
        if (this.again.delete(entityRef)) this.request(entityRef);
      });
    this.running.set(entityRef, run);
  }

  /** Resolves once nothing is being read any more, including the reads asked for meanwhile. */
  async settled(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running.values()]);
    }
  }
}
