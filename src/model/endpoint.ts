/**
 * Something that sends and receives messages: a database node, a client group or the
 * failover manager. Its own module (not the network's) because nodes and messages name it
 * and the network imports those: a type shared by both sides lives below both.
 */
export interface Endpoint {
  name: string;
  index: number;
  isClient: boolean;
  up: boolean;
  /** Bumped on every restart: messages addressed to an earlier life are lost. */
  incarnation: number;
}
