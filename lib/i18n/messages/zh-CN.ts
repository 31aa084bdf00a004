/**
 * The source dictionary: every key the console uses, one folder per feature area. en.ts must provide the same
 * keys (checked by the type and by messages.test.ts, which also refuses a key defined in two areas).
 */
import { commonZhCN } from './common/zh-CN';
import { formsZhCN } from './forms/zh-CN';
import { shellZhCN } from './shell/zh-CN';
import { overviewZhCN } from './overview/zh-CN';
import { statusZhCN } from './status/zh-CN';
import { serversZhCN } from './servers/zh-CN';
import { serverWizardZhCN } from './server-wizard/zh-CN';
import { flavorsZhCN } from './flavors/zh-CN';
import { imagesZhCN } from './images/zh-CN';
import { volumesZhCN } from './volumes/zh-CN';
import { networksZhCN } from './networks/zh-CN';
import { floatingIpsZhCN } from './floating-ips/zh-CN';
import { publicIpsZhCN } from './public-ips/zh-CN';
import { loadBalancersZhCN } from './load-balancers/zh-CN';
import { securityGroupsZhCN } from './security-groups/zh-CN';
import { keyPairsZhCN } from './key-pairs/zh-CN';
import { adminZhCN } from './admin/zh-CN';
import { capabilitiesZhCN } from './capabilities/zh-CN';
import { supportZhCN } from './support/zh-CN';
import { usersZhCN } from './users/zh-CN';
import { projectsZhCN } from './projects/zh-CN';
import { usageZhCN } from './usage/zh-CN';
import { toursZhCN } from './tours/zh-CN';
import { demoZhCN } from './demo/zh-CN';

export const zhCN = {
  ...commonZhCN,
  ...formsZhCN,
  ...shellZhCN,
  ...overviewZhCN,
  ...statusZhCN,
  ...serversZhCN,
  ...serverWizardZhCN,
  ...flavorsZhCN,
  ...imagesZhCN,
  ...volumesZhCN,
  ...networksZhCN,
  ...floatingIpsZhCN,
  ...publicIpsZhCN,
  ...loadBalancersZhCN,
  ...securityGroupsZhCN,
  ...keyPairsZhCN,
  ...adminZhCN,
  ...capabilitiesZhCN,
  ...supportZhCN,
  ...usersZhCN,
  ...projectsZhCN,
  ...usageZhCN,
  ...toursZhCN,
  ...demoZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
