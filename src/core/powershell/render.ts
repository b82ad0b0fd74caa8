/**
 * The one serializer from the recommendation model to PowerShell scripts.
 */
import type { Scripts } from '../model';
import type { ScriptModel } from './common';
import { recordedChangeKinds } from './function-selection';
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
  const target = ssh ? renderSshTarget(model) : renderWinRMTarget(model);
  const client = ssh ? renderSshClient(model) : renderWinRMClient(model);
  const resource = needsResourceScript(model) ? renderResource(model) : undefined;
  // The rollback carries an undo for exactly the kinds of change these scripts record.
  const recorded = recordedChangeKinds([target, client, resource ?? '']);
  const scripts: Scripts = { target, client, rollback: renderRollback(model, recorded) };
  if (resource !== undefined) scripts.resource = resource;
  return scripts;
}
