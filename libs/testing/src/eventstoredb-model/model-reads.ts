import type { ModelFaults } from './model-faults.js';
import type { ModelLog, ModelRecord } from './model-log.js';
import { eventMessage, invalidPositionError, streamNameOf, streamNotFoundMessage } from './model-messages.js';
import { CallWriter, pause, type ReadCall } from './model-writer.js';
import { streamsPb } from './protos.js';

type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
const { ReadDirection } = streamsPb.ReadReq.Options;
const AllCase = streamsPb.ReadReq.Options.AllOptions.AllOptionCase;
const RevisionCase = streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase;

const countOf = (options: ReadOptions): number => {
  const count = Number(options.getCount() || '0');
  return Number.isFinite(count) ? count : Number.MAX_SAFE_INTEGER;
};

/** Reads of $all: forwards from a position (inclusive) or backwards from one (records ending at or before it). */
export async function readAll(log: ModelLog, faults: ModelFaults, call: ReadCall, options: ReadOptions): Promise<void> {
  const writer = new CallWriter(call);
  await pause(faults.readDelayMs);
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const range = backwards ? backwardRange(log, options) : forwardRange(log, options);
  if (range === undefined) return invalidPosition(faults, writer);
  let left = countOf(options);
  for (const record of range) {
    if (left-- <= 0 || !(await writer.send(eventMessage(record, true)))) break;
  }
  writer.end();
}

/** Records from where a forward read or subscription starts, up to the end of the log as it is now. */
function forwardRange(log: ModelLog, options: ReadOptions, exclusive = false): ModelRecord[] | undefined {
  const start = startIndex(log, options.getAll()!, exclusive);
  return start === undefined ? undefined : log.records.slice(start);
}

/** Index of the first record to deliver, or undefined when the position names no record. */
export function startIndex(log: ModelLog, all: InstanceType<typeof streamsPb.ReadReq.Options.AllOptions>, exclusive: boolean): number | undefined {
  switch (all.getAllOptionCase()) {
    case AllCase.END:
      return log.records.length;
    case AllCase.POSITION: {
      const position = Number(all.getPosition()!.getCommitPosition());
      if (position === log.end) return log.records.length;
      const index = log.indexAt(position);
      return index === undefined ? undefined : index + (exclusive ? 1 : 0);
    }
    default:
      return 0;
  }
}

function backwardRange(log: ModelLog, options: ReadOptions): ModelRecord[] | undefined {
  const all = options.getAll()!;
  if (all.getAllOptionCase() !== AllCase.POSITION) return [...log.records].reverse();
  const position = Number(all.getPosition()!.getCommitPosition());
  const upTo = log.records.findIndex((record) => record.end > position);
  if (upTo < 0) return [...log.records].reverse();
  if (upTo > 0 && log.records[upTo - 1]!.end !== position && position !== 0) return undefined;
  return log.records.slice(0, upTo).reverse();
}

export async function readStream(log: ModelLog, call: ReadCall, options: ReadOptions): Promise<void> {
  const writer = new CallWriter(call);
  const streamOptions = options.getStream()!;
  const name = streamNameOf(streamOptions.getStreamIdentifier());
  const records = log.stream(name);
  if (records.length === 0) {
    await writer.send(streamNotFoundMessage(name));
    return writer.end();
  }
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const selected = backwards ? backwardsFrom(records, streamOptions) : forwardsFrom(records, streamOptions);
  let left = countOf(options);
  for (const record of selected) {
    if (left-- <= 0 || !(await writer.send(eventMessage(record, false)))) break;
  }
  writer.end();
}

function forwardsFrom(records: readonly ModelRecord[], options: InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>): ModelRecord[] {
  switch (options.getRevisionOptionCase()) {
    case RevisionCase.END:
      return [];
    case RevisionCase.REVISION:
      return records.slice(Number(options.getRevision()));
    default:
      return [...records];
  }
}

function backwardsFrom(records: readonly ModelRecord[], options: InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>): ModelRecord[] {
  const upTo = options.getRevisionOptionCase() === RevisionCase.REVISION ? Number(options.getRevision()) : records.length - 1;
  return records.slice(0, upTo + 1).reverse();
}

export function invalidPosition(faults: ModelFaults, writer: CallWriter): void {
  if (faults.invalidPosition === 'empty') writer.end();
  else writer.fail(invalidPositionError());
}
