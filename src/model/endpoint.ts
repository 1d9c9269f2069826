/** Something that sends and receives messages: a database node or a client group. */
export interface Endpoint {
  name: string;
  index: number;
  isClient: boolean;
  up: boolean;
  /** Bumped on every restart: messages addressed to an earlier life are lost. */
  incarnation: number;
}
