'use client';
import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/provider';

const ctl = 'h-8 rounded border border-line bg-surface px-2 text-sm text-ink';

/** A search box that writes to the URL after a short pause, so typing does not refetch per keystroke. Its initial text comes from the URL. */
export function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text === value) return;
    const id = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(id);
  }, [text, value, onChange]);
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={label}
      className={`${ctl} w-64`}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

/** A labelled select filter; the empty option means "all". */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  disabled,
  describedBy,
}: {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (v: string) => void;
  /** A filter the backend cannot apply (useSupportGate): greyed, with the reason as tooltip and description. */
  disabled?: boolean;
  describedBy?: { title?: string; 'aria-describedby'?: string };
}) {
  const { t } = useI18n();
  return (
    <select
      aria-label={label}
      className={ctl}
      value={value}
      disabled={disabled}
      {...describedBy}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">
        {label}: {t('common.all')}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
