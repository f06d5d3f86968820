import type { Server, sendUnaryData } from '@grpc/grpc-js';
import type { IPersistentSubscriptionsServer } from '@eventstore/db-client/generated/persistent_grpc_pb.js';
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { ModelAppends } from './model-appends.js';
import { ModelFaults } from './model-faults.js';
import { ModelLog, type ModelLogOptions } from './model-log.js';
import { notLeaderError, rpcError } from './model-messages.js';
import { ModelPersistentSubscriptions } from './model-persistent.js';
import { readAll, readStream } from './model-reads.js';
import { ModelSubscriptions } from './model-subscriptions.js';
import type { ReadCall } from './model-writer.js';
import { featuresGrpc, featuresPb, gossipGrpc, gossipPb, grpc, persistentGrpc, sharedPb, streamsGrpc, type ReadReq } from './protos.js';
import { seedSystemRecords } from './system-records.js';

export interface EventStoreDbModelServerOptions extends ModelLogOptions {
  /** Share one log between nodes to model a cluster (the default is a log of its own). */
  readonly log?: ModelLog;
  /** Offer BatchAppend in the server features, as 21.10 and later do (default true); off: the client uses Append. */
  readonly batchAppend?: boolean;
  /** Send CaughtUp on catch-up subscriptions, as 23.10 and later do (default true). */
  readonly caughtUp?: boolean;
  /** Other nodes gossip names beside this one; the client discovers the leader among them. */
  readonly peers?: () => readonly EventStoreDbModelServer[];
}

const SERVER_VERSION = '24.10.0 (EventStoreDbModelServer)';
const unimplemented = (_call: unknown, callback: sendUnaryData<never>) => callback(rpcError(grpc.status.UNIMPLEMENTED, 'Not modelled'));

/**
 * A MODEL of one EventStoreDB node, written from the gRPC service definitions that @eventstore/db-client ships, so
 * that the real client and the real adapter can be run here, where no server can. It serves what Hour Bank uses
 * (stream and $all reads, catch-up subscriptions with filters, checkpoints and CaughtUp, Append and BatchAppend,
 * server features, gossip, creating persistent subscription groups) and lets a test inject what a server does to a
 * client: UNAVAILABLE mid-subscription, NotLeader, system records, non-JSON events, invalid positions, appends over
 * the size limit, answers slower than the deadline. It is a model written from the protocol and the server's
 * documented behaviour, not proof of how a real server behaves: docs/eventstoredb.md says what has run where.
 */
export class EventStoreDbModelServer {
  readonly faults = new ModelFaults();
  readonly subscriptions: ModelSubscriptions;
  readonly persistent = new ModelPersistentSubscriptions();
  private readonly appends: ModelAppends;
  private server: Server | undefined;
  private port = 0;
  private leaderState = true;

  private constructor(
    readonly log: ModelLog,
    private readonly options: EventStoreDbModelServerOptions,
  ) {
    this.subscriptions = new ModelSubscriptions(log, this.faults, { caughtUp: options.caughtUp ?? true });
    this.appends = new ModelAppends(log, this.faults);
  }

  /** Starts a node on a free loopback port; a fresh log begins with the system records a new server writes. */
  static async start(options: EventStoreDbModelServerOptions = {}): Promise<EventStoreDbModelServer> {
    const log = options.log ?? seedSystemRecords(new ModelLog(options));
    const node = new EventStoreDbModelServer(log, options);
    await node.listen(0);
    return node;
  }

  /** Appends this node has written. */
  get appendsWritten(): number {
    return this.appends.written;
  }

  get address(): { readonly host: string; readonly port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  /** `esdb://127.0.0.1:<port>?tls=false` plus any extra settings, e.g. `{ defaultDeadline: '500' }`. */
  connectionString(settings: Readonly<Record<string, string>> = {}): string {
    const query = new URLSearchParams({ tls: 'false', ...settings });
    return `esdb://${this.address.host}:${this.port}?${query.toString()}`;
  }

  /** Whether gossip names this node the leader; a follower answers NotLeader (with the leader) to leader-only calls. */
  setLeader(isLeader: boolean, leader?: EventStoreDbModelServer): void {
    this.leaderState = isLeader;
    this.faults.leader = isLeader ? undefined : leader?.address;
  }

  /** The node goes down (every connection drops) and comes back on the same port after `downMs`. */
  async restart(downMs: number): Promise<void> {
    this.server?.forceShutdown();
    this.server = undefined;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.listen(this.port);
  }

  async stop(): Promise<void> {
    this.server?.forceShutdown();
    this.server = undefined;
  }

  private async listen(port: number): Promise<void> {
    const server = new grpc.Server();
    const streams: IStreamsServer = {
      read: (call) => void this.read(call),
      append: (call, callback) => this.appends.append(call, callback),
      batchAppend: (call) => this.appends.batchAppend(call),
      delete: unimplemented,
      tombstone: unimplemented,
    };
    const persistent: IPersistentSubscriptionsServer = {
      create: (call, callback) => this.persistent.create(call, callback),
      read: (call) => void call.emit('error', rpcError(grpc.status.UNIMPLEMENTED, 'Not modelled')),
      update: unimplemented, delete: unimplemented, getInfo: unimplemented, replayParked: unimplemented, list: unimplemented, restartSubsystem: unimplemented,
    };
    server.addService(streamsGrpc.StreamsService, streams);
    server.addService(persistentGrpc.PersistentSubscriptionsService, persistent);
    server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, this.features()) });
    server.addService(gossipGrpc.GossipService, { read: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, this.gossip()) });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.server = server;
  }

  private async read(call: ReadCall): Promise<void> {
    const options = (call.request as ReadReq).getOptions()!;
    if (this.faults.leader && call.metadata.get('requires-leader')[0] === 'true') return void call.emit('error', notLeaderError(this.faults.leader));
    if (options.hasSubscription()) return this.subscriptions.subscribe(call, options);
    if (options.hasAll()) return readAll(this.log, this.faults, call, options);
    return readStream(this.log, call, options);
  }

  private features() {
    const methods: [service: string, method: string, features: string[]][] = [
      ['event_store.client.streams.Streams', 'read', ['position', 'events']],
      ['event_store.client.streams.Streams', 'append', []],
      ...(this.options.batchAppend === false ? [] : [['event_store.client.streams.Streams', 'batchappend', []] as [string, string, string[]]]),
      ['event_store.client.persistent_subscriptions.PersistentSubscriptions', 'create', ['stream', 'all']],
      ['event_store.client.gossip.Gossip', 'read', []],
      ['event_store.client.server_features.ServerFeatures', 'getsupportedmethods', []],
    ];
    const supported = new featuresPb.SupportedMethods();
    supported.setEventStoreServerVersion(SERVER_VERSION);
    for (const [service, method, features] of methods) {
      const entry = new featuresPb.SupportedMethod();
      entry.setServiceName(service);
      entry.setMethodName(method);
      entry.setFeaturesList(features);
      supported.addMethods(entry);
    }
    return supported;
  }

  private gossip() {
    const info = new gossipPb.ClusterInfo();
    for (const node of [this, ...(this.options.peers?.() ?? [])]) {
      const member = new gossipPb.MemberInfo();
      const id = new sharedPb.UUID();
      id.setString(`00000000-0000-4000-8000-${String(node.port).padStart(12, '0')}`);
      member.setInstanceId(id);
      member.setTimeStamp(String(Date.now()));
      member.setState(node.leaderState ? gossipPb.MemberInfo.VNodeState.LEADER : gossipPb.MemberInfo.VNodeState.FOLLOWER);
      member.setIsAlive(node.server !== undefined);
      const endpoint = new gossipPb.EndPoint();
      endpoint.setAddress(node.address.host);
      endpoint.setPort(node.port);
      member.setHttpEndPoint(endpoint);
      info.addMembers(member);
    }
    return info;
  }
}
