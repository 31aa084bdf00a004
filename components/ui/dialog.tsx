'use client';
import { useEffect, useId, useRef } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  /** Wider dialogs for pickers. */
  size?: 'sm' | 'md' | 'lg';
  /** When false, Escape and the backdrop do not close it (the re-sign-in dialog). */
  isDismissable?: boolean;
}

const widths = { sm: 'w-[24rem]', md: 'w-[32rem]', lg: 'w-[48rem]' };

/** A modal on the native <dialog>: focus trapping, Escape and the top layer come from the browser. */
export function Dialog({ open, title, onClose, children, size = 'md', isDismissable = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (isDismissable) onClose();
      }}
      className={`${widths[size]} max-w-[95vw] rounded-lg border border-line bg-surface p-0 text-ink shadow-xl m-auto`}
    >
      {open ? (
        <div className="flex flex-col">
          <h2 id={titleId} className="border-b border-line px-4 py-3 text-base font-semibold">
            {title}
          </h2>
          <div className="p-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
