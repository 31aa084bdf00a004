import 'server-only';
import { createHash } from 'node:crypto';

/**
 * The simulated server's serial console: what a cloud image's kernel, systemd and cloud-init would print, written
 * from what the simulator knows of the server (its flavor, image, addresses, key pair) and replayed for each status
 * change the events table recorded since (a reboot prints a shutdown and a new boot, a stop a power-off, a start a
 * boot). Deterministic per server and history, so two reads of the same moment agree, and only what has happened by
 * `now` is shown: a building server's log stops mid-boot.
 */
export interface ConsoleServer {
  id: string;
  name: string;
  vcpus: number;
  ram_mb: number;
  disk_gb: number;
  image_name: string | null;
  key_name: string | null;
  addresses: string[];
  created_at: Date;
}

export interface ConsoleEvent {
  at: Date;
  status: string;
}

interface Line {
  at: number;
  text: string;
}

/** Seconds since the boot, as the kernel prints them: `[    1.234567]`. */
const stamp = (s: number) => `[${s.toFixed(6).padStart(12, ' ')}]`;

function bootLines(s: ConsoleServer, start: number, boot: number, ms: number): Line[] {
  // A per-server, per-boot jitter so the numbers look measured rather than templated.
  const seed = createHash('sha256').update(`${s.id}:${boot}`).digest();
  const jitter = (i: number) => (seed[i % seed.length]! / 255) * 0.2;
  const image = s.image_name ?? 'volume';
  const kernel: Array<[number, string]> = [
    [0, `Linux version 6.1.0-26-cloud-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC`],
    [0, `Command line: BOOT_IMAGE=/boot/vmlinuz root=/dev/vda1 ro console=tty0 console=ttyS0,115200`],
    [0, `DMI: OpenStack Foundation OpenStack Nova, BIOS 1.16.2-debian 04/01/2014`],
    [0.01, `Memory: ${s.ram_mb * 1024 - 65536}K/${s.ram_mb * 1024}K available`],
    [0.02, `smpboot: Allowing ${s.vcpus} CPUs, 0 hotplug CPUs`],
    [0.3 + jitter(1), `virtio_blk virtio2: [vda] ${s.disk_gb * 2097152} 512-byte logical blocks (${s.disk_gb} GiB)`],
    [0.5 + jitter(2), `EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: none.`],
    [0.9 + jitter(3), `systemd[1]: systemd 252 running in system mode`],
    [1.1 + jitter(4), `systemd[1]: Hostname set to <${s.name}>.`],
  ];
  const lines: Line[] = kernel.map(([t, text]) => ({ at: start + t * ms, text: `${stamp(t)} ${text}` }));
  const userland: Array<[number, string]> = [
    [1.4 + jitter(5), `[  OK  ] Started systemd-journald.service - Journal Service.`],
    [1.8 + jitter(6), `[  OK  ] Reached target network-pre.target - Preparation for Network.`],
    [2.2 + jitter(7), `         Starting cloud-init-local.service - Initial cloud-init job (pre-networking)...`],
    [
      2.9 + jitter(8),
      `cloud-init[412]: Cloud-init v. 22.4.2 running 'init' at ${new Date(start + 2.9 * ms).toUTCString()}.`,
    ],
    [3.0 + jitter(9), `cloud-init[412]: ci-info: +++++++++++++++++++++++Net device info+++++++++++++++++++++++`],
    ...s.addresses.map(
      (ip, i) =>
        [3.0 + jitter(10 + i), `cloud-init[412]: ci-info: | eth${i} | True | ${ip} | 255.255.255.0 | global |`] as [
          number,
          string,
        ],
    ),
    [
      3.4 + jitter(20),
      s.key_name
        ? `cloud-init[412]: ci-info: Authorized keys from key pair ${s.key_name} installed for user debian`
        : `cloud-init[412]: ci-info: no authorized SSH keys fingerprints found for user debian.`,
    ],
    [3.8 + jitter(21), `[  OK  ] Started ssh.service - OpenBSD Secure Shell server.`],
    [4.1 + jitter(22), `[  OK  ] Reached target multi-user.target - Multi-User System.`],
    [
      4.2 + jitter(23),
      `cloud-init[598]: Cloud-init v. 22.4.2 finished. Datasource DataSourceOpenStack. Up 4.20 seconds`,
    ],
    [4.3 + jitter(24), ``],
    [4.3 + jitter(24), `${image} GNU/Linux ${s.name} ttyS0`],
    [4.3 + jitter(24), ``],
    [4.3 + jitter(24), `${s.name} login: `],
  ];
  for (const [t, text] of userland) lines.push({ at: start + t * ms, text });
  return lines;
}

const shutdownLines = (at: number, reboot: boolean, ms: number): Line[] =>
  [
    `[  OK  ] Stopped target multi-user.target - Multi-User System.`,
    `[  OK  ] Stopped ssh.service - OpenBSD Secure Shell server.`,
    `[  OK  ] Reached target ${reboot ? 'reboot.target - System Reboot' : 'poweroff.target - System Power Off'}.`,
    reboot ? `reboot: Restarting system` : `reboot: Power down`,
  ].map((text, i) => ({ at: at + i * 0.1 * ms, text }));

/**
 * The whole console up to `now`, as lines; the caller keeps the last ones. `ms` is how long one of the guest's
 * seconds takes (1000 scaled by SIM_SPEED, as the simulator's transitions are).
 */
export function consoleLines(s: ConsoleServer, events: ConsoleEvent[], now: number, ms = 1000): string[] {
  const lines: Line[] = [];
  let boot = 0;
  lines.push(...bootLines(s, s.created_at.getTime(), boot++, ms));
  let running = true;
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const at = e.at.getTime();
    if (at <= s.created_at.getTime()) continue;
    if (e.status === 'rebooting') {
      lines.push(...shutdownLines(at, true, ms));
      lines.push(...bootLines(s, at + 0.5 * ms, boot++, ms));
      running = true;
    } else if (e.status === 'stopped' && running) {
      lines.push(...shutdownLines(at, false, ms));
      running = false;
    } else if (e.status === 'active' && !running) {
      lines.push(...bootLines(s, at, boot++, ms));
      running = true;
    }
  }
  return lines.filter((l) => l.at <= now).map((l) => l.text);
}
