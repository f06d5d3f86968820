import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import type { ModelFaults } from './model-faults.js';
import type { AppendOutcome, Expected, ModelLog, ProposedEvent } from './model-log.js';
import { identifier, notLeaderError, proposedEvent, rpcError, statusWithDetails, streamNameOf, uuidText } from './model-messages.js';
import { pause } from './model-writer.js';
import {
  emptyPb, grpc, sharedPb, streamsPb, type AppendReq, type AppendResp, type BatchAppendReq, type BatchAppendResp, type Metadata,
} from './protos.js';

const requiresLeader = (metadata: Metadata) => metadata.get('requires-leader')[0] === 'true';
const tooLarge = (max: number) => `Maximum Append Size of ${max} Exceeded.`;

/** Appends of one node: the one-call Append, and BatchAppend (what the client uses when the server offers it). */
export class ModelAppends {
  /** Appends this node wrote (a node sharing its log with others counts its own). */
  written = 0;

  constructor(
    private readonly log: ModelLog,
    private readonly faults: ModelFaults,
  ) {}

  append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else events.push(proposedEvent(request.getProposedMessage()!));
    });
    call.on('end', async () => {
      if (this.faults.leader && requiresLeader(call.metadata)) return callback(notLeaderError(this.faults.leader));
      await pause(this.faults.appendDelayMs);
      const stream = streamNameOf(options!.getStreamIdentifier());
      const outcome = this.counted(this.log.append(stream, events, expectedOfAppend(options!)));
      if (outcome.kind === 'too-large') {
        const fields = { exception: 'maximum-append-size-exceeded', 'maximum-append-size': String(outcome.maxAppendSize) };
        return callback(rpcError(grpc.status.INVALID_ARGUMENT, tooLarge(outcome.maxAppendSize), fields));
      }
      callback(null, appendResponse(outcome, options!));
    });
  }

  batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const batches = new Map<string, { options?: InstanceType<typeof streamsPb.BatchAppendReq.Options>; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      if (this.faults.leader && requiresLeader(call.metadata)) return void call.emit('error', notLeaderError(this.faults.leader));
      const correlation = uuidText(request.getCorrelationId());
      const batch = batches.get(correlation) ?? { events: [] };
      if (request.hasOptions()) batch.options = request.getOptions();
      batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
      batches.set(correlation, batch);
      if (!request.getIsFinal()) return;
      batches.delete(correlation);
      void this.batch(call, request.getCorrelationId()!, batch.options!, batch.events);
    });
    call.on('end', () => call.end());
  }

  private counted(outcome: AppendOutcome): AppendOutcome {
    if (outcome.kind === 'written') this.written++;
    return outcome;
  }

  /** A write that outlives its deadline is answered Timeout at the deadline and still happens afterwards, as on a server. */
  private async batch(
    call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
    correlation: InstanceType<typeof sharedPb.UUID>,
    options: InstanceType<typeof streamsPb.BatchAppendReq.Options>,
    events: readonly ProposedEvent[],
  ): Promise<void> {
    const stream = streamNameOf(options.getStreamIdentifier());
    const deadline = options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
    const delay = this.faults.appendDelayMs;
    const reply = (response: BatchAppendResp) => !call.writableEnded && !call.cancelled && call.write(response);
    const timedOut = delay > 0 && Date.now() + delay > deadline;
    if (timedOut) {
      await pause(Math.max(0, deadline - Date.now()));
      reply(batchError(correlation, stream, options, grpc.status.DEADLINE_EXCEEDED, 'Timeout', 'event_store.client.Timeout', new sharedPb.Timeout()));
      await pause(Math.max(0, delay - (deadline - Date.now())));
    } else {
      await pause(delay);
    }
    const outcome = this.counted(this.log.append(stream, events, expectedOfBatch(options)));
    if (!timedOut) reply(batchResponse(correlation, stream, options, outcome));
  }
}

function expectedOfAppend(options: InstanceType<typeof streamsPb.AppendReq.Options>): Expected {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function expectedOfBatch(options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): Expected {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function appendResponse(outcome: Exclude<AppendOutcome, { kind: 'too-large' }>, options: InstanceType<typeof streamsPb.AppendReq.Options>): AppendResp {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
    else wrong.setCurrentRevision(String(outcome.currentRevision));
    if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
    else if (options.hasNoStream()) wrong.setExpectedNoStream(new sharedPb.Empty());
    else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new sharedPb.Empty());
    else wrong.setExpectedAny(new sharedPb.Empty());
    response.setWrongExpectedVersion(wrong);
    return response;
  }
  const success = new streamsPb.AppendResp.Success();
  success.setCurrentRevision(String(outcome.currentRevision));
  if (outcome.position === undefined) {
    success.setNoPosition(new sharedPb.Empty());
  } else {
    const position = new streamsPb.AppendResp.Position();
    position.setCommitPosition(String(outcome.position));
    position.setPreparePosition(String(outcome.position));
    success.setPosition(position);
  }
  response.setSuccess(success);
  return response;
}

function batchEnvelope(correlation: InstanceType<typeof sharedPb.UUID>, stream: string, options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(correlation);
  response.setStreamIdentifier(identifier(stream));
  if (options.hasStreamPosition()) response.setStreamPosition(options.getStreamPosition());
  else if (options.hasNoStream()) response.setNoStream(new emptyPb.Empty());
  else if (options.hasStreamExists()) response.setStreamExists(new emptyPb.Empty());
  else response.setAny(new emptyPb.Empty());
  return response;
}

function batchError(
  correlation: InstanceType<typeof sharedPb.UUID>,
  stream: string,
  options: InstanceType<typeof streamsPb.BatchAppendReq.Options>,
  code: number,
  message: string,
  typeName: string,
  details: { serializeBinary(): Uint8Array },
): BatchAppendResp {
  const response = batchEnvelope(correlation, stream, options);
  response.setError(statusWithDetails(code, message, typeName, details));
  return response;
}

function batchResponse(
  correlation: InstanceType<typeof sharedPb.UUID>,
  stream: string,
  options: InstanceType<typeof streamsPb.BatchAppendReq.Options>,
  outcome: AppendOutcome,
): BatchAppendResp {
  if (outcome.kind === 'too-large') {
    const details = new sharedPb.MaximumAppendSizeExceeded();
    details.setMaxappendsize(outcome.maxAppendSize);
    return batchError(correlation, stream, options, grpc.status.INVALID_ARGUMENT, tooLarge(outcome.maxAppendSize), 'event_store.client.MaximumAppendSizeExceeded', details);
  }
  if (outcome.kind === 'wrong-expected-version') {
    const details = new sharedPb.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) details.setCurrentNoStream(new emptyPb.Empty());
    else details.setCurrentStreamRevision(String(outcome.currentRevision));
    if (options.hasStreamPosition()) details.setExpectedStreamPosition(options.getStreamPosition());
    else if (options.hasNoStream()) details.setExpectedNoStream(new emptyPb.Empty());
    else if (options.hasStreamExists()) details.setExpectedStreamExists(new emptyPb.Empty());
    else details.setExpectedAny(new emptyPb.Empty());
    return batchError(correlation, stream, options, grpc.status.FAILED_PRECONDITION, 'Wrong expected version', 'event_store.client.WrongExpectedVersion', details);
  }
  const success = new streamsPb.BatchAppendResp.Success();
  success.setCurrentRevision(String(outcome.currentRevision));
  if (outcome.position === undefined) {
    success.setNoPosition(new emptyPb.Empty());
  } else {
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(String(outcome.position));
    position.setPreparePosition(String(outcome.position));
    success.setPosition(position);
  }
  const response = batchEnvelope(correlation, stream, options);
  response.setSuccess(success);
  return response;
}
