/**
 * Finding Ansible for the Ansible checks (tests/ansible/*.test.ts): Debian's `ansible` and
 * `ansible-lint` packages, on PATH. Without them the checks are skipped with one clear line, except
 * under CI=true, where a missing tool is a failing test (as for pwsh in tests/powershell/pwsh.ts).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, test } from 'vitest';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const ANSIBLE_PLAYBOOK = onPath('ansible-playbook');
export const ANSIBLE_LINT = onPath('ansible-lint');

const announced = new Set<string>();

/** `describe` for a block that needs a tool: skipped with one line, or failing under CI=true. */
export function describeWithTool(tool: string, path: string | undefined, name: string, body: (path: string) => void): void {
  if (path) {
    describe(name, () => body(path));
    return;
  }
  const install = 'apt-get install ansible ansible-lint (Debian)';
  if (process.env.CI === 'true') {
    describe(name, () => {
      test(`${tool} is installed (required under CI=true)`, () => {
        throw new Error(`${tool} was not found on PATH. Install it: ${install}`);
      });
    });
    return;
  }
  if (!announced.has(tool)) {
    announced.add(tool);
    console.warn(`Ansible checks skipped: no ${tool} on PATH (install: ${install}).`);
  }
  describe.skip(name, () => body(''));
}
