/**
 * A local fake of the Shanhe (QingCloud-style) API the shanhe driver calls, for tests without the internet: one
 * node:http server on 127.0.0.1 at a random port answering `GET /iaas/?action=…`. It VERIFIES EVERY REQUEST'S
 * SIGNATURE (signature version 1, HmacSHA256, with its own implementation), keeps state in memory, answers in the
 * documented shape (`{action: "<Action>Response", ret_code, …, total_count}`, at most 100 items a list), reports
 * errors as ret_code ≠ 0 with a message, and runs long actions as jobs (DescribeJobs). It serves several zones as
 * Shanhe does: instances, volumes, jobs, vxnets, routers, security groups, EIPs and load balancers live in the zone
 * of the call that made them (each zone has its own default router, vxnet and group), and a call naming another zone
 * does not find them; a group's rules live in its zone (images, instance types, tags and a load balancer's listeners
 * and backends, reached through it, are shared by the zones here, a simplification).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ShanheFakeOptions {
  keys: Record<string, string>;
  /** The first zone DescribeZones lists, used when a call names none. */
  zone: string;
  /** More zones served besides `zone`. */
  otherZones?: string[];
  delayMs?: number;
  /** Calls per key per hour before ret_code 2000-style refusals (the seed's 2000 / 3600 s); default unlimited. */
  budget?: number;
}

type Json = Record<string, unknown>;
type Row = Json & { id: string };

class ApiError extends Error {
  constructor(
    readonly retCode: number,
    message: string,
  ) {
    super(message);
  }
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const sid = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Signature v1, server side, written independently of the driver's signer. */
function verify(params: URLSearchParams, path: string, keys: Record<string, string>): string | null {
  const ak = params.get('access_key_id') ?? '';
  const sk = keys[ak];
  const given = params.get('signature');
  if (!sk || !given || params.get('signature_method') !== 'HmacSHA256' || params.get('signature_version') !== '1')
    return null;
  const ts = Date.parse(params.get('time_stamp') ?? '');
  if (!(Math.abs(Date.now() - ts) < 15 * 60_000)) return null;
  const pairs = [...params.entries()].filter(([k]) => k !== 'signature');
  pairs.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const expected = createHmac('sha256', sk).update(`GET\n${path}\n${query}`).digest('base64');
  return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given)) ? ak : null;
}

export async function startShanheFake(opts: ShanheFakeOptions) {
  const delay = opts.delayMs ?? 150;
  const zone = opts.zone;
  const zones = [zone, ...(opts.otherZones ?? [])];
  /** The zone the request being answered names (requests are answered one at a time, synchronously). */
  let here = zone;
  const tables = {
    instances: new Map<string, Row>(),
    volumes: new Map<string, Row>(),
    images: new Map<string, Row>(),
    vxnets: new Map<string, Row>(),
    routers: new Map<string, Row>(),
    groups: new Map<string, Row>(),
    rules: new Map<string, Row>(),
    eips: new Map<string, Row>(),
    lbs: new Map<string, Row>(),
    listeners: new Map<string, Row>(),
    backends: new Map<string, Row>(),
    tags: new Map<string, Row>(),
    jobs: new Map<string, Row>(),
  };
  const calls = new Map<string, number>();
  /** Faults a test injects: an action named here answers ret_code 5000 with the message, before doing anything. */
  const faults = new Map<string, string>();
  const log: { action: string; ak: string | null }[] = [];
  const types = [
    {
      instance_type_id: 'small_b',
      instance_type_name: 'small b',
      vcpus_current: 1,
      memory_current: 1024,
      status: 'available',
      zone_id: zone,
    },
    {
      instance_type_id: 'medium_b',
      instance_type_name: 'medium b',
      vcpus_current: 2,
      memory_current: 2048,
      status: 'available',
      zone_id: zone,
    },
    {
      instance_type_id: 'large_b',
      instance_type_name: 'large b',
      vcpus_current: 4,
      memory_current: 4096,
      status: 'available',
      zone_id: zone,
    },
  ];
  tables.images.set('cirros06x64', {
    id: 'cirros06x64',
    image_id: 'cirros06x64',
    image_name: 'cirros 0.6 64bit',
    status: 'available',
    visibility: 'public',
    provider: 'system',
    processor_type: '64bit',
    platform: 'linux',
    os_family: 'cirros',
    size: 1,
    create_time: '2024-01-01T00:00:00Z',
  });
  // Each zone has its own default router, vxnet (joined to it) and security group, as Shanhe gives every zone; the
  // first zone's keep their plain ids.
  const defaultOf = (base: string, z: string) => (z === zone ? base : `${base}-${z}`);
  zones.forEach((z, n) => {
    const router = defaultOf('rtr-default', z);
    tables.routers.set(router, {
      id: router,
      router_id: router,
      router_name: 'default router',
      status: 'active',
      create_time: now(),
      zone_id: z,
    });
    const vxnet = defaultOf('vxnet-default', z);
    tables.vxnets.set(vxnet, {
      id: vxnet,
      vxnet_id: vxnet,
      vxnet_name: 'default vxnet',
      vxnet_type: 1,
      router: {
        router_id: router,
        router_name: 'default router',
        ip_network: `192.168.${100 + n}.0/24`,
        manager_ip: `192.168.${100 + n}.1`,
      },
      next: 2,
      create_time: now(),
      zone_id: z,
    });
    const group = defaultOf('sg-default', z);
    tables.groups.set(group, {
      id: group,
      security_group_id: group,
      security_group_name: 'default',
      description: '',
      is_default: 1,
      create_time: now(),
      zone_id: z,
    });
  });

  /** Runs `work` after the delay as a job; a string it returns fails the job. */
  function job(action: string, resourceIds: string[], work: () => string | void, ms = delay): string {
    const id = sid('j');
    const j: Row = {
      id,
      job_id: id,
      job_action: action,
      status: 'working',
      resource_ids: resourceIds.join(','),
      create_time: now(),
      status_time: now(),
      zone_id: here,
    };
    tables.jobs.set(id, j);
    setTimeout(() => {
      const failure = work();
      Object.assign(j, failure ? { status: 'failed', error_codes: failure } : { status: 'successful' }, {
        status_time: now(),
      });
    }, ms).unref();
    return id;
  }

  const list = (p: URLSearchParams, name: string) =>
    [...p.entries()]
      .filter(([k]) => k.startsWith(`${name}.`) && /^\d+$/.test(k.slice(name.length + 1)))
      .map(([, v]) => v);
  const req = (p: URLSearchParams, name: string) => {
    const v = p.get(name);
    if (!v) throw new ApiError(1100, `MessageFormatError, lack param [${name}]`);
    return v;
  };
  /** Zoned rows (instances, volumes, jobs) are seen only by calls naming their zone. */
  const inZone = (r: Row) => r.zone_id === undefined || r.zone_id === here;
  const get = (table: Map<string, Row>, id: string, what: string) => {
    const r = table.get(id);
    if (!r || !inZone(r)) throw new ApiError(2100, `ResourceNotFound, resource [${id}] not found`);
    void what;
    return r;
  };

  /** Describe*: ids, status.n, search_word, offset/limit (max 100) and total_count. */
  function describe(p: URLSearchParams, rows: Row[], idsParam: string, nameKey: string, setKey: string): Json {
    const ids = list(p, idsParam);
    const statuses = list(p, 'status');
    const word = p.get('search_word');
    const filtered = rows.filter(
      (r) =>
        inZone(r) &&
        (!ids.length || ids.includes(r.id)) &&
        (!statuses.length || statuses.includes(String(r.status))) &&
        (!word || r.id.includes(word) || String(r[nameKey] ?? '').includes(word)),
    );
    const offset = Number(p.get('offset') ?? 0);
    const limit = Math.min(Number(p.get('limit') ?? 20), 100);
    const strip = (r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id' && k !== 'next'));
    return { [setKey]: filtered.slice(offset, offset + limit).map(strip), total_count: filtered.length };
  }

  const instanceView = (i: Row): Row => ({
    ...i,
    tags: [...tables.tags.values()]
      .filter((t) => (t.resources as string[]).includes(i.id))
      .map((t) => ({ tag_id: t.id, tag_name: t.tag_name })),
    volume_ids: [...tables.volumes.values()]
      .filter((v) => (v.instance as Json | null)?.instance_id === i.id)
      .map((v) => v.id),
    eip: (() => {
      const e = [...tables.eips.values()].find((x) => (x.resource as Json | null)?.resource_id === i.id);
      return e ? { eip_id: e.id, eip_addr: e.eip_addr } : null;
    })(),
  });
  const instanceState = (i: Row, transition: string, done: Json) => {
    i.transition_status = transition;
    return () => void Object.assign(i, { transition_status: '', status_time: now() }, done);
  };

  const ipNum = (ip: string) => ip.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const overlaps = (x: string, y: string) => {
    const r = (c: string) => {
      const [ip = '', bits = '32'] = c.split('/');
      const size = 2 ** (32 - Number(bits));
      return [ipNum(ip) - (ipNum(ip) % size), ipNum(ip) - (ipNum(ip) % size) + size - 1];
    };
    const [a = 0, b = 0] = r(x);
    const [c = 0, e = 0] = r(y);
    return a <= e && c <= b;
  };

  function route(action: string, p: URLSearchParams): Json {
    here = p.get('zone') ?? zone;
    if (!zones.includes(here)) throw new ApiError(1100, `MessageFormatError, invalid zone [${here}]`);
    const fault = faults.get(action);
    if (fault) throw new ApiError(5000, `InternalError, ${fault}`);
    switch (action) {
      case 'DescribeZones':
        return {
          zone_set: zones.map((z) => ({ zone_id: z, status: 'active', region_id: z.replace(/[a-z]$/, '') })),
          total_count: zones.length,
        };
      case 'DescribeJobs':
        return describe(p, [...tables.jobs.values()], 'jobs', 'job_action', 'job_set');
      case 'GetQuotaLeft': {
        const limits: Record<string, number> = {
          instance: 20,
          cpu: 40,
          memory: 81920,
          volume: 50,
          volume_size: 2000,
          eip: 10,
          security_group: 50,
        };
        const live = [...tables.instances.values()].filter((i) => i.status !== 'terminated');
        const vols = [...tables.volumes.values()];
        const used: Record<string, number> = {
          instance: live.length,
          cpu: live.reduce((n, i) => n + Number(i.vcpus_current), 0),
          memory: live.reduce((n, i) => n + Number(i.memory_current), 0),
          volume: vols.length,
          volume_size: vols.reduce((n, v) => n + Number(v.size), 0),
          eip: tables.eips.size,
          security_group: tables.groups.size,
        };
        const want = list(p, 'resource_types');
        return {
          quota_left_set: (want.length ? want : Object.keys(limits)).map((t) => ({
            resource_type: t,
            left: (limits[t] ?? 0) - (used[t] ?? 0),
          })),
        };
      }

      // ---- instances ----
      case 'DescribeInstanceTypes':
        return { instance_type_set: types, total_count: types.length };
      case 'DescribeInstances':
        return describe(
          p,
          [...tables.instances.values()].map(instanceView),
          'instances',
          'instance_name',
          'instance_set',
        );
      case 'RunInstances': {
        const type = types.find((t) => t.instance_type_id === req(p, 'instance_type'));
        if (!type) throw new ApiError(1100, `MessageFormatError, invalid instance_type [${p.get('instance_type')}]`);
        const image = get(tables.images, req(p, 'image_id'), 'image');
        if (image.status !== 'available')
          throw new ApiError(1400, `PermissionDenied, image [${image.id}] status is [${String(image.status)}]`);
        if (req(p, 'login_mode') === 'passwd' && !/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/.test(req(p, 'login_passwd')))
          throw new ApiError(1100, 'MessageFormatError, weak login_passwd');
        const [vxnetId = '', fixed] = req(p, 'vxnets.1').split('|');
        const vxnet = get(tables.vxnets, vxnetId, 'vxnet');
        const router = vxnet.router as { ip_network: string } | null;
        if (!router) throw new ApiError(1400, `PermissionDenied, vxnet [${vxnetId}] is not joined to a router`);
        const [a, b, c] = router.ip_network.split('.');
        const ip = fixed ?? `${a}.${b}.${c}.${(vxnet.next = Number(vxnet.next ?? 2) + 1)}`;
        const sg = p.get('security_group') ?? defaultOf('sg-default', here);
        const group = get(tables.groups, sg, 'security group');
        const id = sid('i');
        const inst: Row = {
          id,
          instance_id: id,
          instance_name: p.get('instance_name') ?? '',
          description: null,
          instance_type: type.instance_type_id,
          vcpus_current: type.vcpus_current,
          memory_current: type.memory_current,
          status: 'pending',
          transition_status: 'creating',
          image: {
            image_id: image.id,
            image_name: image.image_name,
            provider: image.provider,
            processor_type: image.processor_type,
            platform: image.platform,
          },
          vxnets: [
            {
              vxnet_id: vxnetId,
              vxnet_name: vxnet.vxnet_name,
              vxnet_type: 1,
              nic_id: '52:54:ef:' + randomBytes(3).toString('hex').match(/../g)!.join(':'),
              private_ip: ip,
            },
          ],
          security_group: { security_group_id: sg, security_group_name: group.security_group_name },
          create_time: now(),
          status_time: now(),
          zone_id: here,
          host_machine: 'hmc-fake-01',
          sub_code: 0,
        };
        tables.instances.set(id, inst);
        const jobId = job('RunInstances', [id], () => {
          if (String(inst.instance_name).startsWith('fail-')) {
            Object.assign(inst, { status: 'pending', transition_status: 'creating' });
            return 'RunInstances failed: no capacity in the zone';
          }
          Object.assign(inst, { status: 'running', transition_status: '', status_time: now() });
        });
        return { instances: [id], job_id: jobId };
      }
      case 'TerminateInstances': {
        const rows = list(p, 'instances').map((id) => get(tables.instances, id, 'instance'));
        for (const i of rows)
          if (i.status === 'terminated')
            throw new ApiError(1400, `PermissionDenied, instance [${i.id}] status is [terminated]`);
        const done = rows.map((i) => instanceState(i, 'terminating', { status: 'terminated' }));
        return {
          job_id: job(
            'TerminateInstances',
            rows.map((i) => i.id),
            () => {
              done.forEach((f) => f());
              for (const i of rows) {
                for (const v of tables.volumes.values())
                  if ((v.instance as Json | null)?.instance_id === i.id)
                    Object.assign(v, { status: 'available', instance: null });
                for (const e of tables.eips.values())
                  if ((e.resource as Json | null)?.resource_id === i.id)
                    Object.assign(e, { status: 'available', resource: null });
              }
            },
          ),
        };
      }
      case 'StartInstances':
      case 'StopInstances':
      case 'RestartInstances':
      case 'ResizeInstances': {
        const rule = {
          StartInstances: { from: 'stopped', transition: 'starting', to: 'running' },
          StopInstances: { from: 'running', transition: 'stopping', to: 'stopped' },
          RestartInstances: { from: 'running', transition: 'restarting', to: 'running' },
          ResizeInstances: { from: 'stopped', transition: 'resizing', to: 'stopped' },
        }[action];
        const rows = list(p, 'instances').map((id) => get(tables.instances, id, 'instance'));
        for (const i of rows)
          if (i.status !== rule.from || i.transition_status)
            throw new ApiError(
              1400,
              `PermissionDenied, instance [${i.id}] status is [${String(i.status)}], can not ${action}`,
            );
        let extra: Json = {};
        if (action === 'ResizeInstances') {
          const t = types.find((x) => x.instance_type_id === req(p, 'instance_type'));
          if (!t) throw new ApiError(1100, 'MessageFormatError, invalid instance_type');
          extra = {
            instance_type: t.instance_type_id,
            vcpus_current: t.vcpus_current,
            memory_current: t.memory_current,
          };
        }
        const done = rows.map((i) => instanceState(i, rule.transition, { status: rule.to, ...extra }));
        return {
          job_id: job(
            action,
            rows.map((i) => i.id),
            () => done.forEach((f) => f()),
          ),
        };
      }
      case 'ModifyInstanceAttributes': {
        const i = get(tables.instances, req(p, 'instance'), 'instance');
        if (p.has('instance_name')) i.instance_name = p.get('instance_name');
        if (p.has('description')) i.description = p.get('description');
        return {};
      }

      // ---- tags (the driver keeps metadata as `key=value` tags) ----
      case 'DescribeTags':
        return describe(p, [...tables.tags.values()], 'tags', 'tag_name', 'tag_set');
      case 'CreateTags': {
        const id = sid('tag');
        tables.tags.set(id, { id, tag_id: id, tag_name: req(p, 'tag_name'), resources: [] });
        return { tag_id: id };
      }
      case 'AttachTags': {
        for (let n = 1; p.has(`resource_tag_pairs.${n}.tag_id`); n++) {
          const t = get(tables.tags, p.get(`resource_tag_pairs.${n}.tag_id`)!, 'tag');
          (t.resources as string[]).push(req(p, `resource_tag_pairs.${n}.resource_id`));
        }
        return {};
      }

      // ---- images ----
      case 'DescribeImages': {
        const vis = p.get('visibility');
        return describe(
          p,
          [...tables.images.values()].filter((i) => !vis || i.visibility === vis),
          'images',
          'image_name',
          'image_set',
        );
      }
      case 'CaptureInstance': {
        const i = get(tables.instances, req(p, 'instance'), 'instance');
        if (i.status !== 'stopped')
          throw new ApiError(
            1400,
            `PermissionDenied, instance [${i.id}] status is [${String(i.status)}], it must be stopped`,
          );
        const id = sid('img');
        const img: Row = {
          id,
          image_id: id,
          image_name: p.get('image_name') ?? '',
          status: 'pending',
          transition_status: 'creating',
          visibility: 'private',
          provider: 'self',
          processor_type: '64bit',
          platform: 'linux',
          size: 20,
          owner: 'usr-fake',
          create_time: now(),
        };
        tables.images.set(id, img);
        return {
          image_id: id,
          job_id: job(
            'CaptureInstance',
            [id],
            () => void Object.assign(img, { status: 'available', transition_status: '' }),
          ),
        };
      }
      case 'DeleteImages': {
        const rows = list(p, 'images').map((id) => get(tables.images, id, 'image'));
        for (const r of rows)
          if (r.provider === 'system') throw new ApiError(1400, `PermissionDenied, image [${r.id}] is a system image`);
        return {
          job_id: job(
            'DeleteImages',
            rows.map((r) => r.id),
            () => rows.forEach((r) => tables.images.delete(r.id)),
          ),
        };
      }
      case 'ModifyImageAttributes': {
        const i = get(tables.images, req(p, 'image'), 'image');
        if (p.has('image_name')) i.image_name = p.get('image_name');
        if (p.has('description')) i.description = p.get('description');
        return {};
      }

      // ---- vxnets and routers ----
      case 'DescribeVxnets': {
        const rows = [...tables.vxnets.values()].map((v) => ({
          ...v,
          instance_ids: [...tables.instances.values()]
            .filter(
              (i) => i.status !== 'terminated' && (i.vxnets as { vxnet_id: string }[]).some((x) => x.vxnet_id === v.id),
            )
            .map((i) => i.id),
        }));
        return describe(p, rows, 'vxnets', 'vxnet_name', 'vxnet_set');
      }
      case 'CreateVxnets': {
        const id = sid('vxnet');
        tables.vxnets.set(id, {
          id,
          vxnet_id: id,
          vxnet_name: p.get('vxnet_name') ?? '',
          vxnet_type: Number(p.get('vxnet_type') ?? 1),
          router: null,
          next: 2,
          create_time: now(),
          zone_id: here,
        });
        return { vxnets: [id] };
      }
      case 'DeleteVxnets': {
        const rows = list(p, 'vxnets').map((id) => get(tables.vxnets, id, 'vxnet'));
        for (const v of rows)
          if (v.router)
            throw new ApiError(1400, `PermissionDenied, vxnet [${v.id}] is still joined to router, leave it first`);
        rows.forEach((v) => tables.vxnets.delete(v.id));
        return { vxnets: rows.map((v) => v.id) };
      }
      case 'DescribeRouters':
        return describe(p, [...tables.routers.values()], 'routers', 'router_name', 'router_set');
      case 'CreateRouters': {
        const id = sid('rtr');
        const r: Row = {
          id,
          router_id: id,
          router_name: p.get('router_name') ?? '',
          status: 'pending',
          create_time: now(),
          zone_id: here,
        };
        tables.routers.set(id, r);
        return { routers: [id], job_id: job('CreateRouters', [id], () => void (r.status = 'active')) };
      }
      case 'JoinRouter': {
        const v = get(tables.vxnets, req(p, 'vxnet'), 'vxnet');
        const r = get(tables.routers, req(p, 'router'), 'router');
        const net = req(p, 'ip_network');
        if (v.router) throw new ApiError(1400, `PermissionDenied, vxnet [${v.id}] is already joined to a router`);
        if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(net))
          throw new ApiError(1100, `MessageFormatError, invalid ip_network [${net}]`);
        for (const o of tables.vxnets.values()) {
          const or = o.router as { router_id: string; ip_network: string } | null;
          if (or && or.router_id === r.id && overlaps(or.ip_network, net))
            throw new ApiError(1400, `PermissionDenied, ip_network [${net}] conflicts with vxnet [${o.id}]`);
        }
        return {
          job_id: job(
            'JoinRouter',
            [v.id],
            () =>
              void (v.router = {
                router_id: r.id,
                router_name: r.router_name,
                ip_network: net,
                manager_ip: p.get('manager_ip') ?? net.replace(/\.\d+\/\d+$/, '.1'),
              }),
          ),
        };
      }
      case 'LeaveRouter': {
        const rows = list(p, 'vxnets').map((id) => get(tables.vxnets, id, 'vxnet'));
        for (const v of rows)
          if (
            [...tables.instances.values()].some(
              (i) => i.status !== 'terminated' && (i.vxnets as { vxnet_id: string }[]).some((x) => x.vxnet_id === v.id),
            )
          )
            throw new ApiError(1400, `PermissionDenied, vxnet [${v.id}] is being used by instances`);
        return {
          job_id: job(
            'LeaveRouter',
            rows.map((v) => v.id),
            () => rows.forEach((v) => (v.router = null)),
          ),
        };
      }

      // ---- security groups ----
      case 'DescribeSecurityGroups': {
        const rows = [...tables.groups.values()].map((g) => ({
          ...g,
          resources: [...tables.instances.values()]
            .filter((i) => i.status !== 'terminated' && (i.security_group as Json).security_group_id === g.id)
            .map((i) => ({ resource_id: i.id, resource_type: 'instance', resource_name: i.instance_name })),
        }));
        return describe(p, rows, 'security_groups', 'security_group_name', 'security_group_set');
      }
      case 'CreateSecurityGroup': {
        const id = sid('sg');
        tables.groups.set(id, {
          id,
          security_group_id: id,
          security_group_name: p.get('security_group_name') ?? '',
          description: null,
          is_default: 0,
          create_time: now(),
          zone_id: here,
        });
        return { security_group_id: id };
      }
      case 'ModifySecurityGroupAttributes': {
        const g = get(tables.groups, req(p, 'security_group'), 'security group');
        if (p.has('description')) g.description = p.get('description');
        if (p.has('security_group_name')) g.security_group_name = p.get('security_group_name');
        return {};
      }
      case 'DeleteSecurityGroups': {
        const rows = list(p, 'security_groups').map((id) => get(tables.groups, id, 'security group'));
        for (const g of rows)
          if (
            [...tables.instances.values()].some(
              (i) => i.status !== 'terminated' && (i.security_group as Json).security_group_id === g.id,
            )
          )
            throw new ApiError(1400, `PermissionDenied, security group [${g.id}] is being used`);
        for (const g of rows) {
          tables.groups.delete(g.id);
          for (const r of tables.rules.values()) if (r.security_group_id === g.id) tables.rules.delete(r.id);
        }
        return { security_groups: rows.map((g) => g.id) };
      }
      case 'DescribeSecurityGroupRules': {
        const g = p.get('security_group');
        const dir = p.get('direction');
        return describe(
          p,
          [...tables.rules.values()].filter(
            (r) => (!g || r.security_group_id === g) && (dir === null || String(r.direction) === dir),
          ),
          'security_group_rules',
          'security_group_rule_name',
          'security_group_rule_set',
        );
      }
      case 'AddSecurityGroupRules': {
        const g = get(tables.groups, req(p, 'security_group'), 'security group');
        const ids: string[] = [];
        for (let n = 1; p.has(`rules.${n}.protocol`); n++) {
          const id = sid('sgr');
          const at = (k: string) => p.get(`rules.${n}.${k}`) ?? '';
          tables.rules.set(id, {
            id,
            security_group_rule_id: id,
            security_group_id: g.id,
            security_group_rule_name: at('security_group_rule_name'),
            protocol: at('protocol'),
            priority: Number(at('priority') || 0),
            action: at('action') || 'accept',
            direction: Number(at('direction') || 0),
            val1: at('val1'),
            val2: at('val2'),
            val3: at('val3'),
            disabled: 0,
            zone_id: g.zone_id,
          });
          ids.push(id);
        }
        g.is_applied = 0;
        return { security_group_rules: ids };
      }
      case 'DeleteSecurityGroupRules': {
        const ids = list(p, 'security_group_rules');
        for (const id of ids) get(tables.rules, id, 'rule');
        ids.forEach((id) => tables.rules.delete(id));
        return { security_group_rules: ids };
      }
      case 'ApplySecurityGroup': {
        const g = get(tables.groups, req(p, 'security_group'), 'security group');
        return { job_id: job('ApplySecurityGroup', [g.id], () => void (g.is_applied = 1), 10) };
      }

      // ---- EIPs ----
      case 'DescribeEips':
        return describe(p, [...tables.eips.values()], 'eips', 'eip_name', 'eip_set');
      case 'AllocateEips': {
        const id = sid('eip');
        tables.eips.set(id, {
          id,
          eip_id: id,
          eip_name: p.get('eip_name') ?? '',
          eip_addr: `139.198.0.${tables.eips.size + 10}`,
          status: 'available',
          transition_status: '',
          resource: null,
          bandwidth: Number(p.get('bandwidth') ?? 1),
          billing_mode: p.get('billing_mode'),
          create_time: now(),
          zone_id: here,
        });
        return { eips: [id] };
      }
      case 'AssociateEip': {
        const e = get(tables.eips, req(p, 'eip'), 'eip');
        const i = get(tables.instances, req(p, 'instance'), 'instance');
        if (e.status !== 'available')
          throw new ApiError(1400, `PermissionDenied, eip [${e.id}] status is [${String(e.status)}]`);
        e.transition_status = 'associating';
        return {
          job_id: job(
            'AssociateEip',
            [e.id],
            () =>
              void Object.assign(e, {
                status: 'associated',
                transition_status: '',
                resource: { resource_id: i.id, resource_name: i.instance_name, resource_type: 'instance' },
              }),
            20,
          ),
        };
      }
      case 'DissociateEips': {
        const rows = list(p, 'eips').map((id) => get(tables.eips, id, 'eip'));
        for (const e of rows)
          if (e.status !== 'associated')
            throw new ApiError(1400, `PermissionDenied, eip [${e.id}] status is [${String(e.status)}]`);
        return {
          job_id: job(
            'DissociateEips',
            rows.map((e) => e.id),
            () => rows.forEach((e) => Object.assign(e, { status: 'available', resource: null })),
            20,
          ),
        };
      }
      case 'ReleaseEips': {
        const rows = list(p, 'eips').map((id) => get(tables.eips, id, 'eip'));
        for (const e of rows)
          if (e.status === 'associated')
            throw new ApiError(1400, `PermissionDenied, eip [${e.id}] status is [associated], dissociate it first`);
        return {
          job_id: job(
            'ReleaseEips',
            rows.map((e) => e.id),
            () => rows.forEach((e) => tables.eips.delete(e.id)),
            20,
          ),
        };
      }

      // ---- load balancers ----
      case 'DescribeLoadBalancers':
        return describe(p, [...tables.lbs.values()], 'loadbalancers', 'loadbalancer_name', 'loadbalancer_set');
      case 'CreateLoadBalancer': {
        const vxnet = get(tables.vxnets, req(p, 'vxnet'), 'vxnet');
        const id = sid('lb');
        const lb: Row = {
          id,
          loadbalancer_id: id,
          loadbalancer_name: p.get('loadbalancer_name') ?? '',
          description: null,
          status: 'pending',
          transition_status: 'creating',
          vxnet_id: vxnet.id,
          private_ips: [
            `${String((vxnet.router as Json | null)?.ip_network ?? '10.0.0.0/24').replace(/\.\d+\/\d+$/, '')}.250`,
          ],
          eips: [],
          create_time: now(),
          zone_id: here,
        };
        tables.lbs.set(id, lb);
        return {
          loadbalancer_id: id,
          job_id: job(
            'CreateLoadBalancer',
            [id],
            () => void Object.assign(lb, { status: 'active', transition_status: '' }),
          ),
        };
      }
      case 'ModifyLoadBalancerAttributes': {
        const lb = get(tables.lbs, req(p, 'loadbalancer'), 'load balancer');
        if (p.has('description')) lb.description = p.get('description');
        return {};
      }
      case 'DeleteLoadBalancers': {
        const rows = list(p, 'loadbalancers').map((id) => get(tables.lbs, id, 'load balancer'));
        rows.forEach((lb) => (lb.transition_status = 'deleting'));
        return {
          job_id: job(
            'DeleteLoadBalancers',
            rows.map((lb) => lb.id),
            () =>
              rows.forEach((lb) => {
                tables.lbs.delete(lb.id);
                for (const l of tables.listeners.values())
                  if (l.loadbalancer_id === lb.id) tables.listeners.delete(l.id);
              }),
          ),
        };
      }
      case 'DescribeLoadBalancerListeners': {
        const lb = p.get('loadbalancer');
        const rows = [...tables.listeners.values()]
          .filter((l) => !lb || l.loadbalancer_id === lb)
          .map((l) => ({
            ...l,
            backends: [...tables.backends.values()]
              .filter((b) => b.loadbalancer_listener_id === l.id)
              .map((b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'id'))),
          }));
        return describe(p, rows, 'loadbalancer_listeners', 'loadbalancer_listener_name', 'loadbalancer_listener_set');
      }
      case 'AddLoadBalancerListeners': {
        const lb = get(tables.lbs, req(p, 'loadbalancer'), 'load balancer');
        const ids: string[] = [];
        for (let n = 1; p.has(`listeners.${n}.listener_port`); n++) {
          const id = sid('lbl');
          const at = (k: string) => p.get(`listeners.${n}.${k}`) ?? '';
          tables.listeners.set(id, {
            id,
            loadbalancer_listener_id: id,
            loadbalancer_id: lb.id,
            loadbalancer_listener_name: at('loadbalancer_listener_name'),
            listener_port: Number(at('listener_port')),
            listener_protocol: at('listener_protocol'),
            backend_protocol: at('backend_protocol'),
            balance_mode: at('balance_mode'),
          });
          ids.push(id);
        }
        return { loadbalancer_listeners: ids };
      }
      case 'DeleteLoadBalancerListeners': {
        const ids = list(p, 'loadbalancer_listeners');
        for (const id of ids) get(tables.listeners, id, 'listener');
        for (const id of ids) {
          tables.listeners.delete(id);
          for (const b of tables.backends.values()) if (b.loadbalancer_listener_id === id) tables.backends.delete(b.id);
        }
        return { loadbalancer_listeners: ids };
      }
      case 'AddLoadBalancerBackends': {
        const l = get(tables.listeners, req(p, 'loadbalancer_listener'), 'listener');
        const ids: string[] = [];
        for (let n = 1; p.has(`backends.${n}.resource_id`); n++) {
          const at = (k: string) => p.get(`backends.${n}.${k}`) ?? '';
          get(tables.instances, at('resource_id'), 'instance');
          const id = sid('lbb');
          tables.backends.set(id, {
            id,
            loadbalancer_backend_id: id,
            loadbalancer_listener_id: l.id,
            loadbalancer_id: l.loadbalancer_id,
            resource_id: at('resource_id'),
            port: Number(at('port')),
            weight: Number(at('weight') || 1),
            loadbalancer_backend_name: at('loadbalancer_backend_name'),
          });
          ids.push(id);
        }
        return { loadbalancer_backends: ids };
      }
      case 'DeleteLoadBalancerBackends': {
        const ids = list(p, 'loadbalancer_backends');
        for (const id of ids) get(tables.backends, id, 'backend');
        ids.forEach((id) => tables.backends.delete(id));
        return { loadbalancer_backends: ids };
      }
      case 'UpdateLoadBalancers': {
        const rows = list(p, 'loadbalancers').map((id) => get(tables.lbs, id, 'load balancer'));
        return {
          job_id: job(
            'UpdateLoadBalancers',
            rows.map((lb) => lb.id),
            () => undefined,
            10,
          ),
        };
      }

      // ---- volumes ----
      case 'DescribeVolumes':
        return describe(p, [...tables.volumes.values()], 'volumes', 'volume_name', 'volume_set');
      case 'CreateVolumes': {
        const size = Number(req(p, 'size'));
        if (!(size >= 1 && size <= 5000)) throw new ApiError(1100, 'MessageFormatError, size must be 1-5000');
        const id = sid('vol');
        const v: Row = {
          id,
          volume_id: id,
          volume_name: p.get('volume_name') ?? '',
          description: null,
          size,
          status: 'pending',
          transition_status: 'creating',
          volume_type: Number(p.get('volume_type') ?? 0),
          instance: null,
          create_time: now(),
          zone_id: here,
        };
        tables.volumes.set(id, v);
        return {
          volumes: [id],
          job_id: job(
            'CreateVolumes',
            [id],
            () => void Object.assign(v, { status: 'available', transition_status: '' }),
          ),
        };
      }
      case 'ModifyVolumeAttributes': {
        const v = get(tables.volumes, req(p, 'volume'), 'volume');
        if (p.has('volume_name')) v.volume_name = p.get('volume_name');
        if (p.has('description')) v.description = p.get('description');
        return {};
      }
      case 'DeleteVolumes': {
        const rows = list(p, 'volumes').map((id) => get(tables.volumes, id, 'volume'));
        for (const v of rows)
          if (v.status !== 'available')
            throw new ApiError(1400, `PermissionDenied, volume [${v.id}] status is [${String(v.status)}]`);
        rows.forEach((v) => (v.transition_status = 'deleting'));
        return {
          job_id: job(
            'DeleteVolumes',
            rows.map((v) => v.id),
            () => rows.forEach((v) => tables.volumes.delete(v.id)),
          ),
        };
      }
      case 'AttachVolumes':
      case 'DetachVolumes': {
        const i = get(tables.instances, req(p, 'instance'), 'instance');
        const rows = list(p, 'volumes').map((id) => get(tables.volumes, id, 'volume'));
        const attach = action === 'AttachVolumes';
        for (const v of rows)
          if (attach ? v.status !== 'available' : (v.instance as Json | null)?.instance_id !== i.id)
            throw new ApiError(1400, `PermissionDenied, volume [${v.id}] status is [${String(v.status)}]`);
        rows.forEach((v) => (v.transition_status = attach ? 'attaching' : 'detaching'));
        const n = [...tables.volumes.values()].filter((v) => (v.instance as Json | null)?.instance_id === i.id).length;
        return {
          job_id: job(
            action,
            rows.map((v) => v.id),
            () =>
              rows.forEach((v, k) =>
                Object.assign(
                  v,
                  attach
                    ? {
                        status: 'in-use',
                        transition_status: '',
                        instance: {
                          instance_id: i.id,
                          instance_name: i.instance_name,
                          device: `/dev/vd${String.fromCharCode(98 + n + k)}`,
                        },
                      }
                    : { status: 'available', transition_status: '', instance: null },
                ),
              ),
          ),
        };
      }
      case 'ResizeVolumes': {
        const size = Number(req(p, 'size'));
        const rows = list(p, 'volumes').map((id) => get(tables.volumes, id, 'volume'));
        for (const v of rows) {
          if (v.status !== 'available')
            throw new ApiError(
              1400,
              `PermissionDenied, volume [${v.id}] status is [${String(v.status)}], detach it first`,
            );
          if (size <= Number(v.size))
            throw new ApiError(1100, `MessageFormatError, size [${size}] must be larger than [${String(v.size)}]`);
        }
        rows.forEach((v) => (v.transition_status = 'resizing'));
        return {
          job_id: job(
            'ResizeVolumes',
            rows.map((v) => v.id),
            () => rows.forEach((v) => Object.assign(v, { size, transition_status: '' })),
          ),
        };
      }
    }
    throw new ApiError(1100, `MessageFormatError, unknown action [${action}]`);
  }

  const server = http.createServer((request, res) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const params = url.searchParams;
    const action = params.get('action') ?? '';
    let body: Json;
    const ak = request.method === 'GET' && url.pathname === '/iaas/' ? verify(params, url.pathname, opts.keys) : null;
    log.push({ action, ak });
    if (!ak) body = { ret_code: 1200, message: 'AuthFailure, the signature or the access key is invalid' };
    else {
      const n = (calls.get(ak) ?? 0) + 1;
      calls.set(ak, n);
      if (opts.budget && n > opts.budget)
        body = { ret_code: 2000, message: 'TooManyRequests, the API call rate limit of this access key is exceeded' };
      else {
        try {
          body = { ...route(action, params), ret_code: 0 };
        } catch (e) {
          body =
            e instanceof ApiError
              ? { ret_code: e.retCode, message: e.message }
              : { ret_code: 5000, message: `InternalError, ${String(e)}` };
        }
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ action: `${action}Response`, ...body }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/iaas/`,
    tables,
    log,
    faults,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
