import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { rpcError, streamNameOf } from './model-messages.js';
import { grpc, persistentPb } from './protos.js';

type CreateReq = InstanceType<typeof persistentPb.CreateReq>;
type CreateResp = InstanceType<typeof persistentPb.CreateResp>;

/** A persistent subscription group as created: enough to check what a tool asked the server for. */
export interface ModelGroup {
  readonly group: string;
  /** `$all`, or the stream the group follows. */
  readonly stream: string;
  readonly eventTypePrefixes: readonly string[];
  readonly eventTypeRegex: string;
  readonly from: 'start' | 'end' | 'position';
}

/** Creating groups only: the model does not run the competing-consumer delivery of a real server. */
export class ModelPersistentSubscriptions {
  readonly groups = new Map<string, ModelGroup>();

  create(call: ServerUnaryCall<CreateReq, CreateResp>, callback: sendUnaryData<CreateResp>): void {
    const options = call.request.getOptions()!;
    const all = options.getAll();
    const stream = all ? '$all' : streamNameOf(options.getStream()?.getStreamIdentifier() ?? options.getStreamIdentifier());
    const key = `${stream}::${options.getGroupName()}`;
    if (this.groups.has(key)) {
      const fields = { exception: 'persistent-subscription-exists', 'stream-name': stream, 'group-name': options.getGroupName() };
      return callback(rpcError(grpc.status.ALREADY_EXISTS, `Subscription group ${options.getGroupName()} on stream ${stream} exists.`, fields));
    }
    const eventType = all?.getFilter()?.getEventType();
    this.groups.set(key, {
      group: options.getGroupName(),
      stream,
      eventTypePrefixes: eventType?.getPrefixList() ?? [],
      eventTypeRegex: eventType?.getRegex() ?? '',
      from: all?.hasPosition() ? 'position' : all?.hasEnd() ? 'end' : 'start',
    });
    callback(null, new persistentPb.CreateResp());
  }
}
