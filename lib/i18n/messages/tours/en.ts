import type { ToursKey } from './zh-CN';

export const toursEn: Record<ToursKey, string> = {
  'tours.menu': 'Tours',
  'tours.menuTitle': 'Guided tours',
  'tours.start': 'Start',
  'tours.adminOnly': 'Needs an administrator',

  'tours.engine.label': 'Tour: {tour}',
  'tours.engine.progress': '{n}/{total}',
  'tours.engine.back': 'Back',
  'tours.engine.next': 'Next',
  'tours.engine.finish': 'Finish',
  'tours.engine.close': 'Close tour',
  'tours.engine.doIt': 'Do it for me',
  'tours.engine.working': 'Working…',
  'tours.engine.waiting': 'Waiting for this step: do it yourself, or click “Do it for me”.',
  'tours.engine.stepDone': 'This step is done.',
  'tours.engine.backTo': 'Back to step {n}',
  'tours.engine.openPage': 'Open this step’s page',
  'tours.engine.notFound': '“{what}” is not on the page: please do this step by hand as described.',
  'tours.engine.failed': 'The action did not finish: please do this step by hand as described.',

  'tours.firstLook.title': 'First look',
  'tours.firstLook.summary': 'The overview, datacenters, quotas and the sidebar by the standard’s four classes.',
  'tours.firstLook.overview.title': 'Overview',
  'tours.firstLook.overview.body':
    'After signing in you see the overview: the project’s resources, quotas and recent activity.',
  'tours.firstLook.datacenters.title': 'Datacenters',
  'tours.firstLook.datacenters.body':
    'The cloud’s datacenters and their status. Servers and volumes are created in one of them.',
  'tours.firstLook.quotas.title': 'Quotas',
  'tours.firstLook.quotas.body':
    'The project’s quotas: how much is used and how much is left. A request beyond a quota is refused with the reason.',
  'tours.firstLook.sidebar.title': 'The four interface classes',
  'tours.firstLook.sidebar.body':
    'The sidebar groups pages like the standard’s four interface classes: basic, compute, network, storage; administrators also get Administration.',
  'tours.firstLook.filter.title': 'By datacenter',
  'tours.firstLook.filter.body': 'The top bar narrows the lists to one datacenter, and switches language and theme.',
  'tours.firstLook.tasks.title': 'Tasks',
  'tours.firstLook.tasks.body':
    'Every operation that takes time (create, attach, migrate…) shows in the task tray until it succeeds or fails.',

  'tours.gis.title': 'Publish a GIS tile service',
  'tours.gis.summary': 'Network and subnet → security group with HTTP/HTTPS → two servers → load balancer → public IP.',
  'tours.gis.network.title': 'Create a network',
  'tours.gis.network.body': 'On the Networks page click “Create network” and name it {net}.',
  'tours.gis.subnet.title': 'Add a subnet',
  'tours.gis.subnet.body': 'On network {net} click “Add subnet”: name {sub}, CIDR {cidr}.',
  'tours.gis.sg.title': 'Create a security group',
  'tours.gis.sg.body': 'On the Security groups page create the group {sg}.',
  'tours.gis.rules.title': 'Open HTTP and HTTPS',
  'tours.gis.rules.body':
    'In group {sg} add one ingress rule each with the presets HTTP (80) and HTTPS (443), remote 0.0.0.0/0.',
  'tours.gis.server1.title': 'The first tile server',
  'tours.gis.server2.title': 'The second tile server',
  'tours.gis.server.body':
    'Create server {name} with the wizard: datacenter Beijing 1, flavor s1.small, image cirros, network {net} / {sub}, security group {sg}. Wait until it is active.',
  'tours.gis.lb.title': 'Create a load balancer',
  'tours.gis.lb.body': 'On the Load balancers page create {lb} on subnet {sub}. Wait until it is active.',
  'tours.gis.members.title': 'Listener and members',
  'tours.gis.members.body': 'On {lb} add a listener on port 80, then add {server1} and {server2} as members (port 80).',
  'tours.gis.pip.title': 'Public IP',
  'tours.gis.pip.body': 'Allocate the public IP {pip} and bind it to {server1}.',
  'tours.gis.end.title': 'The service is published',
  'tours.gis.end.body':
    'The topology shows the network, the two servers, the load balancer and the public IP together.',
  'tours.gis.needsNetwork': 'Needs the network {net}: go back to step 1 to create it.',
  'tours.gis.needsSubnet': 'Network {net} has no subnet {sub} yet: go back to step 2.',
  'tours.gis.needsSg': 'Needs the security group {sg}: go back to step 3 to create it.',
  'tours.gis.needsRules': 'Group {sg} does not open HTTP and HTTPS yet: go back to step 4.',
  'tours.gis.needsServer': 'Server {name} does not exist or is not active: go back to the step that creates it.',
  'tours.gis.needsLb': 'Load balancer {lb} does not exist or is not active yet: go back to step 7.',

  'tours.storage.title': 'Cloud disks',
  'tours.storage.summary': 'Create a cloud disk, attach it to a server, extend it, detach it.',
  'tours.storage.create.title': 'Create a cloud disk',
  'tours.storage.create.body': 'Name {disk}, datacenter Beijing 1, size 10 GB, then “Create volume”.',
  'tours.storage.server.title': 'A server',
  'tours.storage.server.body':
    'The disk is attached to an active or stopped server in Beijing 1. If there is one, click Next; if not, create {vm} with the wizard (s1.small, cirros).',
  'tours.storage.attach.title': 'Attach',
  'tours.storage.attach.body': 'On the page of {disk} click “Attach” and pick a running server.',
  'tours.storage.extend.title': 'Extend',
  'tours.storage.extend.body': 'Click “Extend” and grow {disk} to 20 GB. An attached disk can be extended too.',
  'tours.storage.detach.title': 'Detach',
  'tours.storage.detach.body': 'Under Attachments click “Detach” and confirm.',
  'tours.storage.end.title': 'Done',
  'tours.storage.end.body': '{disk} is available again: attach it to another server, or delete it.',
  'tours.storage.needsDisk': 'Needs the disk {disk}: go back to step 1 to create it.',
  'tours.storage.needsServer': 'Needs an active or stopped server in Beijing 1: go back to step 2 to create one.',
  'tours.storage.needsAttached': '{disk} is changing: wait a moment, or go back to step 2 to attach it.',

  'tours.admin.title': 'An administrator’s round',
  'tours.admin.summary': 'A new project and user, quotas, host capacity, a live migration and the audit log.',
  'tours.admin.project.title': 'A new project',
  'tours.admin.project.body': 'On the Projects page click “Create project”, project name {project}.',
  'tours.admin.user.title': 'A new user',
  'tours.admin.user.body': 'On the Users page create the user {user} in project {project}.',
  'tours.admin.quotas.title': 'Quotas',
  'tours.admin.quotas.body': 'On the row of {project} click “Quotas” and set Instances to {instances}.',
  'tours.admin.hosts.title': 'Host capacity',
  'tours.admin.hosts.body': 'Each compute host’s vCPU and memory use: before a migration, see which one has room.',
  'tours.admin.server.title': 'A running server',
  'tours.admin.server.body':
    'A live migration needs a running server. If there is one, click Next; if not, create one in the admin project with the wizard.',
  'tours.admin.migrate.title': 'Live migration',
  'tours.admin.migrate.body':
    'This server is running. Click “Live migrate”, pick a host with room, and wait until it is active on the new host.',
  'tours.admin.audit.title': 'The audit log',
  'tours.admin.audit.body':
    'Each thing just done (creating {project} and {user}, the quota, the migration) is in the audit log: who, when, the result.',
  'tours.admin.needsProject': 'Needs the project {project}: go back to step 1 to create it.',
  'tours.admin.needsServer': 'No running server to migrate: go back to step 5 to create one.',
  'tours.faults.title': 'When things go wrong',
  'tours.faults.summary':
    'Take a host down and a datacenter offline from the presenter’s panel: the banner, a server in error, the task tray, the audit log, then recovery.',
  'tours.faults.server.title': 'A server to watch',
  'tours.faults.server.body':
    'First create the server {vm} with the wizard (Beijing 1, s1.small, cirros) and wait until it is active. The faults that follow hit the host it runs on.',
  'tours.faults.hostDown.title': 'Take its host down',
  'tours.faults.hostDown.body':
    'This is the presenter’s panel (simulator, administrators only). Under “Host down” pick the host {vm} runs on (its page names it) and click “Apply”.',
  'tours.faults.banner.title': 'Everyone sees it',
  'tours.faults.banner.body':
    'The red banner on top of every page names each fault that is on, for everyone signed in. In the list, {vm} and every other server on that host are now in error.',
  'tours.faults.serverError.title': 'The server in error',
  'tours.faults.serverError.body':
    'The page of {vm} says error; its buttons follow the status: in error only stop, hard reboot, rename and delete are allowed, and a greyed button says why on hover.',
  'tours.faults.host.title': 'The host’s page',
  'tours.faults.host.body':
    'The host’s page lists its servers: while it is down they are all in error, and no new server is scheduled onto it.',
  'tours.faults.datacenter.title': 'Now the datacenter',
  'tours.faults.datacenter.body':
    'Back on the presenter’s panel, under “Datacenter unavailable” pick the datacenter of {vm} (Beijing 1) and click “Apply”. Its resources can still be read there, but every change is refused.',
  'tours.faults.tasks.title': 'The task tray records the failure',
  'tours.faults.tasks.body':
    'On the page of {vm} click “Hard reboot”: the datacenter is unavailable, so the cloud refuses it. The top bar’s “Tasks” records the attempt as failed, with the reason.',
  'tours.faults.recover.title': 'Recovery',
  'tours.faults.recover.body':
    'On the presenter’s panel click “Turn all off”: the host is back, the datacenter available again, the banner gone.',
  'tours.faults.back.title': 'The server is back',
  'tours.faults.back.body':
    'With its host back, {vm} is again in the status it had before the fault (active), and can be used as before.',
  'tours.faults.audit.title': 'The audit log',
  'tours.faults.audit.body':
    'Each thing just done is in the audit log: every switch of the fault panel (demo.faults) and the refused hard reboot (result: failure), with who, when and the result.',
  'tours.faults.needsServer': 'Needs the running server {vm}: go back to step 1 to create it.',
  'tours.faults.needsHostDown': 'The host of {vm} is not down yet: go back to step 2 to switch the fault on.',
  'tours.faults.needsError': '{vm} is not in error yet: wait a moment, or go back to step 2 and check the switch.',
  'tours.faults.needsDatacenter':
    'The datacenter of {vm} is still available: go back to step 6 to switch the fault on.',
  'tours.faults.needsOff': 'A fault is still on: go back to step 8 to turn them all off.',
  'tours.faults.needsBack': '{vm} is not active again yet: wait a moment.',
};
