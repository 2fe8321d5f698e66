/**
 * What was just deleted, kept for a while so the user can undo: each deletion leaves a
 * way to put the thing back, under a random id the renderer's undo toast carries. Held in
 * memory only: after a restart, or ten minutes, or fifty later deletions, it is gone.
 */
import { randomBytes } from 'node:crypto';
import type { DeletedKind, RestoredThing } from '../../shared/api/undo';
import { AppFailure } from './failure';

interface Kept {
  readonly kind: DeletedKind;
  readonly name: string;
  readonly until: number;
  readonly restore: () => Promise<void>;
}

export class Trash {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly keepMs = 10 * 60_000,
    private readonly most = 50,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a deletion's undo; returns its id. */
  put(kind: DeletedKind, name: string, restore: () => Promise<void>): string {
    this.prune();
    while (this.kept.size >= this.most) this.kept.delete(this.kept.keys().next().value!);
    const id = randomBytes(12).toString('base64url');
    this.kept.set(id, { kind, name, until: this.now() + this.keepMs, restore });
    return id;
  }

  /** Puts a deleted thing back, once; `not_found` when it is no longer kept. */
  async restore(id: string): Promise<RestoredThing> {
    this.prune();
    const kept = this.kept.get(id);
    if (!kept) throw new AppFailure('not_found', 'That deletion can no longer be undone.');
    this.kept.delete(id);
    try {
      await kept.restore();
    } catch (error) {
      // Not restored: it can be tried again (say, after undoing the collection it belongs to).
      this.kept.set(id, kept);
      throw error;
    }
    return { kind: kept.kind, name: kept.name };
  }

  private prune(): void {
    const now = this.now();
    for (const [id, kept] of this.kept) if (kept.until <= now) this.kept.delete(id);
  }
}
