/**
 * A local fake of the Huawei Cloud APIs the huaweicloud driver calls (ECS, EVS, VPC, IMS, classic ELB), for tests
 * without the internet: one node:http server on 127.0.0.1 at a random port, every service under its own path prefix
 * (`http://127.0.0.1:<port>/{service}` as HUAWEICLOUD_ENDPOINT_TEMPLATE). It VERIFIES EVERY REQUEST'S
 * SDK-HMAC-SHA256 SIGNATURE with its own implementation of the algorithm (not the driver's), keeps state in memory,
 * answers in the documented shapes (each service with its own error body) and runs asynchronous work as jobs
 * polled at `/v1/{project_id}/jobs/{job_id}`.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleObs, newObsState, type ObsFakeState } from './huaweicloud-obs';

export interface HuaweiFakeOptions {
  keys: Record<string, string>;
  projectId: string;
  /** How long jobs run, in ms. */
  delayMs?: number;
  /** A fixed loopback port (the browser tests' console is configured before the fake starts); random by default. */
  port?: number;
  /** The OBS buckets that exist (`/obs/{bucket}/…`); `yuntu-test` by default. */
  obsBuckets?: string[];
}

type Json = Record<string, unknown>;
type Reply = { status: number; body?: unknown };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

// Each service's own error shape, as the seeds show them.
const ecsError = (status: number, code: string, message: string) => new HttpError(status, { error: { code, message } });
const vpcError = (status: number, code: string, message: string) => new HttpError(status, { code, message });
const evsNotFound = (message: string) => new HttpError(404, { itemNotFound: { message, code: 404 } });
const imsError = (status: number, code: string, message: string) =>
  new HttpError(status, { error_code: code, error_msg: message });

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** The gateway side of SDK-HMAC-SHA256, written independently of the driver's signer. */
function verifySignature(
  req: http.IncomingMessage,
  rawUrl: string,
  body: string,
  keys: Record<string, string>,
): string | null {
  const auth = req.headers.authorization ?? '';
  const m = auth.match(/^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/);
  if (!m) return null;
  const [, ak = '', signedHeaders = '', sig = ''] = m;
  const sk = keys[ak];
  const date = String(req.headers['x-sdk-date'] ?? '');
  if (!sk || !/^\d{8}T\d{6}Z$/.test(date)) return null;
  const when = Date.UTC(
    +date.slice(0, 4),
    +date.slice(4, 6) - 1,
    +date.slice(6, 8),
    +date.slice(9, 11),
    +date.slice(11, 13),
    +date.slice(13, 15),
  );
  if (Math.abs(Date.now() - when) > 15 * 60_000) return null;
  const url = new URL(rawUrl, 'http://fake');
  let path = url.pathname
    .split('/')
    .map((s) => enc(decodeURIComponent(s)))
    .join('/');
  if (!path.endsWith('/')) path += '/';
  // The query exactly as received, decoded as RFC 3986 (a `+` is a plus, not a space): a client that signs a space
  // as `%20` but sends `+` fails here as it does at the gateway.
  const raw = url.search.slice(1);
  let query: string;
  try {
    query = (raw ? raw.split('&') : [])
      .map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      })
      .map(([k = '', v = '']) => [enc(decodeURIComponent(k)), enc(decodeURIComponent(v))] as const)
      .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  } catch {
    // A malformed percent escape cannot have been signed.
    return null;
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-sdk-date')) return null;
  const headers = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join('');
  const canonical = [
    req.method,
    path,
    query,
    headers,
    signedHeaders,
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  const sts = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const expected = createHmac('sha256', sk).update(sts).digest('hex');
  return expected.length === sig.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sig)) ? ak : null;
}

interface Job {
  job_id: string;
  job_type: string;
  status: 'RUNNING' | 'SUCCESS' | 'FAIL';
  entities: Json;
  begin_time: string;
  end_time: string;
  error_code: string | null;
  fail_reason: string | null;
}

interface Port {
  id: string;
  device_id: string;
  subnet_id: string;
  vpc_id: string;
  ip: string;
}

export interface HuaweiFakeState {
  servers: Map<
    string,
    Json & { id: string; status: string; flavorId: string; portId: string; volumes: string[]; sg: string[] }
  >;
  volumes: Map<
    string,
    Json & { id: string; status: string; size: number; attachments: { server_id: string; device: string }[] }
  >;
  vpcs: Map<string, Json & { id: string }>;
  subnets: Map<string, Json & { id: string; vpc_id: string; cidr: string; next: number }>;
  ports: Map<string, Port>;
  groups: Map<string, Json & { id: string }>;
  rules: Map<string, Json & { id: string; security_group_id: string }>;
  eips: Map<string, Json & { id: string; port_id: string | null }>;
  images: Map<string, Json & { id: string; status: string }>;
  lbs: Map<string, Json & { id: string; status: string }>;
  listeners: Map<string, Json & { id: string; loadbalancer_id: string }>;
  members: Map<string, Json & { id: string; listener_id: string; server_id: string; address: string }>;
  jobs: Map<string, Job>;
  /** The file IMS holds for an image (imported from OBS, or a stand-in for one made from a server). */
  imageData: Map<string, Buffer>;
  obs: ObsFakeState;
  /** Every request the fake answered, with its verified access key (null = refused). */
  log: { method: string; path: string; query?: string; status?: number; ak: string | null }[];
}

export const FAKE_IMAGE_ID = '1189efbf-d48b-46ad-a823-94b942e2a000';
export const FAKE_AZ = 'cn-test-1a';

export async function startHuaweiFake(opts: HuaweiFakeOptions) {
  const delay = opts.delayMs ?? 150;
  const pid = opts.projectId;
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const st: HuaweiFakeState = {
    servers: new Map(),
    volumes: new Map(),
    vpcs: new Map(),
    subnets: new Map(),
    ports: new Map(),
    groups: new Map(),
    rules: new Map(),
    eips: new Map(),
    images: new Map(),
    lbs: new Map(),
    listeners: new Map(),
    members: new Map(),
    jobs: new Map(),
    imageData: new Map(),
    obs: newObsState(opts.obsBuckets ?? ['yuntu-test']),
    log: [],
  };
  const flavors = [
    { id: 's6.small.1', name: 's6.small.1', vcpus: '1', ram: 1024, disk: '0', 'os-flavor-access:is_public': true },
    { id: 's6.medium.2', name: 's6.medium.2', vcpus: '1', ram: 2048, disk: '0', 'os-flavor-access:is_public': true },
    { id: 's6.large.2', name: 's6.large.2', vcpus: '2', ram: 4096, disk: '0', 'os-flavor-access:is_public': true },
  ];
  st.images.set(FAKE_IMAGE_ID, {
    id: FAKE_IMAGE_ID,
    name: 'cirros-0.6',
    status: 'active',
    visibility: 'public',
    protected: true,
    min_ram: 0,
    min_disk: 1,
    disk_format: 'qcow2',
    owner: 'huaweicloud',
    __image_size: '21430272',
    __support_arm: 'false',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
  });
  const vpc0 = randomUUID();
  st.vpcs.set(vpc0, { id: vpc0, name: 'vpc-default', cidr: '192.168.0.0/16', status: 'OK', created_at: now() });
  const subnet0 = randomUUID();
  st.subnets.set(subnet0, {
    id: subnet0,
    name: 'subnet-default',
    cidr: '192.168.0.0/24',
    gateway_ip: '192.168.0.1',
    vpc_id: vpc0,
    status: 'ACTIVE',
    availability_zone: FAKE_AZ,
    neutron_subnet_id: randomUUID(),
    next: 10,
  });
  const sg0 = randomUUID();
  st.groups.set(sg0, { id: sg0, name: 'default', description: 'default group', vpc_id: vpc0, created_at: now() });

  function defaultRules(groupId: string) {
    for (const ethertype of ['IPv4', 'IPv6']) {
      const e = randomUUID();
      st.rules.set(e, {
        id: e,
        security_group_id: groupId,
        direction: 'egress',
        ethertype,
        protocol: null,
        port_range_min: null,
        port_range_max: null,
        remote_ip_prefix: null,
        remote_group_id: null,
        description: '',
      });
      const i = randomUUID();
      st.rules.set(i, {
        id: i,
        security_group_id: groupId,
        direction: 'ingress',
        ethertype,
        protocol: null,
        port_range_min: null,
        port_range_max: null,
        remote_ip_prefix: null,
        remote_group_id: groupId,
        description: '',
      });
    }
  }
  defaultRules(sg0);

  /** Starts a job: `work` runs after the delay; a string it returns is the fail_reason. */
  function job(type: string, entities: Json, work: () => string | void, ms = delay): string {
    const j: Job = {
      job_id: 'ff80808' + randomUUID().replace(/-/g, '').slice(0, 25),
      job_type: type,
      status: 'RUNNING',
      entities,
      begin_time: now(),
      end_time: '',
      error_code: null,
      fail_reason: null,
    };
    st.jobs.set(j.job_id, j);
    setTimeout(() => {
      const failure = work();
      j.end_time = now();
      if (failure) {
        j.status = 'FAIL';
        j.error_code = failure.split(' ')[0] ?? null;
        j.fail_reason = failure;
      } else j.status = 'SUCCESS';
    }, ms).unref();
    return j.job_id;
  }

  function allocatePort(subnetId: string, deviceId: string): Port {
    const s = st.subnets.get(subnetId)!;
    const [a, b, c] = s.cidr.split('/')[0]!.split('.');
    const p: Port = {
      id: randomUUID(),
      device_id: deviceId,
      subnet_id: subnetId,
      vpc_id: s.vpc_id,
      ip: `${a}.${b}.${c}.${s.next++}`,
    };
    st.ports.set(p.id, p);
    return p;
  }

  const ipNum = (ip: string) => ip.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const overlaps = (x: string, y: string) => {
    const r = (c: string) => {
      const [ip = '', bits = '32'] = c.split('/');
      const size = 2 ** (32 - Number(bits));
      const start = ipNum(ip) - (ipNum(ip) % size);
      return [start, start + size - 1];
    };
    const [s1 = 0, e1 = 0] = r(x);
    const [s2 = 0, e2 = 0] = r(y);
    return s1 <= e2 && s2 <= e1;
  };

  // ---- wire views ----
  function serverView(s: HuaweiFakeState['servers'] extends Map<string, infer V> ? V : never) {
    const port = st.ports.get(s.portId);
    const eip = [...st.eips.values()].find((e) => e.port_id === s.portId);
    const flavor = flavors.find((f) => f.id === s.flavorId)!;
    const addrs = port
      ? [
          {
            addr: port.ip,
            version: 4,
            'OS-EXT-IPS:type': 'fixed',
            'OS-EXT-IPS:port_id': port.id,
            'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01',
          },
          ...(eip
            ? [
                {
                  addr: eip.public_ip_address,
                  version: 4,
                  'OS-EXT-IPS:type': 'floating',
                  'OS-EXT-IPS:port_id': port.id,
                },
              ]
            : []),
        ]
      : [];
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      status: s.status,
      'OS-EXT-STS:task_state': s.task ?? null,
      tenant_id: pid,
      flavor: { id: flavor.id, name: flavor.name, vcpus: flavor.vcpus, ram: String(flavor.ram) },
      image: { id: s.imageId },
      addresses: port ? { [port.vpc_id]: addrs } : {},
      metadata: s.metadata,
      created: s.created,
      updated: s.updated,
      'OS-EXT-AZ:availability_zone': s.az,
      'os-extended-volumes:volumes_attached': s.volumes.map((id) => ({ id })),
      security_groups: s.sg.map((id) => ({ id, name: String(st.groups.get(id)?.name ?? id) })),
      'OS-EXT-SRV-ATTR:host': 'pod01.cn-test-1a',
    };
  }
  const groupView = (g: Json & { id: string }) => ({
    ...g,
    security_group_rules: [...st.rules.values()].filter((r) => r.security_group_id === g.id),
  });
  const eipView = (e: Json & { port_id: string | null }) => ({
    ...e,
    private_ip_address: e.port_id ? (st.ports.get(e.port_id)?.ip ?? null) : null,
    status: e.port_id ? 'ACTIVE' : 'DOWN',
  });

  /** limit + marker paging (VPC v1, IMS). */
  function byMarker<T extends { id: string }>(rows: T[], q: URLSearchParams): T[] {
    const limit = Math.min(Number(q.get('limit') ?? 2000), 2000);
    const marker = q.get('marker');
    const from = marker ? rows.findIndex((r) => r.id === marker) + 1 : 0;
    return rows.slice(from, from + limit);
  }

  const need = <T>(v: T | undefined, err: HttpError): T => {
    if (v === undefined) throw err;
    return v;
  };

  // ---- routes ----
  function route(method: string, service: string, path: string, q: URLSearchParams, body: Json): Reply {
    const seg = path.split('/').filter(Boolean);
    const at = (i: number) => seg[i] ?? '';
    // Every project-scoped path names the project; another project's is refused as the cloud does.
    // IMS's image paths name no project (/v2/…, /v1/cloudimages/…); its jobs do (/v1/{project_id}/jobs/…).
    const projectAt = service === 'ims' && (at(0) === 'v2' || at(1) === 'cloudimages') ? -1 : 1;
    if (projectAt >= 0 && at(projectAt) !== pid)
      throw ecsError(403, 'APIGW.0308', "the project in the path is not the signer's project");
    const rest = seg.slice(projectAt < 0 ? 1 : 2).join('/');
    const key = `${method} ${service} ${at(0)} ${rest.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{32}/g, '{id}')}`;

    // jobs (ECS, EVS, IMS at /v1, ELB at /v1.0)
    if (method === 'GET' && at(2) === 'jobs')
      return {
        status: 200,
        body: need(st.jobs.get(at(3)), ecsError(404, 'Common.0024', `job ${at(3)} does not exist`)),
      };

    const imageOf = (id: string) => need(st.images.get(id), imsError(404, 'IMG.0027', `image ${id} does not exist`));
    // IMS native tag API: the tag is a path segment (a `key=value` that the id pattern below would mangle).
    if (
      service === 'ims' &&
      (method === 'PUT' || method === 'DELETE') &&
      at(0) === 'v2' &&
      at(1) === 'images' &&
      at(3) === 'tags' &&
      seg.length === 5
    ) {
      const i = imageOf(at(2));
      const t = decodeURIComponent(at(4));
      const tags = (i.tags as string[] | undefined) ?? [];
      if (method === 'DELETE') {
        if (!tags.includes(t)) throw imsError(404, 'IMG.0027', `image ${i.id} has no tag ${t}`);
        i.tags = tags.filter((x) => x !== t);
      } else if (!tags.includes(t)) i.tags = [...tags, t];
      return { status: 204 };
    }

    switch (key) {
      // ---------- ECS ----------
      case 'GET ecs v2.1 os-availability-zone':
        return {
          status: 200,
          body: { availabilityZoneInfo: [{ zoneName: FAKE_AZ, zoneState: { available: true }, hosts: null }] },
        };
      case 'GET ecs v1 cloudservers/flavors':
        return { status: 200, body: { flavors } };
      case 'GET ecs v1 cloudservers/limits': {
        const servers = [...st.servers.values()];
        const fl = (s: { flavorId: string }) => flavors.find((f) => f.id === s.flavorId)!;
        return {
          status: 200,
          body: {
            absolute: {
              maxTotalInstances: 20,
              totalInstancesUsed: servers.length,
              maxTotalCores: 40,
              totalCoresUsed: servers.reduce((n, s) => n + Number(fl(s).vcpus), 0),
              maxTotalRAMSize: 81920,
              totalRAMUsed: servers.reduce((n, s) => n + fl(s).ram, 0),
              maxTotalFloatingIps: 10,
              maxSecurityGroups: 100,
              totalSecurityGroupsUsed: st.groups.size,
              maxTotalKeypairs: -1,
            },
          },
        };
      }
      case 'GET ecs v1 cloudservers/detail': {
        // ECS pages by page number: offset = 1, 2, … with limit per page.
        const name = q.get('name');
        const rows = [...st.servers.values()].filter((s) => !name || String(s.name).includes(name));
        const limit = Number(q.get('limit') ?? 25);
        const page = Math.max(1, Number(q.get('offset') ?? 1));
        return {
          status: 200,
          body: { count: rows.length, servers: rows.slice((page - 1) * limit, page * limit).map(serverView) },
        };
      }
      case 'POST ecs v1 cloudservers': {
        const s = body.server as Json;
        if (!flavors.some((f) => f.id === s.flavorRef))
          throw ecsError(400, 'Ecs.0039', `flavor ${String(s.flavorRef)} is invalid`);
        if (!st.images.has(String(s.imageRef)))
          throw ecsError(400, 'Ecs.0021', `image ${String(s.imageRef)} is invalid`);
        const nic = (s.nics as { subnet_id: string }[] | undefined)?.[0];
        const subnet = nic && st.subnets.get(nic.subnet_id);
        if (!subnet || subnet.vpc_id !== s.vpcid)
          throw ecsError(400, 'Ecs.0005', 'the subnet does not belong to the VPC');
        const id = randomUUID();
        const port = allocatePort(subnet.id, id);
        const sgs = ((s.security_groups as { id: string }[] | undefined) ?? [{ id: sg0 }]).map((g) => g.id);
        st.servers.set(id, {
          id,
          name: s.name,
          description: s.description ?? '',
          status: 'BUILD',
          task: 'spawning',
          flavorId: String(s.flavorRef),
          imageId: s.imageRef,
          portId: port.id,
          volumes: [],
          sg: sgs,
          metadata: { ...(s.metadata as Json), charging_mode: '0', vpc_id: subnet.vpc_id },
          az: s.availability_zone ?? FAKE_AZ,
          created: now(),
          updated: now(),
        });
        const jobId = job(
          'createServer',
          {
            sub_jobs_total: 1,
            sub_jobs: [{ status: 'RUNNING', entities: { server_id: id }, job_type: 'createSingleServer' }],
          },
          () => {
            const srv = st.servers.get(id);
            if (!srv) return 'Ecs.0000 the server vanished';
            srv.task = null;
            if (String(srv.name).startsWith('fail-')) {
              srv.status = 'ERROR';
              return 'Ecs.0013 Insufficient resources in the availability zone';
            }
            srv.status = 'ACTIVE';
          },
        );
        return { status: 200, body: { job_id: jobId, serverIds: [id] } };
      }
      case 'POST ecs v1 cloudservers/delete': {
        const ids = (body.servers as { id: string }[]).map((x) => x.id);
        for (const id of ids)
          need(st.servers.get(id), ecsError(404, 'Ecs.0114', `Instance[${id}] could not be found.`)).task = 'deleting';
        return {
          status: 200,
          body: {
            job_id: job('deleteServer', {}, () => {
              for (const id of ids) {
                const s = st.servers.get(id);
                if (!s) continue;
                for (const v of s.volumes) {
                  const vol = st.volumes.get(v);
                  if (vol) Object.assign(vol, { status: 'available', attachments: [] });
                }
                for (const e of st.eips.values()) if (e.port_id === s.portId) e.port_id = null;
                st.ports.delete(s.portId);
                st.servers.delete(id);
              }
            }),
          },
        };
      }
      case 'POST ecs v1 cloudservers/action': {
        const [action, spec] = Object.entries(body)[0] as [string, { servers: { id: string }[]; type?: string }];
        const servers = spec.servers.map((x) =>
          need(st.servers.get(x.id), ecsError(404, 'Ecs.0114', `Instance[${x.id}] could not be found.`)),
        );
        const plan: Record<string, { from: string; during: string; task: string; to: string; type: string }> = {
          'os-start': {
            from: 'SHUTOFF',
            during: 'SHUTOFF',
            task: 'powering-on',
            to: 'ACTIVE',
            type: 'batchStartServer',
          },
          'os-stop': { from: 'ACTIVE', during: 'ACTIVE', task: 'powering-off', to: 'SHUTOFF', type: 'batchStopServer' },
          reboot: {
            from: 'ACTIVE',
            during: spec.type === 'HARD' ? 'HARD_REBOOT' : 'REBOOT',
            task: 'rebooting',
            to: 'ACTIVE',
            type: 'batchRebootServer',
          },
        };
        const p = plan[action];
        if (!p) throw ecsError(400, 'Ecs.0005', `unknown action ${action}`);
        const wrong = servers.filter((s) => s.status !== p.from);
        for (const s of servers) if (s.status === p.from) Object.assign(s, { status: p.during, task: p.task });
        return {
          status: 200,
          body: {
            job_id: job(p.type, {}, () => {
              for (const s of servers)
                if (s.task === p.task) Object.assign(s, { status: p.to, task: null, updated: now() });
              if (wrong.length) return `Ecs.0103 the server ${wrong[0]!.id} is ${wrong[0]!.status}`;
            }),
          },
        };
      }
      case 'GET ecs v1 cloudservers/{id}':
        return {
          status: 200,
          body: {
            server: serverView(
              need(st.servers.get(at(3)), ecsError(404, 'Ecs.0114', `Instance[${at(3)}] could not be found.`)),
            ),
          },
        };
      case 'PUT ecs v1 cloudservers/{id}': {
        const s = need(st.servers.get(at(3)), ecsError(404, 'Ecs.0114', `Instance[${at(3)}] could not be found.`));
        const u = body.server as Json;
        if (u.name !== undefined) s.name = u.name;
        if (u.description !== undefined) s.description = u.description;
        s.updated = now();
        return { status: 200, body: { server: serverView(s) } };
      }
      case 'POST ecs v1 cloudservers/{id}/resize': {
        const s = need(st.servers.get(at(3)), ecsError(404, 'Ecs.0114', `Instance[${at(3)}] could not be found.`));
        const to = String((body.resize as Json).flavorRef);
        if (!flavors.some((f) => f.id === to)) throw ecsError(400, 'Ecs.0039', `flavor ${to} is invalid`);
        if (s.status !== 'SHUTOFF')
          throw ecsError(409, 'Ecs.0103', `the server is ${s.status}; stop it before a resize`);
        s.status = 'RESIZE';
        return {
          status: 200,
          body: {
            job_id: job(
              'resizeServer',
              { server_id: s.id },
              () => void Object.assign(s, { status: 'SHUTOFF', flavorId: to, updated: now() }),
            ),
          },
        };
      }
      case 'POST ecs v1 cloudservers/{id}/attachvolume': {
        const s = need(st.servers.get(at(3)), ecsError(404, 'Ecs.0114', `Instance[${at(3)}] could not be found.`));
        const a = body.volumeAttachment as { volumeId: string; device?: string };
        const v = need(
          st.volumes.get(a.volumeId),
          ecsError(404, 'Ecs.0114', `volume ${a.volumeId} could not be found.`),
        );
        if (v.status !== 'available') throw ecsError(409, 'Ecs.0046', `volume ${v.id} is ${v.status}`);
        v.status = 'attaching';
        const device = a.device ?? `/dev/vd${String.fromCharCode(98 + s.volumes.length)}`;
        return {
          status: 200,
          body: {
            job_id: job('attachVolume', { volume_id: v.id }, () => {
              v.status = 'in-use';
              v.attachments = [{ server_id: s.id, device }];
              s.volumes.push(v.id);
            }),
          },
        };
      }
      case 'DELETE ecs v1 cloudservers/{id}/detachvolume/{id}': {
        const s = need(st.servers.get(at(3)), ecsError(404, 'Ecs.0114', `Instance[${at(3)}] could not be found.`));
        const v = need(st.volumes.get(at(5)), ecsError(404, 'Ecs.0114', `volume ${at(5)} could not be found.`));
        if (!s.volumes.includes(v.id)) throw ecsError(400, 'Ecs.0047', `volume ${v.id} is not attached to the server`);
        v.status = 'detaching';
        return {
          status: 200,
          body: {
            job_id: job('detachVolume', { volume_id: v.id }, () => {
              v.status = 'available';
              v.attachments = [];
              s.volumes = s.volumes.filter((x) => x !== v.id);
            }),
          },
        };
      }

      // ---------- EVS ----------
      case 'GET evs v2 os-availability-zone':
        return { status: 200, body: { availabilityZoneInfo: [{ zoneName: FAKE_AZ, zoneState: { available: true } }] } };
      case 'GET evs v2 os-quota-sets/{id}': {
        const vols = [...st.volumes.values()];
        return {
          status: 200,
          body: {
            quota_set: {
              id: pid,
              volumes: { limit: 50, in_use: vols.length, reserved: 0 },
              gigabytes: { limit: 1000, in_use: vols.reduce((n, v) => n + v.size, 0), reserved: 0 },
              snapshots: { limit: 50, in_use: 0, reserved: 0 },
            },
          },
        };
      }
      case 'POST evs v2.1 cloudvolumes': {
        const v = body.volume as Json;
        const size = Number(v.size);
        if (!(size >= 1 && size <= 32768)) throw ecsError(400, 'EVS.2001', 'size must be 1-32768 GB');
        const id = randomUUID();
        st.volumes.set(id, {
          id,
          name: v.name ?? '',
          description: v.description ?? '',
          status: 'creating',
          size,
          availability_zone: v.availability_zone ?? FAKE_AZ,
          volume_type: v.volume_type ?? 'SAS',
          multiattach: v.multiattach ?? false,
          bootable: v.imageRef ? 'true' : 'false',
          attachments: [],
          ...(v.imageRef ? { volume_image_metadata: { image_id: v.imageRef } } : {}),
          created_at: now(),
          updated_at: now(),
        });
        return {
          status: 200,
          body: {
            job_id: job('createVolume', { volume_id: id }, () => void (st.volumes.get(id)!.status = 'available')),
            volume_ids: [id],
          },
        };
      }
      case 'GET evs v2 cloudvolumes/detail': {
        const name = q.get('name');
        const rows = [...st.volumes.values()].filter((v) => !name || String(v.name).includes(name));
        const offset = Number(q.get('offset') ?? 0);
        const limit = Number(q.get('limit') ?? 1000);
        return { status: 200, body: { count: rows.length, volumes: rows.slice(offset, offset + limit) } };
      }
      case 'GET evs v2 cloudvolumes/{id}':
        return {
          status: 200,
          body: { volume: need(st.volumes.get(at(3)), evsNotFound(`Volume ${at(3)} could not be found.`)) },
        };
      case 'DELETE evs v2 cloudvolumes/{id}': {
        const v = need(st.volumes.get(at(3)), evsNotFound(`Volume ${at(3)} could not be found.`));
        if (v.status !== 'available' && v.status !== 'error')
          throw ecsError(400, 'EVS.2024', `volume status is ${v.status}; it must be available or error`);
        v.status = 'deleting';
        return {
          status: 200,
          body: { job_id: job('deleteVolume', { volume_id: v.id }, () => void st.volumes.delete(v.id)) },
        };
      }
      case 'POST evs v2.1 cloudvolumes/{id}/action': {
        const v = need(st.volumes.get(at(3)), evsNotFound(`Volume ${at(3)} could not be found.`));
        const newSize = Number((body['os-extend'] as Json | undefined)?.new_size);
        if (!(newSize > v.size)) throw ecsError(400, 'EVS.2038', 'new_size must be greater than the current size');
        const was = v.status;
        v.status = 'extending';
        return {
          status: 200,
          body: {
            job_id: job(
              'extendVolume',
              { volume_id: v.id },
              () => void Object.assign(v, { status: was, size: newSize, updated_at: now() }),
            ),
          },
        };
      }

      // ---------- VPC ----------
      case 'GET vpc v1 vpcs':
        return { status: 200, body: { vpcs: byMarker([...st.vpcs.values()], q) } };
      case 'GET vpc v1 vpcs/{id}':
        return {
          status: 200,
          body: { vpc: need(st.vpcs.get(at(3)), vpcError(404, 'VPC.0202', 'Query vpc error vpcId is invalid.')) },
        };
      case 'POST vpc v1 vpcs': {
        const id = randomUUID();
        const v = {
          id,
          name: (body.vpc as Json).name,
          cidr: (body.vpc as Json).cidr ?? '',
          status: 'OK',
          created_at: now(),
        };
        st.vpcs.set(id, v);
        return { status: 200, body: { vpc: v } };
      }
      case 'DELETE vpc v1 vpcs/{id}': {
        need(st.vpcs.get(at(3)), vpcError(404, 'VPC.0202', 'Query vpc error vpcId is invalid.'));
        if ([...st.subnets.values()].some((s) => s.vpc_id === at(3)))
          throw vpcError(409, 'VPC.0103', 'the VPC still has subnets');
        st.vpcs.delete(at(3));
        return { status: 204 };
      }
      case 'GET vpc v1 subnets': {
        const vpc = q.get('vpc_id');
        return {
          status: 200,
          body: {
            subnets: byMarker(
              [...st.subnets.values()].filter((s) => !vpc || s.vpc_id === vpc),
              q,
            ),
          },
        };
      }
      case 'GET vpc v1 subnets/{id}':
        return {
          status: 200,
          body: {
            subnet: need(st.subnets.get(at(3)), vpcError(404, 'VPC.0302', 'Query subnet error subnetId is invalid.')),
          },
        };
      case 'POST vpc v1 subnets': {
        const s = body.subnet as {
          name: string;
          cidr: string;
          gateway_ip: string;
          vpc_id: string;
          availability_zone?: string;
        };
        need(st.vpcs.get(s.vpc_id), vpcError(404, 'VPC.0202', 'Query vpc error vpcId is invalid.'));
        if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s.cidr)) throw vpcError(400, 'VPC.0301', 'cidr is invalid');
        if ([...st.subnets.values()].some((x) => x.vpc_id === s.vpc_id && overlaps(x.cidr, s.cidr)))
          throw vpcError(400, 'VPC.0304', 'Subnet cidr conflicts with another subnet of the VPC');
        const id = randomUUID();
        const row = {
          id,
          name: s.name,
          cidr: s.cidr,
          gateway_ip: s.gateway_ip,
          vpc_id: s.vpc_id,
          status: 'ACTIVE',
          availability_zone: s.availability_zone ?? FAKE_AZ,
          neutron_subnet_id: randomUUID(),
          next: 10,
        };
        st.subnets.set(id, row);
        return { status: 200, body: { subnet: row } };
      }
      case 'DELETE vpc v1 vpcs/{id}/subnets/{id}': {
        const s = need(st.subnets.get(at(5)), vpcError(404, 'VPC.0302', 'Query subnet error subnetId is invalid.'));
        if ([...st.ports.values()].some((p) => p.subnet_id === s.id))
          throw vpcError(409, 'VPC.0305', 'the subnet still has ports in use');
        st.subnets.delete(s.id);
        return { status: 204 };
      }
      case 'GET vpc v1 ports': {
        const want = q.get('fixed_ips')?.replace(/^ip_address=/, '');
        const rows = [...st.ports.values()].filter((p) => !want || p.ip === want);
        return {
          status: 200,
          body: {
            ports: byMarker(rows, q).map((p) => ({
              id: p.id,
              device_id: p.device_id,
              device_owner: 'compute:' + FAKE_AZ,
              fixed_ips: [{ ip_address: p.ip, subnet_id: p.subnet_id }],
            })),
          },
        };
      }
      case 'GET vpc v1 ports/{id}': {
        const p = need(st.ports.get(at(3)), vpcError(404, 'VPC.0702', 'port not found'));
        return {
          status: 200,
          body: {
            port: { id: p.id, device_id: p.device_id, fixed_ips: [{ ip_address: p.ip, subnet_id: p.subnet_id }] },
          },
        };
      }
      case 'GET vpc v1 security-groups':
        return { status: 200, body: { security_groups: byMarker([...st.groups.values()], q).map(groupView) } };
      case 'GET vpc v1 security-groups/{id}':
        return {
          status: 200,
          body: {
            security_group: groupView(
              need(st.groups.get(at(3)), vpcError(404, 'VPC.0602', 'security group not found')),
            ),
          },
        };
      case 'POST vpc v1 security-groups': {
        const id = randomUUID();
        const g = {
          id,
          name: (body.security_group as Json).name,
          description: (body.security_group as Json).description ?? '',
          vpc_id: null,
          created_at: now(),
        };
        st.groups.set(id, g);
        defaultRules(id);
        return { status: 200, body: { security_group: groupView(g) } };
      }
      case 'DELETE vpc v1 security-groups/{id}': {
        need(st.groups.get(at(3)), vpcError(404, 'VPC.0602', 'security group not found'));
        if ([...st.servers.values()].some((s) => s.sg.includes(at(3))))
          throw vpcError(409, 'VPC.0606', 'the security group is in use by a server');
        st.groups.delete(at(3));
        for (const r of st.rules.values()) if (r.security_group_id === at(3)) st.rules.delete(r.id);
        return { status: 204 };
      }
      case 'POST vpc v1 security-group-rules': {
        const r = body.security_group_rule as Json & { security_group_id: string };
        need(st.groups.get(r.security_group_id), vpcError(404, 'VPC.0602', 'security group not found'));
        const fields = [
          'direction',
          'ethertype',
          'protocol',
          'port_range_min',
          'port_range_max',
          'remote_ip_prefix',
          'remote_group_id',
        ];
        const norm = (x: Json) => fields.map((f) => x[f] ?? null).join('|');
        if ([...st.rules.values()].some((x) => x.security_group_id === r.security_group_id && norm(x) === norm(r)))
          throw vpcError(409, 'VPC.0608', 'Security group rule already exists.');
        const id = randomUUID();
        const row = {
          id,
          description: '',
          ...Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
          security_group_id: r.security_group_id,
          ...(r.description ? { description: r.description } : {}),
        };
        st.rules.set(id, row);
        return { status: 200, body: { security_group_rule: row } };
      }
      case 'GET vpc v1 security-group-rules/{id}':
        return {
          status: 200,
          body: {
            security_group_rule: need(st.rules.get(at(3)), vpcError(404, 'VPC.0604', 'security group rule not found')),
          },
        };
      case 'DELETE vpc v1 security-group-rules/{id}':
        need(st.rules.get(at(3)), vpcError(404, 'VPC.0604', 'security group rule not found'));
        st.rules.delete(at(3));
        return { status: 204 };
      case 'POST vpc v1 publicips': {
        const id = randomUUID();
        const n = st.eips.size + 10;
        const p = body.publicip as Json;
        const e = {
          id,
          alias: p.alias,
          type: p.type,
          public_ip_address: `100.64.0.${n}`,
          ip_version: 4,
          port_id: null,
          bandwidth_name: (body.bandwidth as Json).name,
          bandwidth_size: (body.bandwidth as Json).size,
          create_time: now().replace('T', ' ').replace('Z', ''),
        };
        st.eips.set(id, e);
        return { status: 200, body: { publicip: eipView(e) } };
      }
      case 'GET vpc v1 publicips':
        return { status: 200, body: { publicips: byMarker([...st.eips.values()], q).map(eipView) } };
      case 'GET vpc v1 publicips/{id}':
        return {
          status: 200,
          body: { publicip: eipView(need(st.eips.get(at(3)), vpcError(404, 'VPC.0504', 'publicip not found'))) },
        };
      case 'PUT vpc v1 publicips/{id}': {
        const e = need(st.eips.get(at(3)), vpcError(404, 'VPC.0504', 'publicip not found'));
        const portId = (body.publicip as Json).port_id as string | null;
        if (portId && !st.ports.has(portId)) throw vpcError(400, 'VPC.0507', 'port is invalid');
        if (portId && e.port_id) throw vpcError(409, 'VPC.0514', 'Update port fail: the publicip is already bound');
        e.port_id = portId;
        return { status: 200, body: { publicip: eipView(e) } };
      }
      case 'DELETE vpc v1 publicips/{id}': {
        const e = need(st.eips.get(at(3)), vpcError(404, 'VPC.0504', 'publicip not found'));
        if (e.port_id) throw vpcError(409, 'VPC.0506', 'the publicip is bound');
        st.eips.delete(e.id);
        return { status: 204 };
      }

      // ---------- IMS ----------
      case 'POST ims v2 images': {
        // Creating image metadata (native OpenStack API): a private image in `queued`, awaiting its file.
        if (body.visibility && body.visibility !== 'private')
          throw imsError(400, 'IMG.0002', 'visibility can only be private when creating image metadata');
        const id = randomUUID();
        const img = {
          id,
          name: String(body.name ?? ''),
          status: 'queued',
          visibility: 'private',
          protected: body.protected === true,
          min_ram: Number(body.min_ram ?? 0),
          min_disk: Number(body.min_disk ?? 0),
          disk_format: String(body.disk_format ?? 'zvhd2'),
          container_format: String(body.container_format ?? 'bare'),
          tags: (body.tags as string[] | undefined) ?? [],
          owner: pid,
          size: null,
          checksum: null,
          __description: '',
          __support_arm: 'false',
          created_at: now(),
          updated_at: now(),
        };
        st.images.set(id, img);
        return { status: 201, body: img };
      }
      case 'PUT ims v1 cloudimages/{id}/upload': {
        // Registering an image: the file of a queued image comes from an OBS object, "bucket:object".
        const i = imageOf(at(2));
        if (i.status !== 'queued') throw imsError(400, 'IMG.0044', `image ${i.id} is ${i.status}, not queued`);
        const url = String(body.image_url ?? '');
        const sep = url.indexOf(':');
        const object = sep > 0 ? st.obs.buckets.get(url.slice(0, sep))?.get(url.slice(sep + 1)) : undefined;
        if (!object) throw imsError(400, 'IMG.0036', `image_url ${url} names no object in OBS`);
        const data = object.data;
        i.status = 'saving';
        return {
          status: 200,
          body: {
            job_id: job('importImage', { image_id: i.id }, () => {
              // IMS checks the file it imports; an empty one (no disk at all) fails the job and the image.
              if (data.length === 0) {
                i.status = 'killed';
                return 'IMG.0071 the image file is empty or not a disk image';
              }
              st.imageData.set(i.id, data);
              Object.assign(i, {
                status: 'active',
                size: data.length,
                __image_size: String(data.length),
                checksum: createHash('md5').update(data).digest('hex'),
                updated_at: now(),
              });
            }),
          },
        };
      }
      case 'POST ims v1 cloudimages/{id}/file': {
        // Exporting an image to an OBS object, "bucket:object".
        const i = imageOf(at(2));
        if (i.status !== 'active') throw imsError(400, 'IMG.0044', `image ${i.id} is ${i.status}, not active`);
        if (i.visibility === 'public') throw imsError(400, 'IMG.0137', 'public images cannot be exported');
        const url = String(body.bucket_url ?? '');
        const sep = url.indexOf(':');
        const bucket = sep > 0 ? st.obs.buckets.get(url.slice(0, sep)) : undefined;
        if (!bucket) throw imsError(400, 'IMG.0036', `bucket_url ${url} names no OBS bucket`);
        // An image made from a server has no file in the fake: a stand-in of its size (bounded) is exported.
        const data = st.imageData.get(i.id) ?? Buffer.alloc(Number(i.__image_size ?? 0) % (8 * 1024 * 1024), 1);
        return {
          status: 200,
          body: {
            job_id: job('exportImage', { image_id: i.id }, () => {
              bucket.set(url.slice(sep + 1), {
                data,
                etag: createHash('md5').update(data).digest('hex'),
                contentType: 'application/octet-stream',
              });
            }),
          },
        };
      }
      case 'GET ims v2 cloudimages': {
        const name = q.get('name');
        const status = q.get('status');
        const vis = q.get('visibility');
        const rows = [...st.images.values()].filter(
          (i) =>
            (!name || i.name === name || String(i.name).includes(name)) &&
            (!status || i.status === status) &&
            (!vis || i.visibility === vis),
        );
        return { status: 200, body: { images: byMarker(rows, q) } };
      }
      case 'GET ims v2 images/{id}':
        return {
          status: 200,
          body: need(st.images.get(at(2)), imsError(404, 'IMG.0027', `image ${at(2)} does not exist`)),
        };
      case 'DELETE ims v2 images/{id}': {
        const i = need(st.images.get(at(2)), imsError(404, 'IMG.0027', `image ${at(2)} does not exist`));
        if (i.visibility === 'public') throw imsError(403, 'IMG.0055', 'public images cannot be deleted');
        st.images.delete(i.id);
        st.imageData.delete(i.id);
        return { status: 204 };
      }
      case 'PATCH ims v2 cloudimages/{id}': {
        const i = need(st.images.get(at(2)), imsError(404, 'IMG.0027', `image ${at(2)} does not exist`));
        for (const op of body as unknown as { op: string; path: string; value: unknown }[]) {
          if (op.op !== 'replace' || !['/name', '/__description', '/min_ram', '/min_disk'].includes(op.path))
            throw imsError(400, 'IMG.0001', `cannot ${op.op} ${op.path}`);
          i[op.path.slice(1)] = op.value;
        }
        i.updated_at = now();
        return { status: 200, body: i };
      }
      case 'POST ims v2 cloudimages/action': {
        const s = need(
          st.servers.get(String(body.instance_id)),
          imsError(400, 'IMG.0028', `server ${String(body.instance_id)} does not exist`),
        );
        const id = randomUUID();
        st.images.set(id, {
          id,
          name: body.name,
          __description: body.description ?? '',
          status: 'saving',
          visibility: 'private',
          protected: false,
          min_ram: 0,
          min_disk: 1,
          disk_format: 'qcow2',
          owner: pid,
          __image_size: '0',
          created_at: now(),
          updated_at: now(),
          __support_arm: 'false',
          __origin_server: s.id,
        });
        return {
          status: 200,
          body: {
            job_id: job(
              'createImage',
              { image_id: id },
              () => void Object.assign(st.images.get(id) ?? {}, { status: 'active', __image_size: '42949672' }),
            ),
          },
        };
      }

      // ---------- classic ELB ----------
      case 'POST elb v1.0 elbaas/loadbalancers': {
        const id = randomUUID();
        const vip = body.type === 'Internal' ? `192.168.0.${200 + st.lbs.size}` : `100.65.0.${10 + st.lbs.size}`;
        st.lbs.set(id, {
          id,
          name: body.name,
          description: body.description ?? '',
          status: 'PENDING_CREATE',
          vip_address: vip,
          vip_subnet_id: body.vip_subnet_id,
          vpc_id: body.vpc_id,
          type: body.type,
          create_time: now().replace('T', ' ').replace('Z', ''),
        });
        const jobId = job('createELB', { elb: { id } }, () => void (st.lbs.get(id)!.status = 'ACTIVE'));
        return { status: 200, body: { uri: `/v1.0/${pid}/jobs/${jobId}`, job_id: jobId } };
      }
      case 'GET elb v1.0 elbaas/loadbalancers':
        return { status: 200, body: { loadbalancers: [...st.lbs.values()], instance_num: String(st.lbs.size) } };
      case 'GET elb v1.0 elbaas/loadbalancers/{id}':
        return {
          status: 200,
          body: need(st.lbs.get(at(4)), ecsError(404, 'ELB.1001', `load balancer ${at(4)} does not exist`)),
        };
      case 'DELETE elb v1.0 elbaas/loadbalancers/{id}': {
        const lb = need(st.lbs.get(at(4)), ecsError(404, 'ELB.1001', `load balancer ${at(4)} does not exist`));
        lb.status = 'PENDING_DELETE';
        const jobId = job('deleteELB', { elb: { id: lb.id } }, () => {
          for (const l of st.listeners.values()) if (l.loadbalancer_id === lb.id) st.listeners.delete(l.id);
          st.lbs.delete(lb.id);
        });
        return { status: 200, body: { uri: `/v1.0/${pid}/jobs/${jobId}`, job_id: jobId } };
      }
      case 'POST elb v1.0 elbaas/listeners': {
        need(st.lbs.get(String(body.loadbalancer_id)), ecsError(404, 'ELB.1001', 'load balancer does not exist'));
        const id = randomUUID().replace(/-/g, '');
        const l = { id, ...body, status: 'ACTIVE', create_time: now() } as unknown as Json & {
          id: string;
          loadbalancer_id: string;
        };
        st.listeners.set(id, l);
        return { status: 200, body: l };
      }
      case 'GET elb v1.0 elbaas/listeners': {
        const lb = q.get('loadbalancer_id');
        return { status: 200, body: [...st.listeners.values()].filter((l) => !lb || l.loadbalancer_id === lb) };
      }
      case 'DELETE elb v1.0 elbaas/listeners/{id}':
        need(st.listeners.get(at(4)), ecsError(404, 'ELB.2001', 'listener does not exist'));
        st.listeners.delete(at(4));
        for (const m of st.members.values()) if (m.listener_id === at(4)) st.members.delete(m.id);
        return { status: 204 };
      case 'GET elb v1.0 elbaas/listeners/{id}/members':
        need(st.listeners.get(at(4)), ecsError(404, 'ELB.2001', 'listener does not exist'));
        return {
          status: 200,
          body: [...st.members.values()]
            .filter((m) => m.listener_id === at(4))
            .map((m) => ({ ...m, health_status: 'NORMAL', listeners: [{ id: m.listener_id }] })),
        };
      case 'POST elb v1.0 elbaas/listeners/{id}/members': {
        const l = need(st.listeners.get(at(4)), ecsError(404, 'ELB.2001', 'listener does not exist'));
        const add = body as unknown as { server_id: string; address: string }[];
        for (const a of add)
          need(st.servers.get(a.server_id), ecsError(400, 'ELB.3002', `server ${a.server_id} does not exist`));
        const jobId = job(
          'addMember',
          {},
          () => {
            for (const a of add) {
              const id = randomUUID().replace(/-/g, '');
              st.members.set(id, {
                id,
                listener_id: l.id,
                server_id: a.server_id,
                address: a.address,
                server_name: String(st.servers.get(a.server_id)?.name ?? ''),
              });
            }
          },
          20,
        );
        return { status: 200, body: { uri: `/v1.0/${pid}/jobs/${jobId}`, job_id: jobId } };
      }
      case 'POST elb v1.0 elbaas/listeners/{id}/members/action': {
        need(st.listeners.get(at(4)), ecsError(404, 'ELB.2001', 'listener does not exist'));
        const ids = ((body.removeMember as { id: string }[] | undefined) ?? []).map((m) => m.id);
        const jobId = job('removeMember', {}, () => void ids.forEach((id) => st.members.delete(id)), 20);
        return { status: 200, body: { uri: `/v1.0/${pid}/jobs/${jobId}`, job_id: jobId } };
      }
    }
    throw ecsError(
      404,
      'APIGW.0101',
      `The API does not exist or has not been published in the environment (${method} /${service}${path})`,
    );
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const [, service = '', ...rest] = url.pathname.split('/');
      if (service === 'obs') {
        // OBS signs its own way and carries bytes, not JSON: its own handler (huaweicloud-obs.ts).
        const r = handleObs(st.obs, opts.keys, req, '/' + rest.join('/'), url.searchParams, Buffer.concat(chunks));
        st.log.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, status: r.status, ak: r.ak });
        res.writeHead(r.status, r.headers);
        res.end(r.body);
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const ak = verifySignature(req, req.url ?? '/', raw, opts.keys);
      st.log.push({ method: req.method ?? 'GET', path: url.pathname, ak });
      let reply: Reply;
      if (!ak)
        reply = {
          status: 401,
          body: {
            error_code: 'APIGW.0301',
            error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
          },
        };
      else {
        try {
          reply = route(
            req.method ?? 'GET',
            service,
            '/' + rest.join('/'),
            url.searchParams,
            raw ? (JSON.parse(raw) as Json) : {},
          );
        } catch (e) {
          reply =
            e instanceof HttpError
              ? { status: e.status, body: e.body }
              : { status: 500, body: { error: { code: 'Common.0500', message: String(e) } } };
        }
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=utf8', 'X-Request-Id': randomUUID() });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    endpointTemplate: `http://127.0.0.1:${port}/{service}`,
    state: st,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
