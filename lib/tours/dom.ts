import type { Translate } from '@/lib/i18n/translate';
import type { Label, Scope, TourAction } from './types';

/** The tour's own overlay: never a place where "Do it for me" looks for the page's controls. */
export const panelAttr = 'data-tour-panel';

export class TourActionError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function labelText(label: Label, t: Translate): string {
  if (typeof label === 'string') return t(label);
  if ('text' in label) return label.text;
  return t(label.key, label.vars);
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const isShown = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
const outsidePanel = (el: Element) => !el.closest(`[${panelAttr}]`);

/** The open modal dialog on top, if any. */
export function openDialog(): HTMLDialogElement | null {
  const open = Array.from(document.querySelectorAll('dialog')).filter((d) => d.open && !d.hasAttribute(panelAttr));
  return open.at(-1) ?? null;
}

function scopeRoot(scope: Scope | undefined, t: Translate): Element | null {
  if (scope === undefined) return openDialog() ?? document.body;
  if (scope === 'dialog') return openDialog();
  // The page's controls wait while a modal dialog is still open (the page is inert then, as for a visitor): a dialog
  // that closes once its submit has finished would otherwise close the next dialog a click on the page just opened.
  if (openDialog()) return null;
  if (scope === 'page') return document.body;
  if ('form' in scope) {
    const name = labelText(scope.form, t);
    return Array.from(document.querySelectorAll('form')).find((f) => f.getAttribute('aria-label') === name) ?? null;
  }
  if ('item' in scope) return document.querySelector(`[aria-label="${CSS.escape(scope.item)}"]`);
  return Array.from(document.querySelectorAll('tr')).find((r) => norm(r.textContent).includes(scope.row)) ?? null;
}

function findControl(root: Element, name: string, isPartial = false): HTMLElement | null {
  const all = Array.from(root.querySelectorAll<HTMLElement>('button, a, [role=button], [role=tab]')).filter((el) => {
    const own = norm(el.getAttribute('aria-label') ?? el.textContent);
    return outsidePanel(el) && isShown(el) && (isPartial ? own.includes(name) : own === name);
  });
  return all.find((el) => !(el as HTMLButtonElement).disabled) ?? all[0] ?? null;
}

function findField(root: Element, name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null {
  for (const label of Array.from(root.querySelectorAll('label'))) {
    if (!outsidePanel(label) || norm(label.textContent) !== name) continue;
    const el = label.htmlFor ? document.getElementById(label.htmlFor) : label.querySelector('input, select, textarea');
    // A radio or checkbox of the same words is a choice, not the field (the bind dialog's "云主机" radio and the
    // "云主机" select under it): `check` ticks those.
    if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) continue;
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)
      return el;
  }
  const byAria = root.querySelector(`[aria-label="${CSS.escape(name)}"]`);
  return byAria instanceof HTMLInputElement || byAria instanceof HTMLSelectElement ? byAria : null;
}

/** Polls until `find` answers (pages load their data, dialogs open after a click); fails naming what it waited for. */
async function until<T>(what: string, find: () => T | null | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new TourActionError(what);
    await sleep(100);
  }
}

/** Sets a value the way typing does: React's controlled and react-hook-form inputs listen to the input event. */
function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  el.focus();
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

export interface RunOptions {
  t: Translate;
  navigate: (path: string) => void;
  /** Called with each control before it is used, so the overlay can point at it. */
  onTarget?: (el: Element) => void;
}

export async function runActions(actions: TourAction[], { t, navigate, onTarget }: RunOptions): Promise<void> {
  for (const a of actions) {
    if ('goto' in a) {
      const path = a.goto;
      navigate(path);
      await until(path, () => (location.pathname + location.search).startsWith(path) || null);
      continue;
    }
    if ('url' in a) {
      const part = a.url;
      await until(part, () => window.location.href.includes(part) || null);
      continue;
    }
    const root = () => scopeRoot(a.in, t);
    if ('click' in a || 'waitFor' in a) {
      const name = labelText('click' in a ? a.click : a.waitFor, t);
      const el = await until(name, () => {
        const r = root();
        const c = r ? findControl(r, name, 'waitFor' in a) : null;
        return c && !(c as HTMLButtonElement).disabled ? c : null;
      });
      if ('click' in a) {
        el.scrollIntoView({ block: 'nearest' });
        onTarget?.(el);
        el.click();
      }
    } else if ('fill' in a || 'select' in a) {
      const name = labelText('fill' in a ? a.fill : a.select, t);
      const field = await until(name, () => {
        const r = root();
        return r ? findField(r, name) : null;
      });
      onTarget?.(field);
      if ('fill' in a) setValue(field, a.value);
      else {
        const want = a.option;
        const option = await until(`${name}: ${want}`, () =>
          field instanceof HTMLSelectElement
            ? Array.from(field.options).find((o) =>
                want === '*' ? o.value !== '' && !o.disabled : norm(o.textContent).includes(want) || o.value === want,
              )
            : null,
        );
        setValue(field, option.value);
      }
    } else {
      const text = a.check;
      const input = await until(text, () => {
        const r = root();
        if (!r) return null;
        const boxes = 'input[type=checkbox], input[type=radio]';
        // '*': the first choice one may take (a live migration's first enabled target host).
        if (text === '*')
          return Array.from(r.querySelectorAll<HTMLInputElement>(boxes)).find((i) => outsidePanel(i) && !i.disabled);
        const label = Array.from(r.querySelectorAll('label')).find(
          (l) => outsidePanel(l) && norm(l.textContent).includes(text),
        );
        return label?.querySelector<HTMLInputElement>(boxes) ?? null;
      });
      onTarget?.(input);
      if (!input.checked) input.click();
    }
    // Lets React render what the action changed before the next one looks for its control.
    await sleep(150);
  }
}
