import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { post, upload } from '../api/client';
import { keys, useConversation, usePeople } from '../api/hooks';
import type { AttachmentRef, ConversationEntry } from '../api/types';
import { dateTime } from '../format';
import { t } from '../strings';
import { Badge, Card, Checkbox, ErrorBox, Field, Form, TextArea } from './ui';

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function Files({ ticketId, files }: { ticketId: string; files: readonly AttachmentRef[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="attachments">
      {files.map((file) => (
        <li key={file.attachmentId}>
          <a href={`/tickets/${ticketId}/attachments/${file.attachmentId}`} download={file.name}>{file.name}</a> <span className="muted">({size(file.size)})</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The conversation of a ticket: public messages and, for staff, internal notes; files are uploaded first (raw bytes)
 * and then posted with the message. A client never receives the internal notes (the API leaves them out).
 */
export function Conversation({ ticketId, staff, timeZone }: { ticketId: string; staff: boolean; timeZone?: string }) {
  const conversation = useConversation(ticketId);
  const people = usePeople();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const nameOf = (id: string) => people.data?.items.find((person) => person.id === id)?.name ?? id;
  const messages = (conversation.data?.events ?? []).filter((entry): entry is ConversationEntry => entry.type !== 'AttachmentUploaded');
  return (
    <Card title={t.conversation.title}>
      <ErrorBox error={conversation.error} />
      {messages.length === 0 ? <p className="muted">{t.conversation.empty}</p> : (
        <ol className="conversation">
          {messages.map((entry) => (
            <li key={entry.data.messageId} className={entry.type === 'InternalNoteAdded' ? 'note internal' : 'note'}>
              <p className="meta">
                <strong>{nameOf(entry.data.authorId)}</strong> <span>({t.roles[entry.data.authorRole]})</span>
                <span> · {dateTime(entry.data.postedAt!, timeZone)}</span>
                {entry.type === 'InternalNoteAdded' && <> <Badge tone="warning">{t.conversation.internal}</Badge></>}
              </p>
              {entry.data.body && <p className="message-body">{entry.data.body}</p>}
              <Files ticketId={ticketId} files={entry.data.attachments ?? []} />
            </li>
          ))}
        </ol>
      )}
      <Form key={formKey} submit={t.conversation.send} onSubmit={async () => {
        const attachments = [];
        for (const file of files) {
          const uploaded = await upload<{ events: { type: string; data: AttachmentRef }[] }>(`/tickets/${ticketId}/attachments?name=${encodeURIComponent(file.name)}`, file);
          const id = uploaded.events.find((event) => event.type === 'AttachmentUploaded')?.data.attachmentId ?? (await digest(file));
          attachments.push({ attachmentId: id, name: file.name });
        }
        await post(`/tickets/${ticketId}/messages`, { body, visibility: internal ? 'internal' : 'public', attachments });
        setBody('');
        setFiles([]);
        setInternal(false);
        setFormKey((key) => key + 1);
        await client.invalidateQueries({ queryKey: keys.ticket(ticketId) });
      }}>
        <TextArea label={t.conversation.message} hint={t.conversation.messageHelp} value={body} onChange={setBody} rows={3} />
        <Field label={t.conversation.attach} hint={t.conversation.attachHelp}>
          {(id, describedBy) => <input id={id} type="file" multiple aria-describedby={describedBy} onChange={(event) => setFiles([...(event.target.files ?? [])])} />}
        </Field>
        {staff && <Checkbox label={t.conversation.internalNote} checked={internal} onChange={setInternal} />}
      </Form>
    </Card>
  );
}

/** The id of a file already uploaded to this ticket (an upload of the same bytes answers no new event): its SHA-256. */
async function digest(file: File): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
