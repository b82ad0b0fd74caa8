// The files of the recommendation on the page come after its first render: the page renders the
// decisions (recommendModel), then a worker (files.worker.ts) renders the single-server scripts
// and, after them, the fleet outputs (GPO, Ansible), so neither the renderers nor the YAML library
// are in the page's first-load JavaScript or on its main thread. Where no worker can run, they are
// rendered here, from chunks loaded then. Each is rendered once per model.
import type { FleetOutputs, Recommendation, Scripts, ScriptsRecommendation } from '../../core/model.ts';
import type { ScriptModel } from '../../core/powershell/common.ts';

export type FilesRequest = { id: number; kind: 'scripts' | 'fleet'; model: ScriptModel };
export type FilesResponse = { id: number; scripts: Scripts } | { id: number; fleet: FleetOutputs } | { id: number; error: string };

/** What the page shows: the decisions, with the files that are rendered so far. */
export type ShownRecommendation = ScriptModel & Partial<Pick<ScriptsRecommendation, 'scripts'> & FleetOutputs>;

let worker: Worker | undefined;
let failed = false;
let nextId = 0;
const waiting = new Map<number, { resolve: (response: FilesResponse) => void; reject: (error: Error) => void }>();

function startWorker(): Worker | undefined {
  if (worker || failed) return worker;
  try {
    if (typeof Worker === 'undefined') throw new Error('no workers');
    worker = new Worker(new URL('./files.worker.ts', import.meta.url), { type: 'module', name: 'files' });
  } catch {
    failed = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<FilesResponse>) => {
    const entry = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if ('error' in event.data) entry?.reject(new Error(event.data.error));
    else entry?.resolve(event.data);
  };
  // A worker that fails to load (or dies) hands what it was asked over to the page.
  worker.onerror = (event) => {
    event.preventDefault();
    failed = true;
    worker?.terminate();
    worker = undefined;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const entry of pending) entry.reject(new Error('the files worker stopped'));
  };
  return worker;
}

function ask(kind: FilesRequest['kind'], model: ScriptModel): Promise<FilesResponse> {
  const w = startWorker();
  if (!w) return Promise.reject(new Error('no worker'));
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, kind, model } satisfies FilesRequest);
  });
}

const scriptsCache = new WeakMap<ScriptModel, Promise<Scripts>>();
const fleetCache = new WeakMap<ScriptModel, Promise<FleetOutputs>>();

/** The single-server scripts of `model` (the same promise for every caller). */
export function scriptsOf(model: ScriptModel): Promise<Scripts> {
  let promise = scriptsCache.get(model);
  if (!promise) {
    promise = ask('scripts', model)
      .then((r) => ('scripts' in r ? r.scripts : Promise.reject(new Error('unexpected answer'))))
      .catch(async () => (await import('../../core/powershell/render.ts')).renderScripts(model));
    scriptsCache.set(model, promise);
  }
  return promise;
}

/** The fleet outputs of `model` (the same promise for every caller). */
export function fleetOf(model: ScriptModel): Promise<FleetOutputs> {
  let promise = fleetCache.get(model);
  if (!promise) {
    promise = ask('fleet', model)
      .then((r) => ('fleet' in r ? r.fleet : Promise.reject(new Error('unexpected answer'))))
      .catch(async () => (await import('../../core/fleet.ts')).renderFleet(model));
    fleetCache.set(model, promise);
  }
  return promise;
}

/** The whole recommendation, as recommend() returns it: the model, its scripts, then the fleet outputs. */
export async function fullRecommendation(model: ScriptModel): Promise<Recommendation> {
  const [scripts, fleet] = await Promise.all([scriptsOf(model), fleetOf(model)]);
  return { ...model, scripts, ...fleet };
}
