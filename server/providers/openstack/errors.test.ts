import { describe, expect, it } from 'vitest';
import { CloudError } from '../errors';
import {
  backendMessage,
  cinderVolumeCreateRules,
  dependencyDown,
  errorFrom,
  glanceImageDeleteRules,
  glanceImportRules,
  neutronExternalNotReachable,
  neutronFloatingIpCreateRules,
  neutronRouterInterfaceExists,
  neutronSubnetCreateRules,
  novaQuotaRules,
  novaServerCreateRules,
  openStackErrorRules,
  quotaRefusal,
  recognises,
  translateError,
  type ServiceType,
} from './errors';

/**
 * Error answers as the services send them (the bodies' shapes are those of Nova, Neutron, Cinder, Glance, Octavia
 * and Keystone; ids shortened). Each goes through errorFrom as osFetch sends it, then through the rule set its
 * call site applies.
 */
interface Recorded {
  service: ServiceType;
  status: number;
  body: unknown;
}
const nova = (status: number, fault: string, message: string): Recorded => ({
  service: 'compute',
  status,
  body: { [fault]: { code: status, message } },
});
const cinder = (status: number, fault: string, message: string): Recorded => ({
  service: 'volumev3',
  status,
  body: { [fault]: { code: status, message } },
});
const neutron = (status: number, type: string, message: string): Recorded => ({
  service: 'network',
  status,
  body: { NeutronError: { type, message, detail: '' } },
});
const glanceHtml = (status: number, title: string, sentence: string): Recorded & { body: string } => ({
  service: 'image',
  status,
  body: `<html>\n <head>\n  <title>${status} ${title}</title>\n </head>\n <body>\n  <h1>${status} ${title}</h1>\n  ${sentence}<br /><br />\n\n\n\n </body>\n</html>`,
});

const recorded = {
  'any.quota-exceeded': neutron(409, 'OverQuota', "Quota exceeded for resources: ['floatingip']."),
  'any.dependency-down': nova(
    500,
    'computeFault',
    "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'keystoneauth1.exceptions.connection.ConnectFailure'>",
  ),
  'compute.quota-numbers': nova(
    403,
    'forbidden',
    'Quota exceeded for cores: Requested 2, but already used 1 of 3 cores',
  ),
  'compute.create-flavor': nova(400, 'badRequest', 'Flavor m1.nope could not be found.'),
  'compute.create-image': nova(400, 'badRequest', 'Image 0f4c3a1e could not be found.'),
  'compute.create-network': nova(400, 'badRequest', 'Network 7d2b9e10 could not be found.'),
  'compute.create-security-group': nova(400, 'badRequest', 'Security group web-nope not found.'),
  'compute.create-availability-zone': nova(400, 'badRequest', 'The requested availability zone is not available'),
  'compute.create-block-device': nova(
    400,
    'badRequest',
    'Block Device Mapping is Invalid: failed to get volume 5b5d3c2a.',
  ),
  'compute.create-other': nova(400, 'badRequest', 'Invalid key_name provided.'),
  'image.delete-protected': glanceHtml(403, 'Forbidden', 'Image 9a1f6b2c is protected and cannot be deleted.'),
  // Recorded from the loopback Glance (Zed) before its [import_filtering_opts] allowed 127.0.0.1.
  'image.import-filtered': glanceHtml(
    400,
    'Bad Request',
    'URI for web-download does not pass filtering: http://127.0.0.1:3462/disk.raw',
  ),
  'image.import-method-disabled': glanceHtml(400, 'Bad Request', "Unknown import method name 'web-download'."),
  'network.subnet-overlap': neutron(
    400,
    'InvalidInput',
    'Invalid input for operation: Requested subnet with cidr: 10.0.0.0/24 for network: 6e8a1f0d overlaps with another subnet.',
  ),
  'network.subnet-gateway': neutron(
    400,
    'InvalidInput',
    'Invalid input for operation: Gateway is not valid on subnet.',
  ),
  'network.subnet-other': neutron(
    400,
    'HTTPBadRequest',
    "Invalid input for cidr. Reason: '10.0.0.0/33' is not a valid IP subnet.",
  ),
  'network.no-free-address': neutron(
    409,
    'IpAddressGenerationFailure',
    'No more IP addresses available on network 8f3e2d1c.',
  ),
  'network.external-not-reachable': neutron(
    404,
    'ExternalGatewayForFloatingIPNotFound',
    'External network 8f3e2d1c is not reachable from subnet 1c2d3e4f.  Therefore, cannot associate Port 2a3b4c5d with a Floating IP.',
  ),
  'network.router-interface-exists': neutron(
    400,
    'BadRequest',
    'Bad router request: Router already has a port on subnet 1c2d3e4f.',
  ),
  'volumev3.create-volume-type': cinder(404, 'itemNotFound', 'Volume type with name nope could not be found.'),
  'volumev3.create-availability-zone': cinder(400, 'badRequest', "Availability zone 'nope' is invalid."),
  'volumev3.create-image': cinder(400, 'badRequest', 'Invalid image identifier or unable to access requested image.'),
} satisfies Record<string, Recorded>;
type RuleId = keyof typeof recorded;

/** The CloudError osFetch throws for a recorded answer. */
const thrown = (r: Recorded) =>
  errorFrom(r.status, typeof r.body === 'string' ? r.body : JSON.stringify(r.body), r.service);
const of = (id: RuleId) => thrown(recorded[id]);

describe('the OpenStack error table', () => {
  it('holds every rule against a recorded answer, and only rules it has', () => {
    const ids = openStackErrorRules.map((r) => r.id);
    expect(new Set(ids).size, 'rule ids are unique').toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(recorded).sort());
  });

  it('finds the sentence in every service’s body shape', () => {
    expect(
      backendMessage(JSON.stringify({ itemNotFound: { code: 404, message: 'Volume 5b5d could not be found.' } })),
      'Nova and Cinder',
    ).toBe('Volume 5b5d could not be found.');
    expect(
      backendMessage(
        JSON.stringify({
          NeutronError: { type: 'PortNotFound', message: 'Port 2a3b could not be found.', detail: '' },
        }),
      ),
      'Neutron',
    ).toBe('Port 2a3b could not be found.');
    expect(
      backendMessage(
        JSON.stringify({
          faultcode: 'Client',
          faultstring: 'Load Balancer 3f4e is immutable and cannot be updated.',
          debuginfo: null,
        }),
      ),
      'Octavia',
    ).toBe('Load Balancer 3f4e is immutable and cannot be updated.');
    expect(
      backendMessage(
        JSON.stringify({
          error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
        }),
      ),
      'Keystone',
    ).toBe('The request you have made requires authentication.');
    expect(backendMessage(JSON.stringify({ message: 'Bad request', code: 400 })), 'a bare message').toBe('Bad request');
    expect(backendMessage(JSON.stringify({ error: 'no such thing' })), 'a bare string').toBe('no such thing');
    // Moved unchanged: the status-line pattern stops at the first capitalised word, so "Found" of "404 Not Found"
    // stays. Callers see this sentence; changing it is a separate, visible change.
    expect(backendMessage('404 Not Found\n\nThe resource could not be found.\n\n   '), "Glance's plain text").toBe(
      'Found The resource could not be found.',
    );
    expect(backendMessage(recorded['image.delete-protected'].body), "Glance's HTML").toContain(
      'Image 9a1f6b2c is protected and cannot be deleted.',
    );
    expect(backendMessage(''), 'an empty body').toBe('no details');
  });

  it.each([
    [nova(400, 'badRequest', 'Invalid flavorRef provided.'), 'invalid'],
    [neutron(422, 'HTTPUnprocessableEntity', 'Unprocessable Entity'), 'invalid'],
    [
      {
        service: 'identity',
        status: 401,
        body: {
          error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
        },
      },
      'unauthorized',
    ],
    [nova(403, 'forbidden', "Policy doesn't allow os_compute_api:os-hypervisors:list to be performed."), 'forbidden'],
    [
      {
        service: 'load-balancer',
        status: 404,
        body: { faultcode: 'Client', faultstring: 'Load Balancer 3f4e could not be found.', debuginfo: null },
      },
      'not_found',
    ],
    [
      {
        service: 'load-balancer',
        status: 409,
        body: {
          faultcode: 'Client',
          faultstring: 'Load Balancer 3f4e is immutable and cannot be updated.',
          debuginfo: null,
        },
      },
      'conflict',
    ],
    [
      cinder(
        413,
        'overLimit',
        'VolumeSizeExceedsLimit: Requested volume size 100G is larger than maximum allowed limit 50G.',
      ),
      'quota_exceeded',
    ],
    [nova(429, 'overLimit', 'This request was rate-limited.'), 'rate_limited'],
    [nova(501, 'notImplemented', 'Not implemented.'), 'not_supported'],
    [neutron(503, 'ServiceUnavailable', 'The server is currently unavailable.'), 'unavailable'],
    [nova(500, 'computeFault', 'Unexpected API Error.'), 'internal'],
  ] satisfies [Recorded, string][])('maps HTTP %# (%s) to its kind', (r, kind) => {
    expect(thrown(r).kind).toBe(kind);
  });

  it('keeps the service’s sentence for refusals, and says only which service failed for failures', () => {
    const conflict = thrown({
      service: 'load-balancer',
      status: 409,
      body: {
        faultcode: 'Client',
        faultstring: 'Load Balancer 3f4e is immutable and cannot be updated.',
        debuginfo: null,
      },
    });
    expect(conflict.message).toBe('Load Balancer 3f4e is immutable and cannot be updated.');
    const down = thrown(
      neutron(503, 'ServiceUnavailable', 'The server is currently unavailable. Please try again at a later time.'),
    );
    expect(down.message).toBe('the network service (Neutron) failed (HTTP 503)');
    const bug = of('any.dependency-down');
    expect(bug.message, 'a 500 leaks nothing of the body').toBe('the compute service (Nova) failed (HTTP 500)');
    expect(bug.cause, 'the body is kept for the log').toMatchObject({
      status: 500,
      service: 'compute',
      body: expect.stringContaining('ConnectFailure'),
    });
  });

  it(`any.quota-exceeded: a quota refusal of any service is ${quotaRefusal.kind}, whatever its status`, () => {
    const neutronQuota = of('any.quota-exceeded');
    expect(neutronQuota.kind).toBe('quota_exceeded');
    expect(neutronQuota.message).toBe("Quota exceeded for resources: ['floatingip'].");
    expect(of('compute.quota-numbers').kind, "Nova's 403").toBe('quota_exceeded');
    expect(thrown(nova(403, 'forbidden', 'Policy does not allow this.')).kind, 'a 403 without quota words').toBe(
      'forbidden',
    );
  });

  it('any.dependency-down: a 500 naming an unreachable dependency is recognised in its body', () => {
    expect(recognises(dependencyDown, of('any.dependency-down'))).not.toBeNull();
    expect(
      recognises(dependencyDown, thrown(nova(500, 'computeFault', 'Unexpected API Error.'))),
      'an ordinary 500',
    ).toBeNull();
    expect(
      recognises(dependencyDown, new CloudError('internal', 'ConnectFailure')),
      'an error the console made itself',
    ).toBeNull();
  });

  it('compute.quota-numbers: names the quota first, with its numbers', () => {
    const e = translateError(novaQuotaRules, of('compute.quota-numbers'), undefined) as CloudError;
    expect(e).toMatchObject({ kind: 'quota_exceeded', message: 'cores quota exceeded: 1 of 3 used, 2 requested' });
    expect(e.cause, 'the answer stays the cause').toMatchObject({ status: 403, service: 'compute' });
    const ram = translateError(
      novaQuotaRules,
      thrown(nova(403, 'forbidden', 'Quota exceeded for ram: Requested 4096, but already used 1024 of 2048 ram')),
      undefined,
    );
    expect(ram).toMatchObject({ message: 'ram_mb quota exceeded: 1024 of 2048 used, 4096 requested' });
    const other = of('any.quota-exceeded');
    expect(translateError(novaQuotaRules, other, undefined), 'another service’s quota refusal is left as it is').toBe(
      other,
    );
  });

  it.each([
    ['compute.create-flavor', 'flavor_id'],
    ['compute.create-image', 'image_id'],
    ['compute.create-network', 'networks'],
    ['compute.create-security-group', 'security_group_ids'],
    ['compute.create-availability-zone', 'datacenter_id'],
    ['compute.create-block-device', 'block_devices'],
    ['compute.create-other', 'server'],
  ] satisfies [RuleId, string][])('%s: a 400 of a new server names %s', (id, field) => {
    const sentence = backendMessage(JSON.stringify(recorded[id].body));
    expect(translateError(novaServerCreateRules, of(id), undefined)).toMatchObject({
      kind: 'invalid',
      message: `${field} ${sentence}`,
      details: [{ path: field, message: sentence }],
    });
  });

  it('the server creation rules leave what is not a 400 alone', () => {
    const quota = of('compute.quota-numbers');
    expect(translateError(novaServerCreateRules, quota, undefined)).toBe(quota);
  });

  it('image.import-filtered: Glance’s own filter names source_url', () => {
    expect(translateError(glanceImportRules, of('image.import-filtered'), { url: 'x' })).toMatchObject({
      kind: 'invalid',
      details: [{ path: 'source_url' }],
    });
    expect(translateError(glanceImportRules, of('image.import-method-disabled'), { url: 'x' })).toMatchObject({
      kind: 'not_supported',
    });
  });

  it('image.delete-protected: Glance’s 403 is the contract’s 409', () => {
    expect(translateError(glanceImageDeleteRules, of('image.delete-protected'), { id: 'img-1' })).toMatchObject({
      kind: 'conflict',
      message: 'image img-1 is protected',
    });
    const policy = thrown(glanceHtml(403, 'Forbidden', 'You are not authorized to complete delete_image action.'));
    expect(translateError(glanceImageDeleteRules, policy, { id: 'img-1' }), 'another 403 stays forbidden').toBe(policy);
  });

  it('network.subnet-overlap / -gateway / -other: Neutron’s 400s to a new subnet', () => {
    const c = { cidr: '10.0.0.0/24' };
    const overlap = backendMessage(JSON.stringify(recorded['network.subnet-overlap'].body));
    expect(translateError(neutronSubnetCreateRules, of('network.subnet-overlap'), c)).toMatchObject({
      kind: 'conflict',
      message: `cidr 10.0.0.0/24 overlaps another subnet of the same network: ${overlap}`,
    });
    expect(translateError(neutronSubnetCreateRules, of('network.subnet-gateway'), c)).toMatchObject({
      kind: 'invalid',
      message: 'gateway_ip Invalid input for operation: Gateway is not valid on subnet.',
      details: [{ path: 'gateway_ip' }],
    });
    expect(translateError(neutronSubnetCreateRules, of('network.subnet-other'), c)).toMatchObject({
      kind: 'invalid',
      details: [{ path: 'cidr' }],
    });
    const quota = thrown(neutron(409, 'OverQuota', "Quota exceeded for resources: ['subnet']."));
    expect(translateError(neutronSubnetCreateRules, quota, c)).toBe(quota);
  });

  it('network.no-free-address: a full external network in the contract’s words', () => {
    expect(
      translateError(neutronFloatingIpCreateRules, of('network.no-free-address'), { networkId: 'ext-net' }),
    ).toMatchObject({
      kind: 'conflict',
      message: 'external network ext-net has no free address left',
    });
    const inUse = thrown(
      neutron(
        409,
        'FloatingIPPortAlreadyAssociated',
        'Cannot associate floating IP 203.0.113.7 with port 2a3b using fixed IP 10.0.0.5, as that fixed IP already has a floating IP.',
      ),
    );
    expect(translateError(neutronFloatingIpCreateRules, inUse, { networkId: 'ext-net' })).toBe(inUse);
  });

  it('network.external-not-reachable: a subnet without a router to the external network', () => {
    expect(recognises(neutronExternalNotReachable, of('network.external-not-reachable'))).not.toBeNull();
    expect(
      recognises(
        neutronExternalNotReachable,
        thrown(neutron(404, 'FloatingIPNotFound', 'Floating IP 5c6d could not be found')),
      ),
    ).toBeNull();
    expect(
      recognises(neutronExternalNotReachable, thrown(nova(404, 'itemNotFound', 'Network is not reachable'))),
      'only Neutron says it',
    ).toBeNull();
  });

  it('network.router-interface-exists: plugging a subnet in twice', () => {
    expect(recognises(neutronRouterInterfaceExists, of('network.router-interface-exists'))).not.toBeNull();
    const overlap = thrown(
      neutron(
        400,
        'BadRequest',
        'Bad router request: Cidr 10.0.0.0/24 of subnet 1c2d overlaps with cidr 10.0.0.0/16 of subnet 9e8f.',
      ),
    );
    expect(recognises(neutronRouterInterfaceExists, overlap)).toBeNull();
  });

  it('volumev3.create-*: Cinder’s refusals of a new volume name the contract’s fields', () => {
    const input = { volume_type: 'nope' };
    expect(translateError(cinderVolumeCreateRules, of('volumev3.create-volume-type'), input)).toMatchObject({
      kind: 'invalid',
      message: 'volume_type no volume type "nope" on this cloud',
      details: [{ path: 'volume_type', message: 'no volume type "nope" on this cloud' }],
    });
    expect(translateError(cinderVolumeCreateRules, of('volumev3.create-availability-zone'), input)).toMatchObject({
      kind: 'invalid',
      message: "datacenter_id Availability zone 'nope' is invalid.",
    });
    expect(translateError(cinderVolumeCreateRules, of('volumev3.create-image'), input)).toMatchObject({
      kind: 'invalid',
      details: [{ path: 'source.image_id' }],
    });
    const other = thrown(cinder(400, 'badRequest', 'Invalid input received: size must be an integer.'));
    expect(translateError(cinderVolumeCreateRules, other, input), 'an unrecognised 400 keeps its sentence').toBe(other);
  });

  it('leaves errors the console made itself alone', () => {
    const own = new CloudError('invalid', 'flavor_id has a smaller disk', [
      { path: 'flavor_id', message: 'has a smaller disk' },
    ]);
    expect(translateError(novaServerCreateRules, own, undefined)).toBe(own);
    expect(translateError(cinderVolumeCreateRules, 'not an error', {})).toBe('not an error');
  });
});
