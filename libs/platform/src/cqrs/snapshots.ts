/** A state as it was after `revision`: loading starts there and reads only the events after it. */
export interface Snapshot<State> {
  readonly state: State;
  readonly revision: number;
  readonly position: number;
}

/** Optional hook so long streams load in bounded time; the pipeline never writes snapshots itself. */
export interface SnapshotSource<State> {
  load(stream: string): Promise<Snapshot<State> | undefined>;
}
