import 'server-only';
import type { ResourceEvent } from '@/lib/contract/audit';
import { isoTime } from '@/lib/contract/common';
import type { Db, Queryable } from './client';

/** The channel recordEvent notifies on; the payload is a {@link EventNotice} as JSON. */
export const eventsChannel = 'yuntu_events';

/**
 * What one recorded status change tells every replica: the rows added (a scheduled one carries its future time)
 * and the ids of scheduled rows it superseded. Small: a NOTIFY payload must stay under 8,000 bytes.
 */
export interface EventNotice {
  add: ResourceEvent[];
  drop: string[];
}

/** Tells every replica's hub, when the caller's transaction commits (NOTIFY is transactional). */
export async function notifyEvents(q: Queryable, notice: EventNotice): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [eventsChannel, JSON.stringify(notice)]);
}

export interface EventRow {
  id: string | number;
  at: Date | string;
  project_id: string | null;
  resource_type: string;
  resource_id: string;
  status: string;
}

export const toEvent = (r: EventRow): ResourceEvent => ({
  id: String(r.id),
  at: isoTime(new Date(r.at)),
  project_id: r.project_id,
  resource_type: r.resource_type,
  resource_id: r.resource_id,
  status: r.status,
});

export interface Subscriber {
  /** The caller's project; null for an administrator, who sees every project. */
  projectId: string | null;
  send(e: ResourceEvent): void;
  /** Ends the stream, telling the browser to reconnect after `retryMs` (shutdown). */
  close(retryMs: number): void;
  /** A comment line, so proxies keep an idle stream open. */
  ping(): void;
}

const pingMs = 15_000;
/** Ids delivered lately, so a catch-up read after a lost LISTEN connection does not send a change twice. */
const recentMs = 60_000;

/**
 * One per process: one LISTEN for every open event stream (not one query per stream per second). A change whose
 * time has come is sent to the streams that may see it at once; a scheduled one (a server becoming active in
 * 10 s) waits here on one timer until its time, unless a later change drops it first.
 */
export class EventHub {
  private readonly subs = new Set<Subscriber>();
  private readonly scheduled = new Map<string, ResourceEvent>();
  private readonly recent = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private started: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private lastNoticeAt = Date.now();
  draining = false;

  constructor(
    private readonly db: () => Promise<Pick<Db, 'query' | 'listen'>>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Listens (once) and loads the changes already scheduled, e.g. by another replica before this one started. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const db = await this.db();
      this.unlisten = await db.listen(
        eventsChannel,
        (p) => this.onNotice(p),
        () => void this.catchUp(),
      );
      const rows = await db.query<EventRow>('SELECT * FROM events WHERE at > $1 ORDER BY at, id LIMIT 10000', [
        new Date(this.now()),
      ]);
      for (const r of rows) this.schedule(toEvent(r));
      this.arm();
    })().catch((e) => {
      this.started = undefined;
      throw e;
    });
    return this.started;
  }

  get size(): number {
    return this.subs.size;
  }

  subscribe(s: Subscriber): () => void {
    this.subs.add(s);
    this.pinger ??= setInterval(() => {
      for (const sub of this.subs) sub.ping();
    }, pingMs);
    this.pinger.unref?.();
    return () => {
      this.subs.delete(s);
      if (this.subs.size === 0 && this.pinger) {
        clearInterval(this.pinger);
        this.pinger = undefined;
      }
    };
  }

  /** Shutdown: every stream ends with a retry hint; the browsers reconnect (to another replica) and replay. */
  closeAll(retryMs: number): void {
    this.draining = true;
    for (const s of [...this.subs]) {
      this.subs.delete(s);
      s.close(retryMs);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.pinger) clearInterval(this.pinger);
    this.timer = this.pinger = undefined;
    await this.unlisten?.();
    this.unlisten = undefined;
    this.started = undefined;
  }

  /** For tests: handles one notification's payload as the listener would. */
  onNotice(payload: string): void {
    let notice: EventNotice;
    try {
      notice = JSON.parse(payload) as EventNotice;
    } catch {
      return;
    }
    this.lastNoticeAt = this.now();
    for (const id of notice.drop ?? []) this.scheduled.delete(id);
    for (const e of notice.add ?? []) this.schedule(e);
    this.arm();
  }

  /**
   * After the LISTEN connection was lost: what was recorded meanwhile is read once from the table (from a little
   * before the last notice, ids already sent skipped).
   */
  private async catchUp(): Promise<void> {
    try {
      const db = await this.db();
      const rows = await db.query<EventRow>('SELECT * FROM events WHERE at > $1 ORDER BY at, id LIMIT 10000', [
        new Date(this.lastNoticeAt - 5000),
      ]);
      for (const r of rows) this.schedule(toEvent(r));
      this.arm();
    } catch {
      // The next reconnection tries again.
    }
  }

  private schedule(e: ResourceEvent): void {
    if (this.recent.has(e.id)) return;
    if (Date.parse(e.at) <= this.now()) this.deliver(e);
    else this.scheduled.set(e.id, e);
  }

  private deliver(e: ResourceEvent): void {
    const t = this.now();
    this.recent.set(e.id, t);
    for (const [id, at] of this.recent) {
      if (at >= t - recentMs) break; // insertion order: the rest are newer
      this.recent.delete(id);
    }
    for (const s of this.subs) if (s.projectId === null || s.projectId === e.project_id) s.send(e);
  }

  /** Delivers what is due and sets the one timer to the next scheduled change. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const t = this.now();
    let next = Infinity;
    const due = [...this.scheduled.values()]
      .filter((e) => {
        const at = Date.parse(e.at);
        if (at > t) next = Math.min(next, at);
        return at <= t;
      })
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.id) - Number(b.id));
    for (const e of due) {
      this.scheduled.delete(e.id);
      this.deliver(e);
    }
    if (next < Infinity) {
      this.timer = setTimeout(() => this.arm(), Math.max(0, next - t));
      this.timer.unref?.();
    }
  }
}
