import type { ModelRecord, ProposedEvent } from './model-log.js';
import { anyPb, grpc, sharedPb, statusPb, streamsPb, type Metadata, type ReadResp } from './protos.js';

type UuidMessage = InstanceType<typeof sharedPb.UUID>;
type IdentifierMessage = InstanceType<typeof sharedPb.StreamIdentifier>;
type ProposedMessage = {
  getId(): UuidMessage | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
};

/** A gRPC error as a server handler hands it to grpc-js (status, text, trailing metadata). */
export interface ModelRpcError {
  readonly code: number;
  readonly details: string;
  readonly metadata: Metadata;
}

export function rpcError(code: number, details: string, fields: Record<string, string> = {}): ModelRpcError {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(fields)) metadata.set(key, value);
  return { code, details, metadata };
}

/** What a follower answers to a call that requires the leader: NotFound with the leader's endpoint. */
export const notLeaderError = (leader: { readonly host: string; readonly port: number }): ModelRpcError =>
  rpcError(grpc.status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': leader.host,
    'leader-endpoint-port': String(leader.port),
  });

export const invalidPositionError = (): ModelRpcError => rpcError(grpc.status.UNKNOWN, 'Trying to read from an invalid position.');

export function uuidText(uuid: UuidMessage | undefined): string {
  if (uuid === undefined) throw new Error('a proposed message without an id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
}

export const streamNameOf = (identifier: IdentifierMessage | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function identifier(stream: string): IdentifierMessage {
  const message = new sharedPb.StreamIdentifier();
  message.setStreamName(Uint8Array.from(Buffer.from(stream, 'utf8')));
  return message;
}

export const proposedEvent = (message: ProposedMessage): ProposedEvent => ({
  id: uuidText(message.getId()),
  type: message.getMetadataMap().get('type') ?? '',
  contentType: message.getMetadataMap().get('content-type') ?? 'application/octet-stream',
  data: message.getData_asU8(),
  metadata: message.getCustomMetadata_asU8(),
});

/** One event of a read or a subscription; reads of $all carry the commit position, stream reads none. */
export function eventMessage(record: ModelRecord, fromAll: boolean): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifier(record.stream));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', String(record.created));
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.metadata);
  const event = new streamsPb.ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (fromAll) event.setCommitPosition(String(record.position));
  else event.setNoPosition(new sharedPb.Empty());
  const response = new streamsPb.ReadResp();
  response.setEvent(event);
  return response;
}

export function confirmationMessage(subscriptionId: string): ReadResp {
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(subscriptionId);
  const response = new streamsPb.ReadResp();
  response.setConfirmation(confirmation);
  return response;
}

export function checkpointMessage(position: number): ReadResp {
  const checkpoint = new streamsPb.ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position));
  checkpoint.setPreparePosition(String(position));
  const response = new streamsPb.ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
}

export function caughtUpMessage(): ReadResp {
  const response = new streamsPb.ReadResp();
  response.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
  return response;
}

export function fellBehindMessage(): ReadResp {
  const response = new streamsPb.ReadResp();
  response.setFellBehind(new streamsPb.ReadResp.FellBehind());
  return response;
}

export function streamNotFoundMessage(stream: string): ReadResp {
  const notFound = new streamsPb.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(identifier(stream));
  const response = new streamsPb.ReadResp();
  response.setStreamNotFound(notFound);
  return response;
}

/** A google.rpc.Status carrying one of the server's typed details, as BatchAppend reports a failed write. */
export function statusWithDetails(code: number, message: string, typeName: string, details: { serializeBinary(): Uint8Array }) {
  const status = new statusPb.Status();
  status.setCode(code);
  status.setMessage(message);
  const packed = new anyPb.Any();
  packed.pack(details.serializeBinary(), typeName);
  status.setDetails(packed);
  return status;
}
