/**
 * The curl invocations in a pasted text: one or many commands, bash or Windows quoting, `\`, `^` and PowerShell
 * backtick line continuations, a `$ ` prompt, and shell scripts that end in a curl call (Signet's own openssl
 * form of "Copy as curl"). Word splitting is shell-quote's; this file only prepares the text and picks out curl.
 */
import { parse, type ParseEntry } from 'shell-quote';
import { ImportRefusal } from '../import/context';

/** A text copied from cmd.exe (Chrome's "Copy as cURL (cmd)"): `^` escapes and `^` line ends. */
function isCmdStyle(text: string): boolean {
  return /\^\n/.test(text) || /\^"/.test(text);
}

/** Joins continued lines; for cmd text also removes the `^` escapes, leaving double-quoted words. */
function joinLines(input: string): string {
  const text = input.replace(/\r\n?/g, '\n');
  if (isCmdStyle(text)) return text.replace(/\^\n/g, ' ').replace(/\^([\s\S])/g, '$1');
  return text.replace(/\\\n/g, ' ').replace(/`\n/g, ' ');
}

/** Splits at newlines outside quotes, so a quoted multi-line body stays in its command. */
function commandLines(text: string): string[] {
  const lines: string[] = [];
  let quote: '"' | "'" | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\' && quote !== "'") i += 1;
    else if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\n') {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  return lines.map((line) => line.replace(/^\s*(?:PS [^>]*>|\$|>)\s+/, '')).filter((line) => !/^\s*(?:#|$)/.test(line));
}

function word(entry: ParseEntry): string | undefined {
  if (typeof entry === 'string') return entry;
  if ('op' in entry && entry.op === 'glob') return entry.pattern;
  return undefined;
}

/**
 * The arguments of every curl invocation, in order. Shell variables become `{{NAME}}` (Signet's variables), as
 * a shell would have filled them in; in single quotes they stay as written.
 */
export function curlInvocations(input: string): string[][] {
  const commands: string[][] = [];
  for (const line of commandLines(joinLines(input))) {
    let entries: ParseEntry[];
    try {
      entries = parse(line, (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `{{${name}}}` : `$${name}`));
    } catch (error) {
      // shell-quote throws on an unclosed `${`; the message names the cause, never the command.
      throw new ImportRefusal(
        `not a command a shell can read: ${error instanceof Error ? error.message.slice(0, 80) : 'bad quoting'}`,
      );
    }
    let current: string[] | undefined;
    let atCommandStart = true;
    for (const entry of entries) {
      const text = word(entry);
      if (text === undefined) {
        if (typeof entry === 'object' && 'comment' in entry) break;
        current = undefined;
        atCommandStart = true;
        continue;
      }
      if (current) current.push(text);
      else if (atCommandStart && /^curl(?:\.exe)?$/i.test(text)) {
        current = [];
        commands.push(current);
      }
      atCommandStart = false;
    }
  }
  return commands;
}
