/** The faults a test switches on in a running model node. Every handler reads them when a call arrives. */
export class ModelFaults {
  /** Appends wait this long before they are written (a slow disk or a busy leader); the write still happens. */
  appendDelayMs = 0;
  /** Reads of $all and the status read wait this long before answering. */
  readDelayMs = 0;
  /**
   * What a read or a subscription from a position where no record starts does: `error` as servers from 23.10 answer
   * ("Trying to read from an invalid position."), `empty` as older ones did (nothing, silently).
   */
  invalidPosition: 'error' | 'empty' = 'error';
  /** When set, this node is a follower: calls that require the leader are answered NotLeader with this endpoint. */
  leader: { readonly host: string; readonly port: number } | undefined;
}
