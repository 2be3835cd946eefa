import { commandsForRoles } from '../commands/parser';
import type { Person } from '../entities';
import type { IdentityService } from './identity.service';
import type { InboundMessage } from './inbound-message';
import { REPLIES } from './replies';

/** 帮助 for a person: a greeting and the commands their roles may use. */
export function helpMessage(person: Person | null): string {
  const lines = commandsForRoles(person?.roles ?? []);
  const who = person ? `${person.name}，您好！` : '您好！';
  return `${who}您可以这样对我说：\n${lines.map((l) => `· ${l}`).join('\n')}`;
}

/**
 * The welcome for someone opening a chat with the bot (智能机器人 enter_chat, answered in the HTTP
 * reply): their 帮助 when the roster knows them, else how to 绑定.
 */
export function welcomeFor(identity: IdentityService): (msg: InboundMessage) => Promise<string> {
  return async (msg) => {
    const person = await identity.identify(msg.platform, msg.senderId);
    return person ? helpMessage(person) : REPLIES.unknownSender;
  };
}
