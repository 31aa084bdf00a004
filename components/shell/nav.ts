import type { MessageKey } from '@/lib/i18n/translate';

export interface NavItem {
  href: string;
  label: MessageKey;
}
export interface NavGroup {
  label: MessageKey;
  items: NavItem[];
  isAdminOnly?: boolean;
}

/** The sidebar, grouped like the standard's four interface classes, plus administration. */
export const navGroups: NavGroup[] = [
  { label: 'nav.group.basic', items: [{ href: '/', label: 'nav.overview' }] },
  {
    label: 'nav.group.compute',
    items: [
      { href: '/servers', label: 'nav.servers' },
      { href: '/flavors', label: 'nav.flavors' },
      { href: '/images', label: 'nav.images' },
    ],
  },
  {
    label: 'nav.group.network',
    items: [
      { href: '/networks', label: 'nav.networks' },
      { href: '/topology', label: 'nav.topology' },
      { href: '/floating-ips', label: 'nav.floatingIps' },
      { href: '/public-ips', label: 'nav.publicIps' },
      { href: '/load-balancers', label: 'nav.loadBalancers' },
      { href: '/security-groups', label: 'nav.securityGroups' },
    ],
  },
  { label: 'nav.group.storage', items: [{ href: '/volumes', label: 'nav.volumes' }] },
  {
    label: 'nav.group.admin',
    isAdminOnly: true,
    items: [
      { href: '/admin/hosts', label: 'nav.hosts' },
      { href: '/admin/capabilities', label: 'nav.capabilities' },
      { href: '/admin/audit', label: 'nav.audit' },
    ],
  },
];

/** Extra jump targets for the command palette (actions that are pages). */
export const paletteExtras: NavItem[] = [
  { href: '/servers/new', label: 'nav.newServer' },
  { href: '/images/new', label: 'nav.uploadImage' },
];

export const isActive = (pathname: string, href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));
