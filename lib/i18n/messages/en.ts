import { commonEn } from './common/en';
import { formsEn } from './forms/en';
import { shellEn } from './shell/en';
import { overviewEn } from './overview/en';
import { statusEn } from './status/en';
import { serversEn } from './servers/en';
import { serverWizardEn } from './server-wizard/en';
import { flavorsEn } from './flavors/en';
import { imagesEn } from './images/en';
import { volumesEn } from './volumes/en';
import { networksEn } from './networks/en';
import { floatingIpsEn } from './floating-ips/en';
import { publicIpsEn } from './public-ips/en';
import { loadBalancersEn } from './load-balancers/en';
import { securityGroupsEn } from './security-groups/en';
import { keyPairsEn } from './key-pairs/en';
import { adminEn } from './admin/en';
import { capabilitiesEn } from './capabilities/en';
import { supportEn } from './support/en';
import { usersEn } from './users/en';
import { projectsEn } from './projects/en';
import { usageEn } from './usage/en';
import { toursEn } from './tours/en';
import type { MessageKey } from './zh-CN';
import { demoEn } from './demo/en';

export const en: Record<MessageKey, string> = {
  ...commonEn,
  ...formsEn,
  ...shellEn,
  ...overviewEn,
  ...statusEn,
  ...serversEn,
  ...serverWizardEn,
  ...flavorsEn,
  ...imagesEn,
  ...volumesEn,
  ...networksEn,
  ...floatingIpsEn,
  ...publicIpsEn,
  ...loadBalancersEn,
  ...securityGroupsEn,
  ...keyPairsEn,
  ...adminEn,
  ...capabilitiesEn,
  ...supportEn,
  ...usersEn,
  ...projectsEn,
  ...usageEn,
  ...toursEn,
  ...demoEn,
};
