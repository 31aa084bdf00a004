import type { MessageKey, Vars } from '@/lib/i18n/translate';

/** A control's visible name: a message key (translated in the current language) or a literal text (a name). */
export type Label = MessageKey | { text: string } | { key: MessageKey; vars: Vars };

/**
 * Where a control is looked for. Without one: the open modal dialog if there is one (nothing else can be used
 * then), else the page.
 */
export type Scope =
  | 'page'
  | 'dialog'
  /** A form named by its aria-label (the add-listener form, the add-rule form…). */
  | { form: Label }
  /** A list item or card named by its aria-label (a network's card). */
  | { item: string }
  /** A table row containing this text. */
  | { row: string };

/**
 * One thing "Do it for me" does in the real UI, as a visitor would: open a page, click a control, type into a
 * field, pick an option, tick a box. Nothing calls the API directly.
 */
export type TourAction =
  | { goto: string }
  /** Waits until the address contains this (a page of the wizard the last click moved to). */
  | { url: string }
  | { click: Label; in?: Scope }
  | { fill: Label; value: string; in?: Scope }
  /** Picks the first option whose text contains `option` ('*': the first option with a value). */
  | { select: Label; option: string; in?: Scope }
  /** Ticks the checkbox or radio whose label contains this text ('*': the first enabled one). */
  | { check: string; in?: Scope }
  /** Waits until a button or link whose name contains this is there (what the last click made). */
  | { waitFor: Label; in?: Scope };

/** What a step needs and is missing, said in the overlay; `backTo` offers going back to the step that makes it. */
export interface StepProblem {
  key: MessageKey;
  vars?: Vars;
  backTo?: number;
}

export interface TourContext {
  pathname: string;
  /** A read of the console's own API (the same reads its pages make), cached briefly in React Query. */
  read: <T>(path: string) => Promise<T>;
  /** What an earlier check noted for a later one (the host a server was on before its migration). */
  memo: Readonly<Record<string, string>>;
  remember: (key: string, value: string) => void;
}

export interface TourStep {
  id: string;
  title: MessageKey;
  body: MessageKey;
  bodyVars?: Vars;
  /** The page the step is on; opened when the step starts. A function for pages of a resource made earlier. */
  route?: string | ((ctx: TourContext) => Promise<string | null>);
  /** A CSS selector (mostly `[data-tour=…]`) of what the step points at. */
  target?: string;
  /** The state the step needs before it can be done; null when it is there. */
  needs?: (ctx: TourContext) => Promise<StepProblem | null>;
  /** True once the step's outcome is there (the overlay then moves on by itself). Steps without it are reading. */
  done?: (ctx: TourContext) => Promise<boolean>;
  /** What "Do it for me" does through the UI. */
  doIt?: TourAction[] | ((ctx: TourContext) => Promise<TourAction[]>);
}

export interface Tour {
  id: string;
  title: MessageKey;
  summary: MessageKey;
  /** Tours that need an administrator say so and are offered to administrators only. */
  isAdminOnly?: boolean;
  /** The steps, given the run's suffix for the names it creates. */
  steps: (suffix: string) => TourStep[];
}
