'use client';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { supportIn, useCapabilitiesQuery } from '@/lib/api/capabilities';
import { get } from '@/lib/api/client';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { navGroups, paletteExtras, type NavItem } from './nav';

interface Entry {
  id: string;
  label: string;
  hint: string;
  href: string;
}

/** Resources the palette searches by name; each is one small list call through the typed client. */
const searchable = [
  {
    key: 'servers',
    href: '/servers/',
    search: async (name: string) => (await get('GET /servers', { query: { name, limit: 5 } })).servers,
  },
  {
    key: 'images',
    href: '/images/',
    search: async (name: string) => (await get('GET /images', { query: { name, limit: 5 } })).images,
  },
] as const;

function useResourceMatches(q: string, projectId: string) {
  return useQuery({
    queryKey: ['palette', projectId, q],
    enabled: q.trim().length > 0,
    staleTime: 10_000,
    queryFn: async () => {
      const results = await Promise.allSettled(searchable.map((s) => s.search(q.trim())));
      return results.flatMap((r, i) =>
        r.status === 'fulfilled'
          ? r.value.map((x) => ({
              id: `${searchable[i]!.key}:${x.id}`,
              label: x.name,
              hint: searchable[i]!.key,
              href: searchable[i]!.href + encodeURIComponent(x.id),
            }))
          : [],
      );
    },
  });
}

/** Ctrl/⌘-K: jump to any page, or to a server or image by name. Arrow keys move, Enter goes. */
export function CommandPalette() {
  const { t } = useI18n();
  const router = useRouter();
  const session = useSessionInfo();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('yuntu:palette', onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('yuntu:palette', onOpen);
    };
  }, []);

  const caps = useCapabilitiesQuery().data;
  const pages = useMemo<Entry[]>(() => {
    const items = navGroups
      .filter((g) => !g.isAdminOnly || session.isAdmin)
      .flatMap((g) =>
        g.items.filter((i) => !i.simulatorOnly || session.simulator).map((i) => ({ ...i, group: g.label })),
      );
    // A page the backend cannot serve stays listed, with the reason in place of its group (as the sidebar greys it).
    const hint = (requires: NavItem['requires'], fallback: string) => {
      const s = supportIn(caps, requires === undefined ? [] : typeof requires === 'string' ? [requires] : requires);
      return s.supported ? fallback : t('support.unavailable', { reason: s.reason ?? t('support.noReason') });
    };
    return [
      ...items.map((i) => ({ id: i.href, label: t(i.label), hint: hint(i.requires, t(i.group)), href: i.href })),
      ...paletteExtras.map((i) => ({ id: i.href, label: t(i.label), hint: hint(i.requires, ''), href: i.href })),
    ];
  }, [session.isAdmin, session.simulator, t, caps]);
  const matches = useResourceMatches(q, session.projectId);
  const needle = q.trim().toLowerCase();
  const entries = [
    ...pages.filter((p) => !needle || p.label.toLowerCase().includes(needle) || p.href.includes(needle)),
    ...(matches.data ?? []),
  ];
  const close = () => {
    setOpen(false);
    setQ('');
    setActive(0);
  };
  const go = (e: Entry | undefined) => {
    if (!e) return;
    close();
    router.push(e.href);
  };

  return (
    <Dialog open={open} title={t('shell.palette')} onClose={close}>
      <input
        autoFocus
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={entries[active] ? `${listId}-${active}` : undefined}
        aria-label={t('shell.paletteHint')}
        placeholder={t('shell.paletteHint')}
        className="h-9 w-full rounded border border-line bg-surface px-2 text-sm"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, entries.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') go(entries[active]);
          else return;
          e.preventDefault();
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('shell.palette')} className="mt-2 max-h-80 overflow-auto">
        {entries.length === 0 ? <li className="p-2 text-sm text-muted">{t('shell.paletteNoResults')}</li> : null}
        {entries.map((e, i) => (
          <li
            key={e.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(e)}
            className={`flex cursor-pointer justify-between rounded px-2 py-1.5 text-sm ${i === active ? 'bg-blue-50 dark:bg-blue-950' : ''}`}
          >
            <span>{e.label}</span>
            <span className="text-xs text-muted">{e.hint}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
