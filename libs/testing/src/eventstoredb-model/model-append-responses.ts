import type { AppendOutcome, Expected } from './model-log.js';
import { identifier, statusWithDetails } from './model-messages.js';
import { emptyPb, grpc, sharedPb, streamsPb, type AppendResp, type BatchAppendResp } from './protos.js';

/** The server's text for an append over its limit. */
export const tooLarge = (max: number) => `Maximum Append Size of ${max} Exceeded.`;

export function expectedOfAppend(options: InstanceType<typeof streamsPb.AppendReq.Options>): Expected {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

export function expectedOfBatch(options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): Expected {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

export function appendResponse(outcome: Exclude<AppendOutcome, { kind: 'too-large' }>, options: InstanceType<typeof streamsPb.AppendReq.Options>): AppendResp {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
    else wrong.setCurrentRevision(String(outcome.currentRevision));
    echoExpected(expectedOfAppend(options), {
      revision: (r) => wrong.setExpectedRevision(r),
      noStream: () => wrong.setExpectedNoStream(new sharedPb.Empty()),
      streamExists: () => wrong.setExpectedStreamExists(new sharedPb.Empty()),
      any: () => wrong.setExpectedAny(new sharedPb.Empty()),
    });
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

/** Answers carry the expectation back, each message with its own setter names. */
interface ExpectedSetters {
  revision(revision: string): void;
  noStream(): void;
  streamExists(): void;
  any(): void;
}

function echoExpected(expected: Expected, set: ExpectedSetters): void {
  if (expected.kind === 'revision') set.revision(String(expected.revision));
  else if (expected.kind === 'no_stream') set.noStream();
  else if (expected.kind === 'stream_exists') set.streamExists();
  else set.any();
}

function batchEnvelope(correlation: InstanceType<typeof sharedPb.UUID>, stream: string, options: InstanceType<typeof streamsPb.BatchAppendReq.Options>): BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(correlation);
  response.setStreamIdentifier(identifier(stream));
  echoExpected(expectedOfBatch(options), {
    revision: (r) => response.setStreamPosition(r),
    noStream: () => response.setNoStream(new emptyPb.Empty()),
    streamExists: () => response.setStreamExists(new emptyPb.Empty()),
    any: () => response.setAny(new emptyPb.Empty()),
  });
  return response;
}

export function batchError(
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

export function batchResponse(
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
    echoExpected(expectedOfBatch(options), {
      revision: (r) => details.setExpectedStreamPosition(r),
      noStream: () => details.setExpectedNoStream(new emptyPb.Empty()),
      streamExists: () => details.setExpectedStreamExists(new emptyPb.Empty()),
      any: () => details.setExpectedAny(new emptyPb.Empty()),
    });
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
