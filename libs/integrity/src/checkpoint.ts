import { sign, verify } from 'node:crypto';
import { canonicalJson } from '#kernel';
import { type LogSigningKey, keyIdOf, parsePublicKey } from './signing-key.js';

/** What a checkpoint vouches for: the global chain's head after the event at `position`, the `events`-th of the log. */
export interface CheckpointBody {
  readonly position: number;
  readonly events: number;
  readonly chain: string;
  readonly signedAt: string;
}

/** A signed checkpoint, as stored and as exported (one JSON object per line). */
export interface SignedCheckpoint extends CheckpointBody {
  readonly v: 1;
  readonly keyId: string;
  readonly publicKey: string;
  readonly signature: string;
}

const payload = (body: CheckpointBody): Buffer =>
  Buffer.from(`hourbank.log-checkpoint.v1\n${canonicalJson({ position: body.position, events: body.events, chain: body.chain, signedAt: body.signedAt })}`, 'utf8');

export const signCheckpoint = (key: LogSigningKey, body: CheckpointBody): SignedCheckpoint => ({
  v: 1,
  position: body.position,
  events: body.events,
  chain: body.chain,
  signedAt: body.signedAt,
  keyId: key.keyId,
  publicKey: key.publicKeyBase64,
  signature: sign(null, payload(body), key.privateKey).toString('base64'),
});

/** Whether the signature is the key's over the body, and the key id names that key. Says nothing about trusting the key. */
export function signatureHolds(checkpoint: SignedCheckpoint): boolean {
  try {
    const publicKey = parsePublicKey(checkpoint.publicKey);
    if (keyIdOf(publicKey.export({ format: 'der', type: 'spki' })) !== checkpoint.keyId) return false;
    return verify(null, payload(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

const isCheckpoint = (value: unknown): value is SignedCheckpoint => {
  const c = value as Partial<SignedCheckpoint> | null;
  return typeof c === 'object' && c !== null && c.v === 1 && Number.isSafeInteger(c.position) && Number.isSafeInteger(c.events)
    && typeof c.chain === 'string' && typeof c.signedAt === 'string' && typeof c.keyId === 'string'
    && typeof c.publicKey === 'string' && typeof c.signature === 'string';
};

/** An exported file: one checkpoint per line (blank lines ignored). A line that is not one is an error naming it. */
export function parseCheckpointLines(text: string, source = 'checkpoints'): SignedCheckpoint[] {
  return text.split('\n').map((line, i) => [line.trim(), i + 1] as const).filter(([line]) => line !== '').map(([line, number]) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source}, line ${number}: not JSON`);
    }
    if (!isCheckpoint(value)) throw new Error(`${source}, line ${number}: not a signed checkpoint`);
    return value;
  });
}

export const checkpointLine = (checkpoint: SignedCheckpoint): string => `${canonicalJson(checkpoint)}\n`;
