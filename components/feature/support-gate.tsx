'use client';
import Link from 'next/link';
import { useId } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { useSupport, type OperationKey, type Support } from '@/lib/api/capabilities';
import { useI18n } from '@/lib/i18n/provider';

type Requires = OperationKey | readonly OperationKey[];

export interface SupportGate extends Support {
  /** The sentence shown as tooltip and accessible description; null when supported. */
  text: string | null;
  /** Spread on the control it gates: the reason as its tooltip and as its accessible description. */
  describedBy: { title?: string; 'aria-describedby'?: string };
  /** Render beside the control: the description's text, for screen readers (sighted users get the tooltip). */
  note: React.ReactNode;
}

/**
 * What the configured backend cannot do is shown, greyed, with its reason — never hidden and never an error — so
 * a tenant learns why before clicking rather than from a 501. Every gated control goes through this hook.
 */
export function useSupportGate(requires: Requires): SupportGate {
  const { t } = useI18n();
  const support = useSupport(requires);
  const id = useId();
  if (support.supported) return { ...support, text: null, describedBy: {}, note: null };
  const text = t('support.unavailable', { reason: support.reason ?? t('support.noReason') });
  return {
    ...support,
    text,
    describedBy: { title: text, 'aria-describedby': id },
    note: (
      <span id={id} className="sr-only">
        {text}
      </span>
    ),
  };
}

/** A button for an operation the backend may lack: disabled with the reason when it does. */
export function SupportButton({ requires, disabled, ...rest }: ButtonProps & { requires: Requires }) {
  const gate = useSupportGate(requires);
  return (
    <>
      <Button {...rest} disabled={disabled || !gate.supported} {...gate.describedBy} />
      {gate.note}
    </>
  );
}

/**
 * A link to a page or file the backend may lack (the image upload form, an image's file): when it does, a disabled
 * link with the reason instead of a way into something that can only fail. `isDownload` makes it a plain download.
 */
export function SupportLink({
  requires,
  href,
  className,
  isDownload,
  children,
}: {
  requires: Requires;
  href: string;
  className: string;
  isDownload?: boolean;
  children: React.ReactNode;
}) {
  const gate = useSupportGate(requires);
  if (gate.supported && isDownload)
    return (
      <a href={href} download className={className}>
        {children}
      </a>
    );
  if (gate.supported)
    return (
      <Link href={href} className={className}>
        {children}
      </Link>
    );
  return (
    <>
      <a
        role="link"
        aria-disabled="true"
        className={`${className} cursor-not-allowed opacity-50`}
        {...gate.describedBy}
      >
        {children}
      </a>
      {gate.note}
    </>
  );
}

/** A visible notice on a page or dialog whose feature the backend lacks; renders nothing when it is supported. */
export function UnsupportedNotice({ requires }: { requires: Requires }) {
  const { t } = useI18n();
  const gate = useSupportGate(requires);
  if (gate.supported) return null;
  return (
    <div
      role="note"
      className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">{t('support.notice')}</p>
      <p>{gate.reason ?? t('support.noReason')}</p>
    </div>
  );
}

/**
 * A radio or checkbox for an option the backend may lack (`POST /volumes/{id}/attach#mode=ro`): disabled, with the
 * reason written beside it rather than only in a tooltip, since a choice in a form is read before it is clicked. The
 * control itself carries the reason as its tooltip and description (as SupportButton does); the visible copy is
 * hidden from screen readers so the label's name stays the choice's own.
 */
export function SupportChoice({
  requires,
  label,
  className = 'flex items-center gap-1',
  ...input
}: React.ComponentProps<'input'> & { requires: Requires; label: React.ReactNode }) {
  const gate = useSupportGate(requires);
  return (
    <>
      <label className={className}>
        {/* No space text beside the input: the label's gap spaces it, and its text stays the choice's name exactly. */}
        <input {...input} disabled={input.disabled || !gate.supported} {...gate.describedBy} />
        {label}
        {gate.supported ? null : (
          <span className="text-xs text-muted" aria-hidden>
            ({gate.reason ?? gate.text})
          </span>
        )}
      </label>
      {gate.note}
    </>
  );
}
