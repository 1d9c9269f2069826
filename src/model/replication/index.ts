import type { NodeConfig, ReplicationConfig } from '../config.ts';
import { asyncMode } from './async.ts';
import type { CommitActions, ReplicationModeLogic } from './mode.ts';
import { semiSyncMode } from './semi-sync.ts';
import { syncMode } from './sync.ts';

/** `nodes` in file order; sync standbys default to every replica in that order. */
export function makeReplicationMode(
  config: ReplicationConfig,
  actions: CommitActions,
  nodes: NodeConfig[],
): ReplicationModeLogic {
  switch (config.mode) {
    case 'async':
      return asyncMode(actions);
    case 'semi-sync':
      return semiSyncMode(config, actions);
    case 'sync':
      return syncMode(config, actions, standbyIndexes(config, nodes));
  }
}

function standbyIndexes(config: ReplicationConfig, nodes: NodeConfig[]): number[] {
  const ids = config.standbys.length > 0 ? config.standbys : nodes.filter((n) => n.role === 'replica').map((n) => n.id);
  return ids.map((id) => nodes.findIndex((n) => n.id === id)).filter((i) => i >= 0);
}
