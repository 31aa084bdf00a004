import 'server-only';
import type { ErrorKind } from '@/lib/contract/common';
import { CloudError } from '../errors';

/**
 * Every OpenStack refusal the driver recognises, in one table: which service answers it, with which HTTP status
 * and which sentence (or body), and what the contract calls it. Call sites name the rules they apply instead of
 * testing message texts themselves; errors.test.ts runs each rule against a recorded answer of its service.
 */

/** The catalog's service types, and the words a caller reads in an error. */
export type ServiceType = 'identity' | 'compute' | 'image' | 'network' | 'volumev3' | 'load-balancer';
export const serviceLabel: Record<ServiceType, string> = {
  identity: 'identity service (Keystone)',
  compute: 'compute service (Nova)',
  image: 'image service (Glance)',
  network: 'network service (Neutron)',
  volumev3: 'block storage service (Cinder)',
  'load-balancer': 'load balancer service (Octavia)',
};

/** A service's error answer, kept as the CloudError's cause: for the log, and for the rules below. */
export interface BackendAnswer {
  status: number;
  body: string;
  service: ServiceType;
}

interface Recognition {
  /** `<service>.<what>`: names the rule in tests. */
  id: string;
  service: ServiceType | 'any';
  /** The HTTP statuses the service answers this refusal with. */
  status: readonly number[];
  /**
   * What tells it apart: a pattern on the service's sentence (as `backendMessage` finds it), or on the raw body
   * when the tell-tale sits outside the sentence. A rule with neither takes every answer of its statuses.
   */
  message?: RegExp;
  body?: RegExp;
}

/** A refusal the contract words its own way: its kind, the request field it names, and its safe sentence. */
export interface Translation<C> extends Recognition {
  kind: ErrorKind;
  field?: string;
  /** The sentence from the service's own (`backend`), the call's context and the pattern's match; the service's sentence when absent. */
  say?: (backend: string, c: C, m: RegExpExecArray) => string;
}

/** A refusal that is not a failure for the console: the call site does what `handled` says instead. */
export interface Handling extends Recognition {
  handled: string;
}

/**
 * Each service words its errors differently: Nova and Cinder `{"itemNotFound": {"message"}}`, Neutron
 * `{"NeutronError": {"message"}}`, Octavia `{"faultstring"}`, Keystone `{"error": {"message"}}`, Glance plain
 * text or HTML. This finds the sentence in any of them.
 */
export function backendMessage(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    if (typeof j.faultstring === 'string') return j.faultstring;
    if (typeof j.message === 'string') return j.message;
    for (const v of Object.values(j)) {
      if (v && typeof v === 'object') {
        const inner = v as Record<string, unknown>;
        if (typeof inner.message === 'string') return inner.message;
      }
      if (typeof v === 'string') return v;
    }
  } catch {
    // Glance answers text/plain or HTML: strip tags and collapse whitespace.
  }
  const plain = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Glance repeats the status line ("404 Not Found The resource could not be found."): keep the sentence.
  return plain.replace(/^\d{3} [A-Za-z ]+?(?=[A-Z][a-z]+ )/, '').slice(0, 300) || 'no details';
}

/** Status → kind, before a rule refines it (e.g. Glance's 403 on a protected image is a conflict). */
export const statusKinds: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid',
  422: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'quota_exceeded',
  429: 'rate_limited',
  501: 'not_supported',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/** Any service's quota refusal: Nova's 403 "Quota exceeded for cores", Neutron's 409 OverQuota, Cinder's 413 overLimit. */
export const quotaRefusal: Translation<void> = {
  id: 'any.quota-exceeded',
  service: 'any',
  status: [403, 409, 413],
  message: /quota|over ?limit|exceed/i,
  kind: 'quota_exceeded',
};

/**
 * The services another one calls on the caller's behalf (see rest.ts): a 500 that says it could not reach one of
 * them names keystoneauth's exception in its body, not in its sentence ("Unexpected API Error ... ConnectFailure").
 */
export const dependencyDown: Handling = {
  id: 'any.dependency-down',
  service: 'any',
  status: [500],
  body: /ConnectFailure|ConnectTimeout|Unable to establish connection|EndpointNotFound|ServiceUnavailable|Connection refused/i,
  handled: 'an outage: 503 naming the service that is down, found by asking each dependency',
};

/**
 * Nova words a quota refusal "Quota exceeded for cores: Requested 2, but already used 1 of 3 cores": the
 * contract names the quota first, with its numbers ("cores quota exceeded: 1 of 3 used, 2 requested").
 */
export const novaQuotaRules: readonly Translation<void>[] = [
  {
    id: 'compute.quota-numbers',
    service: 'compute',
    status: [403, 409, 413],
    message: /exceeded for (\w+): Requested (\d+), but already used (\d+) of (\d+)/i,
    kind: 'quota_exceeded',
    say: (_, __, m) => `${m[1] === 'ram' ? 'ram_mb' : m[1]} quota exceeded: ${m[3]} of ${m[4]} used, ${m[2]} requested`,
  },
];

/** Nova words a missing flavor, image or network of a new server as a 400 naming no field: the first rule that matches says which. */
export const novaServerCreateRules: readonly Translation<void>[] = [
  {
    id: 'compute.create-flavor',
    service: 'compute',
    status: [400, 422],
    message: /flavor/i,
    kind: 'invalid',
    field: 'flavor_id',
  },
  {
    id: 'compute.create-image',
    service: 'compute',
    status: [400, 422],
    message: /image/i,
    kind: 'invalid',
    field: 'image_id',
  },
  {
    id: 'compute.create-network',
    service: 'compute',
    status: [400, 422],
    message: /network|port|fixed ip/i,
    kind: 'invalid',
    field: 'networks',
  },
  {
    id: 'compute.create-security-group',
    service: 'compute',
    status: [400, 422],
    message: /security group/i,
    kind: 'invalid',
    field: 'security_group_ids',
  },
  {
    id: 'compute.create-availability-zone',
    service: 'compute',
    status: [400, 422],
    message: /availability zone/i,
    kind: 'invalid',
    field: 'datacenter_id',
  },
  {
    id: 'compute.create-block-device',
    service: 'compute',
    status: [400, 422],
    message: /volume|block device/i,
    kind: 'invalid',
    field: 'block_devices',
  },
  { id: 'compute.create-other', service: 'compute', status: [400, 422], kind: 'invalid', field: 'server' },
];

/** Glance answers 403 for deleting a protected image: the contract's B.31 says 409. */
export const glanceImageDeleteRules: readonly Translation<{ id: string }>[] = [
  {
    id: 'image.delete-protected',
    service: 'image',
    status: [403],
    message: /protected/i,
    kind: 'conflict',
    say: (_, c) => `image ${c.id} is protected`,
  },
];

/**
 * Glance's refusals of a web-download import: its own `import_filtering_opts` refused the URL (400 "does not
 * pass filtering"), or the method is switched off (400 naming the method). Both name the request's field.
 */
export const glanceImportRules: readonly Translation<{ url: string }>[] = [
  {
    id: 'image.import-filtered',
    service: 'image',
    status: [400],
    message: /does not pass filtering/i,
    kind: 'invalid',
    field: 'source_url',
    say: () => "is refused by the image service's own import filter (Glance [import_filtering_opts])",
  },
  {
    id: 'image.import-method-disabled',
    service: 'image',
    status: [400, 409],
    message: /unknown import method/i,
    kind: 'not_supported',
    say: (backend) => `the image service does not offer web-download imports: ${backend}`,
  },
];

/** Neutron's refusals of a new subnet, as the contract's fields (an overlap within the network is a conflict there). */
export const neutronSubnetCreateRules: readonly Translation<{ cidr: string }>[] = [
  {
    id: 'network.subnet-overlap',
    service: 'network',
    status: [400, 422],
    message: /overlap/i,
    kind: 'conflict',
    say: (backend, c) => `cidr ${c.cidr} overlaps another subnet of the same network: ${backend}`,
  },
  {
    id: 'network.subnet-gateway',
    service: 'network',
    status: [400, 422],
    message: /gateway/i,
    kind: 'invalid',
    field: 'gateway_ip',
  },
  { id: 'network.subnet-other', service: 'network', status: [400, 422], kind: 'invalid', field: 'cidr' },
];

/** Neutron answers a full external network with 409 "No more IP addresses available": in the contract's words. */
export const neutronFloatingIpCreateRules: readonly Translation<{ networkId: string }>[] = [
  {
    id: 'network.no-free-address',
    service: 'network',
    status: [409],
    message: /no more ip addresses/i,
    kind: 'conflict',
    say: (_, c) => `external network ${c.networkId} has no free address left`,
  },
];

/** Binding a floating IP to a port whose subnet has no router to the external network (Neutron's 404). */
export const neutronExternalNotReachable: Handling = {
  id: 'network.external-not-reachable',
  service: 'network',
  status: [404],
  message: /not reachable/i,
  handled: "plug the port's subnets into the project's router, then bind again",
};

/** Plugging a subnet into a router it is plugged into already ("Router already has a port on subnet"). */
export const neutronRouterInterfaceExists: Handling = {
  id: 'network.router-interface-exists',
  service: 'network',
  status: [400, 409, 422],
  message: /already/i,
  handled: 'nothing to do: the subnet is routed',
};

/** Cinder's refusals of creation fields, named as the contract's fields (Cinder says 404 for an unknown type). */
export const cinderVolumeCreateRules: readonly Translation<{ volume_type?: string }>[] = [
  {
    id: 'volumev3.create-volume-type',
    service: 'volumev3',
    status: [400, 404, 422],
    message: /volume type/i,
    kind: 'invalid',
    field: 'volume_type',
    say: (_, c) => `no volume type "${c.volume_type}" on this cloud`,
  },
  {
    id: 'volumev3.create-availability-zone',
    service: 'volumev3',
    status: [400, 422],
    message: /availability zone/i,
    kind: 'invalid',
    field: 'datacenter_id',
  },
  {
    id: 'volumev3.create-image',
    service: 'volumev3',
    status: [400, 404, 422],
    message: /image/i,
    kind: 'invalid',
    field: 'source.image_id',
  },
];

/** Every rule of the table, for the tests that hold each against a recorded answer. */
export const openStackErrorRules: readonly Recognition[] = [
  quotaRefusal,
  dependencyDown,
  ...novaQuotaRules,
  ...novaServerCreateRules,
  ...glanceImageDeleteRules,
  ...glanceImportRules,
  ...neutronSubnetCreateRules,
  ...neutronFloatingIpCreateRules,
  neutronExternalNotReachable,
  neutronRouterInterfaceExists,
  ...cinderVolumeCreateRules,
];

function matchAnswer(rule: Recognition, a: BackendAnswer, message: string): RegExpExecArray | null {
  if (!rule.status.includes(a.status) || (rule.service !== 'any' && rule.service !== a.service)) return null;
  if (rule.body) return rule.body.exec(a.body);
  return (rule.message ?? /^/).exec(message);
}

/** The service's answer behind an error of this driver, or null for errors the console made itself. */
export function answerOf(e: unknown): BackendAnswer | null {
  if (!(e instanceof CloudError)) return null;
  const c = e.cause as Partial<BackendAnswer> | undefined;
  return c && typeof c.status === 'number' && typeof c.body === 'string' && typeof c.service === 'string'
    ? (c as BackendAnswer)
    : null;
}

/** Whether an error is the service's refusal the rule describes: the pattern's match, or null. */
export function recognises(rule: Recognition, e: unknown): RegExpExecArray | null {
  const a = answerOf(e);
  return a ? matchAnswer(rule, a, (e as CloudError).message) : null;
}

/** The first of `rules` that recognises the error, applied; the error itself when none does. */
export function translateError<C>(rules: readonly Translation<C>[], e: unknown, c: C): unknown {
  for (const rule of rules) {
    const m = recognises(rule, e);
    if (!m) continue;
    const err = e as CloudError;
    const message = rule.say ? rule.say(err.message, c, m) : err.message;
    return rule.field
      ? new CloudError(rule.kind, `${rule.field} ${message}`, [{ path: rule.field, message }], err.cause)
      : new CloudError(rule.kind, message, undefined, err.cause);
  }
  return e;
}

/** An error from a backend answer: the safe sentence for the caller, the raw answer as the cause for the log. */
export function errorFrom(status: number, text: string, service: ServiceType, what?: string): CloudError {
  const message = backendMessage(text);
  const answer: BackendAnswer = { status, body: text.slice(0, 2000), service };
  const kind = matchAnswer(quotaRefusal, answer, message) ? quotaRefusal.kind : (statusKinds[status] ?? 'internal');
  const safe =
    kind === 'internal' || kind === 'unavailable' ? `the ${serviceLabel[service]} failed (HTTP ${status})` : message;
  return new CloudError(kind, what ? `${what}: ${safe}` : safe, undefined, answer);
}
