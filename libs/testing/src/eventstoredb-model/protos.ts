import { createRequire } from 'node:module';

/**
 * The gRPC service definitions and message classes that @eventstore/db-client 6.x ships (generated from the
 * server's .proto files). They are CommonJS modules that extend `exports` at run time, so they are loaded with
 * `require`; the model serves them with the very classes the client deserialises into.
 */
const require = createRequire(import.meta.url);
const generated = (name: string) => require(`@eventstore/db-client/generated/${name}`) as unknown;

export const grpc = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
export const streamsPb = generated('streams_pb.js') as typeof import('@eventstore/db-client/generated/streams_pb.js');
export const streamsGrpc = generated('streams_grpc_pb.js') as typeof import('@eventstore/db-client/generated/streams_grpc_pb.js');
export const sharedPb = generated('shared_pb.js') as typeof import('@eventstore/db-client/generated/shared_pb.js');
export const statusPb = generated('status_pb.js') as typeof import('@eventstore/db-client/generated/status_pb.js');
export const featuresPb = generated('serverfeatures_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_pb.js');
export const featuresGrpc = generated('serverfeatures_grpc_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb.js');
export const gossipPb = generated('gossip_pb.js') as typeof import('@eventstore/db-client/generated/gossip_pb.js');
export const gossipGrpc = generated('gossip_grpc_pb.js') as typeof import('@eventstore/db-client/generated/gossip_grpc_pb.js');
export const persistentPb = generated('persistent_pb.js') as typeof import('@eventstore/db-client/generated/persistent_pb.js');
export const persistentGrpc = generated('persistent_grpc_pb.js') as typeof import('@eventstore/db-client/generated/persistent_grpc_pb.js');
export const anyPb = require('google-protobuf/google/protobuf/any_pb.js') as typeof import('google-protobuf/google/protobuf/any_pb.js');
export const emptyPb = require('google-protobuf/google/protobuf/empty_pb.js') as typeof import('google-protobuf/google/protobuf/empty_pb.js');

export type ReadReq = import('@eventstore/db-client/generated/streams_pb.js').ReadReq;
export type ReadResp = import('@eventstore/db-client/generated/streams_pb.js').ReadResp;
export type AppendReq = import('@eventstore/db-client/generated/streams_pb.js').AppendReq;
export type AppendResp = import('@eventstore/db-client/generated/streams_pb.js').AppendResp;
export type BatchAppendReq = import('@eventstore/db-client/generated/streams_pb.js').BatchAppendReq;
export type BatchAppendResp = import('@eventstore/db-client/generated/streams_pb.js').BatchAppendResp;
export type ServiceError = import('@grpc/grpc-js').ServiceError;
export type Metadata = import('@grpc/grpc-js').Metadata;
