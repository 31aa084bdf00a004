import { imageUploadRequires } from '@/components/images/upload-requires';
import type { OperationKey } from '@/lib/api/capabilities';
import type { MessageKey } from '@/lib/i18n/translate';

export interface NavItem {
  href: string;
  label: MessageKey;
  /** The operations the page is built on: a backend without them shows the entry greyed, with the reason. */
  requires?: OperationKey | readonly OperationKey[];
  /** Shown on the embedded simulator only, absent (not greyed) elsewhere: the presenter's panel. */
  simulatorOnly?: boolean;
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
      { href: '/key-pairs', label: 'nav.keyPairs', requires: 'GET /key-pairs' },
    ],
  },
  {
    label: 'nav.group.network',
    items: [
      { href: '/networks', label: 'nav.networks' },
      { href: '/topology', label: 'nav.topology' },
      { href: '/floating-ips', label: 'nav.floatingIps', requires: 'GET /floating-ips' },
      { href: '/public-ips', label: 'nav.publicIps', requires: 'GET /public-ips' },
      { href: '/load-balancers', label: 'nav.loadBalancers', requires: 'GET /load-balancers' },
      { href: '/security-groups', label: 'nav.securityGroups' },
    ],
  },
  {
    label: 'nav.group.storage',
    items: [
      { href: '/volumes', label: 'nav.volumes', requires: 'GET /volumes' },
      { href: '/snapshots', label: 'nav.snapshots', requires: 'GET /snapshots' },
    ],
  },
  {
    label: 'nav.group.admin',
    isAdminOnly: true,
    items: [
      { href: '/admin/hosts', label: 'nav.hosts', requires: 'GET /hosts' },
      { href: '/admin/capabilities', label: 'nav.capabilities' },
      { href: '/admin/audit', label: 'nav.audit' },
      { href: '/admin/users', label: 'nav.users', requires: 'GET /users' },
      { href: '/admin/projects', label: 'nav.projects', requires: 'GET /projects' },
      { href: '/admin/usage', label: 'nav.usage', requires: 'GET /usage' },
      { href: '/admin/demo', label: 'nav.demo', simulatorOnly: true },
    ],
  },
];

/** Extra jump targets for the command palette (actions that are pages). */
export const paletteExtras: NavItem[] = [
  { href: '/servers/new', label: 'nav.newServer' },
  { href: '/images/new', label: 'nav.uploadImage', requires: imageUploadRequires },
  { href: '/account', label: 'nav.account' },
];

export const isActive = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
