import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import type { ModelFaults } from './model-faults.js';
import { appendResponse, batchError, batchResponse, expectedOfAppend, expectedOfBatch, tooLarge } from './model-append-responses.js';
import type { AppendOutcome, ModelLog, ProposedEvent } from './model-log.js';
import { notLeaderError, proposedEvent, rpcError, streamNameOf, uuidText } from './model-messages.js';
import { pause } from './model-writer.js';
import { grpc, sharedPb, streamsPb, type AppendReq, type AppendResp, type BatchAppendReq, type BatchAppendResp, type Metadata } from './protos.js';

const requiresLeader = (metadata: Metadata) => metadata.get('requires-leader')[0] === 'true';

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
