export interface SseMessage {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Reads SSE blocks from a fetch response until `enough` says stop or the stream ends. */
export async function readSse(response: Response, enough: (messages: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!enough(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      messages.push(parseBlock(buffer.slice(0, end)));
      buffer = buffer.slice(end + 2);
    }
  }
  await reader.cancel();
  return messages;
}

function parseBlock(block: string): SseMessage {
  const message: { event?: string; id?: string; data?: string; comment?: string } = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = line.slice(6);
  }
  return message;
}

/** The published events of a stream (its `event: end` notice is not one). */
export const events = (messages: SseMessage[]) => messages.filter((m) => m.data !== undefined && m.event === undefined).map((m) => JSON.parse(m.data!));
