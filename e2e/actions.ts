import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';

/*
 * The console's changes go through server actions (server/actions/*.ts): a POST to the page with a `Next-Action`
 * header naming the action by id. The ids are the build's (server-reference-manifest.json), so specs name the
 * action (`rebootServer`) and wait for its call, reading the result it returned.
 */

let ids: Map<string, string> | undefined;

function actionIds(): Map<string, string> {
  if (ids) return ids;
  const file = path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? '.next', 'server/server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  ids = new Map(
    Object.entries(manifest.node)
      .filter(([, v]) => v.filename.startsWith('server/actions/'))
      .map(([id, v]) => [id, v.exportedName]),
  );
  return ids;
}

/** The name of the action a request calls, or undefined for any other request. */
export async function actionNameOf(r: Request): Promise<string | undefined> {
  if (r.method() !== 'POST') return undefined;
  const id = await r.headerValue('next-action');
  return id ? actionIds().get(id) : undefined;
}

// `body` is the operation's success body, read by each spec as it needs (as `await res.json()` was).
export type ActionOutcome = {
  ok: boolean;
  status: number;
  body?: any;
  error?: { message: string; type: string; details?: Array<{ path: string }> };
};

/** What the action returned: line `1:` of the RSC payload React reads it from. */
function outcomeOf(status: number, text: string): ActionOutcome {
  const line = text.split('\n').find((l) => l.startsWith('1:'));
  if (status !== 200 || !line?.slice(2).startsWith('{'))
    throw new Error(`the action call failed: HTTP ${status} ${text.slice(0, 300)}`);
  return JSON.parse(line.slice(2)) as ActionOutcome;
}

type Listener = {
  name: string;
  until: (o: ActionOutcome) => boolean;
  resolve: (o: ActionOutcome) => void;
  reject: (e: unknown) => void;
};
const listeners = new WeakMap<Page, Listener[]>();

/**
 * Chromium gives Playwright no body of a streamed response (an action's RSC payload is one), so action calls are
 * passed through page.route: fetched, read, and handed to the page unchanged. Other requests fall through to any
 * route a spec set itself.
 */
async function watchActions(page: Page): Promise<Listener[]> {
  const existing = listeners.get(page);
  if (existing) return existing;
  const waiting: Listener[] = [];
  listeners.set(page, waiting);
  await page.route('**/*', async (route) => {
    const name = await actionNameOf(route.request());
    if (!name) return route.fallback();
    const response = await route.fetch();
    const text = await response.text();
    await route.fulfill({ response, body: text });
    for (const l of waiting.filter((w) => w.name === name)) {
      try {
        const outcome = outcomeOf(response.status(), text);
        if (!l.until(outcome)) continue;
        l.resolve(outcome);
      } catch (e) {
        l.reject(e);
      }
      waiting.splice(waiting.indexOf(l), 1);
    }
  });
  return waiting;
}

/** Waits for the next call of the named action and answers what it returned (its status is the operation's). */
export async function waitForAction(
  page: Page,
  name: string,
  until: (o: ActionOutcome) => boolean = () => true,
): Promise<ActionOutcome> {
  const waiting = await watchActions(page);
  return new Promise<ActionOutcome>((resolve, reject) => waiting.push({ name, until, resolve, reject }));
}
