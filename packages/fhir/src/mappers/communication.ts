import type { CodeableConcept, Communication } from '@medplum/fhirtypes';
import type { Message } from '@peer-recovery/core';
import { CODES, codeText, EXTENSIONS, PARTICIPATION_MODE, SYSTEMS } from '../codes';
import { codeIn, ext1, type ImportContext, type Json, put } from './from-fhir';
import { coding, concept, def, type ExportContext, enrolmentRecordHead, ext, local, ref } from './to-fhir';

function medium(ch: string): CodeableConcept[] {
  const mode = PARTICIPATION_MODE[ch];
  return [
    {
      coding: [
        ...(mode ? [{ system: SYSTEMS.v3ParticipationMode, code: mode.code, display: mode.display }] : []),
        local(SYSTEMS.messageChannel, ch),
      ],
      text: codeText(ch),
    },
  ];
}

/**
 * A peer's message as a Communication, and the coach's reply as another linked by `inResponseTo`.
 *
 * @example
 * const [message, reply] = messageToFhir(exportContext(data, {}), data.messages[0]);
 */
export function messageToFhir(ctx: ExportContext, m: Message): Communication[] {
  const subject = ctx.peerOfEnrolment(m.enrolmentId);
  const messageId = ctx.id('Communication', 'message', m.id);
  // Without a reply, the channel the peer asked to be answered on.
  const unansweredChannel =
    m.repliedAt === undefined && m.replyChannel !== undefined
      ? [ext(EXTENSIONS.replyChannel, { valueCoding: local(SYSTEMS.messageChannel, m.replyChannel) })]
      : [];
  const message: Communication = Object.assign(
    enrolmentRecordHead(ctx, 'Communication', 'message', m.id, m.enrolmentId, unansweredChannel),
    {
      status: 'completed',
      category: [concept(coding(CODES.peerMessage))],
      medium: medium(m.channel),
      subject,
      received: m.receivedAt,
      recipient: [ctx.programRef],
      sender: subject,
    } satisfies Partial<Communication>,
  );
  if (m.repliedAt === undefined) return [message];
  const reply: Communication = Object.assign(
    enrolmentRecordHead(ctx, 'Communication', 'message-reply', m.id, m.enrolmentId),
    {
      inResponseTo: [ref('Communication', messageId)],
      status: 'completed',
      category: [concept(coding(CODES.coachReply))],
      ...def(m.replyChannel, (ch) => ({ medium: medium(ch) })),
      subject,
      sent: m.repliedAt,
      recipient: [subject],
      sender: ctx.programRef,
    } satisfies Partial<Communication>,
  );
  return [message, reply];
}

/**
 * Reads the messages (and their replies) back from Communications.
 *
 * @example
 * const messages = messagesFromFhir(ictx);
 */
export function messagesFromFhir(ictx: ImportContext): Json[] {
  const { imp, idOf } = ictx;
  const replies = ictx.partsByOwner('Communication', 'message-reply', (reply) =>
    imp.issue('error', 'not-found', 'Reply does not resolve to a message of this program', {
      resource: reply,
      expression: 'Communication.inResponseTo[0]',
    }),
  );
  return ictx.records('Communication', 'message').map((m, i) => {
    ictx.track('messages', i, m);
    const msg: Json = { id: idOf(m, 'message') };
    msg.enrolmentId = ictx.enrolmentOf(m);
    msg.receivedAt = m.received;
    msg.channel = codeIn(m.medium, SYSTEMS.messageChannel);
    const reply = replies.get(m);
    if (reply) {
      put(msg, 'repliedAt', reply.sent);
      put(msg, 'replyChannel', codeIn(reply.medium, SYSTEMS.messageChannel));
    } else {
      put(msg, 'replyChannel', codeIn(ext1(m, EXTENSIONS.replyChannel)?.valueCoding, SYSTEMS.messageChannel));
    }
    return msg;
  });
}
