import { randomUUID } from 'node:crypto';
import type { ModelLog, ProposedEvent } from './model-log.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const none = new Uint8Array();
const record = (type: string, data: Uint8Array, contentType = 'application/json'): ProposedEvent => ({ id: randomUUID(), type, contentType, data, metadata: none });

/**
 * What a new node writes before any client does: the default users and the links to them (links are not JSON), and
 * the scavenge stream's metadata. A reader of $all from the start meets these first.
 */
export function seedSystemRecords(log: ModelLog): ModelLog {
  log.append('$$$scavenges', [record('$metadata', json({ $maxAge: 2_592_000 }))], { kind: 'any' });
  for (const user of ['admin', 'ops']) {
    log.append(`$user-${user}`, [record('$UserCreated', json({ loginName: user, fullName: user, groups: [`$${user}s`] }))], { kind: 'any' });
    log.append('$users', [record('$>', Buffer.from(`0@$user-${user}`), 'application/octet-stream')], { kind: 'any' });
  }
  return log;
}
