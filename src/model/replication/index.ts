import type { NodeConfig, ReplicationConfig } from '../config.ts';
import { asyncMode } from './async.ts';
import type { CommitActions, ReplicationModeLogic } from './mode.ts';
import { semiSyncMode } from './semi-sync.ts';
import { syncMode } from './sync.ts';

/** `nodes` in file order. */
export function makeReplicationMode(
  config: ReplicationConfig,
  actions: CommitActions,
  nodes: NodeConfig[],
): ReplicationModeLogic {
  switch (config.mode) {
    case 'async':
      return asyncMode(actions);
    case 'semi-sync':
      return semiSyncMode(config, actions, standbyIndexes(config, nodes));
    case 'sync':
      return syncMode(config, actions, standbyIndexes(config, nodes));
  }
}

function standbyIndexes(config: ReplicationConfig, nodes: NodeConfig[]): number[] {
  return config.standbys.map((id) => nodes.findIndex((n) => n.id === id)).filter((i) => i >= 0);
}
