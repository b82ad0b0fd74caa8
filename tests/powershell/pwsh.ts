/**
 * Finding and running PowerShell 7 for the PowerShell suite (tests/powershell/*.test.ts).
 *
 * The suite runs whenever a PowerShell 7 exists: $PWSH, `pwsh` on PATH, or the .NET global tool
 * (~/.dotnet/tools/pwsh). Without one it is skipped with one clear line, except under CI=true,
 * where a missing pwsh is a failing test, never a silent skip.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, test } from 'vitest';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function isPowerShell7(path: string): boolean {
  try {
    const out = execFileSync(path, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.Major'], { encoding: 'utf8', timeout: 60_000 });
    return Number(out.trim()) >= 7;
  } catch {
    return false;
  }
}

function findPwsh(): string | undefined {
  const candidates = [process.env.PWSH, onPath('pwsh'), join(homedir(), '.dotnet', 'tools', 'pwsh')];
  for (const candidate of candidates) if (candidate && existsSync(candidate) && isPowerShell7(candidate)) return candidate;
  return undefined;
}

/** The PowerShell 7 executable, or undefined when this machine has none. */
export const PWSH: string | undefined = findPwsh();

let announced = false;

/**
 * `describe` for a block that needs PowerShell 7. Without pwsh: skipped with one line on the
 * console, or (under CI=true) replaced by a failing test that says what is missing.
 */
export function describePwsh(name: string, body: (pwsh: string) => void): void {
  if (PWSH) {
    const pwsh = PWSH;
    describe(name, () => body(pwsh));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('PowerShell 7 is installed (required under CI=true)', () => {
        throw new Error('No PowerShell 7 found ($PWSH, pwsh on PATH, ~/.dotnet/tools/pwsh). Install it: dotnet tool install --global PowerShell --version 7.6.9');
      });
    });
    return;
  }
  if (!announced) {
    announced = true;
    console.warn('PowerShell suite skipped: no PowerShell 7 found (install: dotnet tool install --global PowerShell --version 7.6.9).');
  }
  describe.skip(name, () => body(''));
}

export interface PwshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pwsh -File script args...` and collects its output (no shell, arguments passed as-is). */
export function runPwshFile(pwsh: string, script: string, args: readonly string[] = [], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<PwshResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
