import 'server-only';
import type { LoadBalancer } from '@/lib/contract/load-balancer';
import { loadBalancerSortFields } from '@/lib/contract/load-balancer';
import { conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { ecsServer, orNotFound } from './compute';
import type { HwDeps } from './context';
import { failedJob, getJob, jobOf, jobsOf, settleJob, trackJob, type JobState } from './jobs';
import type { HwSubnet, HwVpc } from './mappers/network';
import { toLoadBalancer, type ElbListener, type ElbLoadBalancer, type ElbMember } from './mappers/load-balancer';
import { getOne, hw, listAll } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

/**
 * Classic ELB v1.0: creation, deletion and member changes are jobs (answered as `{uri, job_id}`); members belong
 * to listeners, so the standard's LB-wide member set is kept on every listener, at each listener's backend port.
 */
export function hwLoadBalancers(d: HwDeps): CloudProvider['loadBalancers'] {
  const elb = (ctx: ProviderContext, id: string) =>
    orNotFound(getOne<ElbLoadBalancer>(d, ctx, hw.loadBalancers, id), 'load balancer', id);
  const listenersOf = (ctx: ProviderContext, lbId?: string) =>
    listAll<ElbListener>(d, ctx, hw.listeners, { loadbalancer_id: lbId });
  const membersOf = (ctx: ProviderContext, listenerId: string) =>
    d.call<ElbMember[]>(ctx, 'elb', 'GET', `${hw.listeners.path}/${encodeURIComponent(listenerId)}/members`);

  async function view(
    ctx: ProviderContext,
    lb: ElbLoadBalancer,
    listeners?: ElbListener[],
    jobs?: Map<string, JobState>,
  ): Promise<LoadBalancer> {
    const mine = (listeners ?? (await listenersOf(ctx, lb.id))).filter((l) => l.loadbalancer_id === lb.id);
    const members = new Map<string, ElbMember & { port: number }>();
    for (const l of mine)
      for (const m of await membersOf(ctx, l.id))
        if (!members.has(m.server_id)) members.set(m.server_id, { ...m, port: l.backend_port });
    const mapped = toLoadBalancer(lb, mine, members, ctx.projectId);
    const job = jobs ? jobs.get(lb.id) : await jobOf(d, ctx, lb.id);
    if (job?.status === 'RUNNING' && job.kind === 'delete') return { ...mapped, status: 'deleting' };
    if (job?.status === 'RUNNING' && mapped.status === 'active') return { ...mapped, status: 'updating' };
    return mapped;
  }

  async function memberJob(ctx: ProviderContext, lbId: string, path: string, body: unknown) {
    const r = await d.call<{ uri?: string; job_id: string }>(ctx, 'elb', 'POST', path, { body });
    await trackJob(lbId, 'elb', r.job_id, 'attach');
    const job = await settleJob(d, ctx, 'elb', r.job_id, 1500, r.uri);
    if (job.status === 'FAIL') throw failedJob(job, `the member change of load balancer ${lbId}`);
  }

  return {
    async create(ctx, input) {
      let vpcId: string | undefined;
      let subnetId: string | undefined;
      if (input.subnet_id) {
        const s = await orNotFound(getOne<HwSubnet>(d, ctx, hw.subnets, input.subnet_id), 'subnet', input.subnet_id);
        vpcId = s.vpc_id;
        subnetId = s.neutron_subnet_id ?? s.id;
      } else {
        vpcId = (await listAll<HwVpc>(d, ctx, hw.vpcs))[0]?.id;
        if (!vpcId) throw conflict('the project has no VPC to place a load balancer in');
      }
      // With a subnet: an Internal LB with its VIP there; without: an External one on a 1 Mbit/s dedicated bandwidth.
      const body = subnetId
        ? {
            name: input.name,
            description: input.description,
            vpc_id: vpcId,
            type: 'Internal',
            vip_subnet_id: subnetId,
            admin_state_up: 1,
          }
        : {
            name: input.name,
            description: input.description,
            vpc_id: vpcId,
            type: 'External',
            bandwidth: 1,
            admin_state_up: 1,
          };
      const r = await d.call<{ uri?: string; job_id: string }>(ctx, 'elb', 'POST', hw.loadBalancers.path, { body });
      const job = await settleJob(d, ctx, 'elb', r.job_id, 10_000, r.uri);
      const id = (job.entities as { elb?: { id?: string } } | undefined)?.elb?.id;
      if (job.status === 'FAIL' || !id)
        throw job.status === 'FAIL'
          ? failedJob(job, 'load balancer creation')
          : conflict('ELB accepted the load balancer but did not name it in time');
      await trackJob(id, 'elb', r.job_id, 'create');
      return view(ctx, await elb(ctx, id));
    },
    async remove(ctx, id) {
      await elb(ctx, id);
      const r = await d.call<{ uri?: string; job_id: string }>(
        ctx,
        'elb',
        'DELETE',
        `${hw.loadBalancers.path}/${encodeURIComponent(id)}`,
      );
      await trackJob(id, 'elb', r.job_id, 'delete');
      const job = await getJob(d, ctx, 'elb', r.job_id, r.uri);
      return { pending: job.status !== 'SUCCESS' };
    },
    get: async (ctx, id) => view(ctx, await elb(ctx, id)),
    async list(ctx, q) {
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /load-balancers#project_id');
      const [lbs, listeners] = await Promise.all([
        listAll<ElbLoadBalancer>(d, ctx, hw.loadBalancers),
        listenersOf(ctx),
      ]);
      const jobs = await jobsOf(
        d,
        ctx,
        lbs.map((lb) => lb.id),
      );
      let items = await Promise.all(lbs.map((lb) => view(ctx, lb, listeners, jobs)));
      if (q.status) items = items.filter((x) => x.status === q.status);
      return pageOf(
        items,
        q,
        Object.fromEntries(loadBalancerSortFields.map((f) => [f, (x: LoadBalancer) => x[f]])),
        (x) => x.name,
      );
    },
    async changeMembers(ctx, id, input) {
      const lb = await elb(ctx, id);
      const listeners = await listenersOf(ctx, id);
      if (!listeners.length)
        throw conflict(
          `load balancer ${id} has no listener; classic ELB keeps members per listener, so add a listener first`,
        );
      if (input.op === 'add') {
        const s = await ecsServer(d, ctx, input.server_id);
        const address = Object.values(s.addresses ?? {})
          .flat()
          .find((a) => a['OS-EXT-IPS:type'] !== 'floating')?.addr;
        if (!address) throw conflict(`server ${s.id} has no private address to balance to`);
        for (const l of listeners) {
          if ((await membersOf(ctx, l.id)).some((m) => m.server_id === s.id)) continue;
          await memberJob(ctx, id, `${hw.listeners.path}/${encodeURIComponent(l.id)}/members`, [
            { server_id: s.id, address },
          ]);
        }
      } else {
        let found = false;
        for (const l of listeners) {
          const gone = (await membersOf(ctx, l.id)).filter((m) =>
            input.server_id ? m.server_id === input.server_id : m.address === input.server_ip,
          );
          if (!gone.length) continue;
          found = true;
          await memberJob(ctx, id, `${hw.listeners.path}/${encodeURIComponent(l.id)}/members/action`, {
            removeMember: gone.map((m) => ({ id: m.id })),
          });
        }
        if (!found) throw notFound('member', input.server_id ?? input.server_ip ?? '');
      }
      return view(ctx, lb);
    },
    async addListener(ctx, id, input) {
      const lb = await elb(ctx, id);
      const existing = await listenersOf(ctx, id);
      if (existing.some((l) => l.port === input.port))
        throw conflict(`load balancer ${id} already listens on port ${input.port}`);
      await d.call(ctx, 'elb', 'POST', hw.listeners.path, {
        body: {
          name: `${input.protocol.toLowerCase()}-${input.port}`,
          loadbalancer_id: id,
          protocol: input.protocol,
          port: input.port,
          backend_protocol: input.protocol,
          backend_port: input.port,
          lb_algorithm: 'roundrobin',
        },
      });
      return view(ctx, lb);
    },
    async removeListener(ctx, id, listenerId) {
      const lb = await elb(ctx, id);
      if (!(await listenersOf(ctx, id)).some((l) => l.id === listenerId)) throw notFound('listener', listenerId);
      await d.call(ctx, 'elb', 'DELETE', `${hw.listeners.path}/${encodeURIComponent(listenerId)}`);
      return view(ctx, lb);
    },
  };
}
