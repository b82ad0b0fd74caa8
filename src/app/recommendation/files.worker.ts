// Renders a recommendation's files off the page's main thread: the single-server scripts first,
// then the fleet outputs (the GPO and the Ansible files, with the YAML library they need, loaded
// when first asked for). Cold, each is a long task the page would otherwise block on.
import { renderScripts } from '../../core/powershell/render.ts';
import type { FilesRequest, FilesResponse } from './files.ts';

let fleet: Promise<typeof import('../../core/fleet.ts')> | undefined;

self.onmessage = (event: MessageEvent<FilesRequest>) => {
  const { id, kind, model } = event.data;
  const reply = (response: FilesResponse) => self.postMessage(response);
  const fail = (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) });
  if (kind === 'scripts') {
    try {
      reply({ id, scripts: renderScripts(model) });
    } catch (error) {
      fail(error);
    }
    return;
  }
  fleet ??= import('../../core/fleet.ts');
  fleet.then((m) => reply({ id, fleet: m.renderFleet(model) })).catch(fail);
};
