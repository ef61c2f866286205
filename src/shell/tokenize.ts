/**
 * Tokenizer for Exit Lab's small shell: POSIX sh quoting for a subset.
 *
 * Words keep their quoting: a word is a list of parts, each either literal
 * text (with whether it was quoted) or the special parameter `$?`, expanded
 * when the command runs. Operators: `;` (a newline counts as `;`), `&&`, `||`, `|`.
 *
 * Quoting, as in POSIX sh:
 * - `'...'` keeps everything literally (no escapes inside).
 * - `"..."` expands `$?`; a backslash escapes only `$`, `` ` ``, `"`, `\` and
 *   newline there, otherwise it stays.
 * - outside quotes a backslash quotes the next character; backslash-newline is
 *   removed (line continuation); a backslash at the very end stays as itself.
 * - `#` at the start of a word begins a comment up to the end of the line.
 * - A lone `$` (before a space, the end, or a character that cannot start a
 *   parameter) is literal, as in sh.
 * Unquoted glob characters (`*`, `?`, `[...]`), a leading `~` and bash brace
 * expansion (`{a,b}`, `{1..3}`) are rejected with a hint to quote them: a real
 * shell would expand them (`*.py` matches main.py), so passing them on
 * literally would teach the wrong thing.
 *
 * Everything else that has a meaning in sh (redirections, `&`, `(`, `$(...)`,
 * backticks, variables other than `$?`, `$'...'`) is rejected with a message.
 */

export type WordPart = { kind: 'text'; text: string; quoted: boolean } | { kind: 'status' };

export interface Word {
  parts: WordPart[];
  /** The word as written. */
  raw: string;
  /** Offsets in the line: [start, end). */
  start: number;
  end: number;
}

export type Operator = ';' | '&&' | '||' | '|';

export type Token =
  | ({ type: 'word' } & Word)
  | { type: 'op'; op: Operator; start: number; end: number };

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; problem: string };

/** Thrown inside the tokenizer, turned into a result at its edge. */
class Unsupported extends Error {}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAM = /[0-9@*#$!-]/;

/** Static text of a word: its value when it has no `$?` in it, else null. */
export function staticValue(word: Word): string | null {
  let text = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return null;
    text += part.text;
  }
  return text;
}

/** Whether any part of the word was quoted or escaped. */
export function isQuoted(word: Word): boolean {
  return word.parts.some((p) => p.kind === 'text' && p.quoted);
}

/** The word's value with `$?` expanded to `status`. */
export function expandWord(word: Word, status: number): string {
  return word.parts.map((p) => (p.kind === 'status' ? String(status) : p.text)).join('');
}

export function tokenize(line: string): TokenizeResult {
  try {
    return { ok: true, tokens: scan(line) };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, problem: e.message };
    throw e;
  }
}

/** Rejects the expansions sh would do on unquoted text that this shell does not. */
function checkExpansions(parts: WordPart[]): void {
  const first = parts[0];
  if (first?.kind === 'text' && !first.quoted && first.text.startsWith('~')) {
    throw new Unsupported("tilde expansion '~' is not supported here (quote it: '~')");
  }
  for (const part of parts) {
    if (part.kind !== 'text' || part.quoted) continue;
    const glob = /[*?]|\[.*\]/.exec(part.text);
    if (glob !== null) {
      throw new Unsupported(`file name patterns like '${part.text}' are not supported here (quote it: '${part.text}')`);
    }
    if (/\{[^{}]*(,|\.\.)[^{}]*\}/.test(part.text)) {
      throw new Unsupported(`brace expansion '${part.text}' is not supported here (quote it)`);
    }
  }
}

function scan(line: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] | null = null;
  let wordStart = 0;
  let i = 0;

  const addText = (text: string, quoted: boolean): void => {
    if (parts === null) {
      parts = [];
      wordStart = i;
    }
    const prev = parts[parts.length - 1];
    if (prev !== undefined && prev.kind === 'text' && prev.quoted === quoted) prev.text += text;
    else parts.push({ kind: 'text', text, quoted });
  };
  const startWord = (): WordPart[] => {
    if (parts === null) {
      parts = [];
      wordStart = i;
    }
    return parts;
  };
  const endWord = (): void => {
    if (parts !== null) {
      checkExpansions(parts);
      tokens.push({ type: 'word', parts, raw: line.slice(wordStart, i), start: wordStart, end: i });
      parts = null;
    }
  };
  const op = (o: Operator, len: number): void => {
    endWord();
    tokens.push({ type: 'op', op: o, start: i, end: i + len });
    i += len;
  };

  /** At a '$' (index i): handles `$?`, rejects other expansions, else a literal '$'. */
  const dollar = (quoted: boolean): void => {
    const next = line[i + 1];
    if (next === '?') {
      startWord().push({ kind: 'status' });
      i += 2;
      return;
    }
    if (next === '(') {
      throw new Unsupported(
        line[i + 2] === '(' ? "arithmetic '$((…))' is not supported here" : "command substitution '$(…)' is not supported here",
      );
    }
    if (next === '{') {
      const close = line.indexOf('}', i);
      const shown = close < 0 ? '${…}' : line.slice(i, close + 1);
      throw new Unsupported(`variable '${shown}' is not supported here (only $? is)`);
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < line.length && NAME_CHAR.test(line[j]!)) j++;
      throw new Unsupported(`variable '${line.slice(i, j)}' is not supported here (only $? is)`);
    }
    if (next !== undefined && SPECIAL_PARAM.test(next)) {
      throw new Unsupported(`special parameter '$${next}' is not supported here (only $? is)`);
    }
    if (!quoted && (next === "'" || next === '"')) {
      throw new Unsupported(`'$${next}…' quoting is not supported here`);
    }
    addText('$', quoted);
    i += 1;
  };

  while (i < line.length) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '\n') {
      op(';', 1);
    } else if (c === '#' && parts === null) {
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === ';') {
      if (next === ';') throw new Unsupported("syntax error near ';;'");
      op(';', 1);
    } else if (c === '&') {
      if (next === '&') op('&&', 2);
      else if (next === '>') throw new Unsupported("redirection '&>' is not supported here");
      else throw new Unsupported("background jobs ('&') are not supported here");
    } else if (c === '|') {
      if (next === '|') op('||', 2);
      else if (next === '&') throw new Unsupported("'|&' is not supported here (only | cat)");
      else op('|', 1);
    } else if (c === '>' || c === '<') {
      let shown = c;
      const w = parts as WordPart[] | null;
      if (w !== null && w.length === 1 && w[0]!.kind === 'text' && !w[0]!.quoted && /^[0-9]+$/.test(w[0]!.text)) {
        shown = w[0]!.text + c;
      }
      if (next === '>' || next === '&' || next === '|' || (c === '<' && next === '<')) shown += next;
      if (c === '<' && next === '(') throw new Unsupported("process substitution '<(…)' is not supported here");
      throw new Unsupported(`redirection '${shown}' is not supported here`);
    } else if (c === '(' || c === ')') {
      throw new Unsupported("subshells and grouping '( … )' are not supported here");
    } else if (c === '`') {
      throw new Unsupported("command substitution '`…`' is not supported here");
    } else if (c === '$') {
      dollar(false);
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Unsupported('unterminated single quote');
      startWord();
      addText(line.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      startWord();
      addText('', true); // "" is an (empty) word of its own
      i++;
      for (;;) {
        if (i >= line.length) throw new Unsupported('unterminated double quote');
        const d = line[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const e = line[i + 1];
          if (e === '\n') i += 2;
          else if (e === '$' || e === '`' || e === '"' || e === '\\') {
            addText(e, true);
            i += 2;
          } else {
            addText('\\', true);
            i++;
          }
        } else if (d === '$') {
          dollar(true);
        } else if (d === '`') {
          throw new Unsupported("command substitution '`…`' is not supported here");
        } else {
          addText(d, true);
          i++;
        }
      }
    } else if (c === '\\') {
      if (next === '\n') {
        i += 2;
      } else if (next === undefined) {
        addText('\\', false);
        i++;
      } else {
        startWord();
        addText(next, true);
        i += 2;
      }
    } else {
      addText(c, false);
      i++;
    }
  }
  endWord();
  return tokens;
}
