/**
 * The one serializer from the recommendation model to PowerShell scripts.
 */
import type { Scripts } from '../model';
import type { ScriptModel } from './common';
import { renderResource } from './render-resource';
import { renderRollback } from './render-rollback';
import { renderSshClient, renderSshTarget } from './render-ssh';
import { renderWinRMTarget } from './render-winrm';
import { renderWinRMClient } from './render-winrm-client';

export type { ScriptModel };

/** True when the second computer (its AD object) needs changes: only for resource-based KCD. */
export function needsResourceScript(model: ScriptModel): boolean {
  return model.secondHop === 'rbkcd';
}

export function renderScripts(model: ScriptModel): Scripts {
  const ssh = model.transport === 'ssh';
  const scripts: Scripts = {
    target: ssh ? renderSshTarget(model) : renderWinRMTarget(model),
    client: ssh ? renderSshClient(model) : renderWinRMClient(model),
    rollback: renderRollback(model),
  };
  if (needsResourceScript(model)) scripts.resource = renderResource(model);
  return scripts;
}
