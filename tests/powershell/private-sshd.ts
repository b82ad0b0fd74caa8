/**
 * Helpers for tests that run a private sshd on 127.0.0.1 (tests/powershell/ssh.test.ts and
 * tests/ansible/playbooks.test.ts): a free port, the banner it answers with, and `sshd -T`.
 */
import { execFileSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export const SSHD = '/usr/sbin/sshd';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The first line sshd sends, or '' when nothing answers on the port. */
export function sshBanner(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let data = '';
    const done = (value: string) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2000, () => done(''));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\n')) done(data.split('\n')[0] ?? '');
    });
    socket.on('error', () => done(''));
  });
}

export async function waitForBanner(port: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const banner = await sshBanner(port);
    if (banner.startsWith('SSH-2.0-')) return banner;
    await new Promise((r) => setTimeout(r, 100));
  }
  return '';
}

/** `sshd -T`: the configuration sshd would run with, as keyword -> values. */
export function effectiveConfig(configPath: string): Map<string, string[]> {
  const out = execFileSync(SSHD, ['-T', '-f', configPath], { encoding: 'utf8' });
  const map = new Map<string, string[]>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [keyword = '', ...rest] = line.split(' ');
    map.set(keyword, [...(map.get(keyword) ?? []), rest.join(' ')]);
  }
  return map;
}
