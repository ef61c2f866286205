import { describe, expect, it } from 'vitest';
import type { CommandList, PythonCommand, TimeoutCommand } from './ast';
import { parseCommandLine, parseDuration, parseSignalOperand, SUPPORTED_SUMMARY } from './parse';
import { expandWord, staticValue, tokenize, type Token } from './tokenize';

function words(line: string, status = 0): (string | { op: string })[] {
  const r = tokenize(line);
  if (!r.ok) throw new Error(r.problem);
  return r.tokens.map((t: Token) => (t.type === 'op' ? { op: t.op } : expandWord(t, status)));
}

function problem(line: string): string {
  const r = tokenize(line);
  if (r.ok) throw new Error(`expected a problem for ${line}`);
  return r.problem;
}

function ast(line: string): CommandList {
  const r = parseCommandLine(line);
  if (!r.ok) throw new Error(r.error);
  return r.ast;
}

function error(line: string): string {
  const r = parseCommandLine(line);
  if (r.ok) throw new Error(`expected an error for ${line}`);
  return r.error;
}

function only(line: string) {
  const a = ast(line);
  expect(a.items).toHaveLength(1);
  const item = a.items[0]!;
  expect(item.rest).toHaveLength(0);
  return item.first;
}

function timeoutOf(line: string): TimeoutCommand {
  const c = only(line).command;
  if (c.kind !== 'timeout') throw new Error('not timeout');
  return c;
}

describe('tokenizer: words and quoting', () => {
  it('splits on blanks', () => {
    expect(words('python   main.py\ta  b')).toEqual(['python', 'main.py', 'a', 'b']);
    expect(words('')).toEqual([]);
    expect(words('   ')).toEqual([]);
  });

  it('keeps single quotes literal', () => {
    expect(words(`echo 'a b $? \\ " #'`)).toEqual(['echo', 'a b $? \\ " #']);
  });

  it('expands $? in double quotes and honours their escapes', () => {
    expect(words('echo "status: $?"', 3)).toEqual(['echo', 'status: 3']);
    expect(words('echo "\\$?"', 3)).toEqual(['echo', '$?']);
    expect(words('echo "a\\b"')).toEqual(['echo', 'a\\b']);
    expect(words('echo "\\\\" "\\"" "it\'s"')).toEqual(['echo', '\\', '"', "it's"]);
    expect(words('echo "a$"')).toEqual(['echo', 'a$']);
  });

  it('handles backslashes outside quotes', () => {
    expect(words('echo a\\ b \\$\\? \\\' \\"')).toEqual(['echo', 'a b', '$?', "'", '"']);
    // `\$?` leaves an unquoted `?`: a file name pattern in sh.
    expect(problem('echo \\$?')).toMatch(/file name patterns/);
    expect(words('echo a\\\nb')).toEqual(['echo', 'ab']);
    expect(words('echo a\\')).toEqual(['echo', 'a\\']);
    expect(words('echo \\;')).toEqual(['echo', ';']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(words(`echo a"b c"'d e'f$?`, 7)).toEqual(['echo', 'ab cd ef7']);
  });

  it('keeps empty quoted words', () => {
    expect(words(`echo "" '' x`)).toEqual(['echo', '', '', 'x']);
  });

  it('keeps $ literal when nothing follows it that sh would expand', () => {
    expect(words('echo $ a$ $% $.')).toEqual(['echo', '$', 'a$', '$%', '$.']);
  });

  it('treats # as a comment only at the start of a word', () => {
    expect(words('echo a#b # c d')).toEqual(['echo', 'a#b']);
    expect(words('echo "#x"')).toEqual(['echo', '#x']);
  });

  it('rejects unquoted globs, ~ and brace expansion, which a real shell would expand', () => {
    expect(problem('python main.py *.py')).toMatch(/file name patterns like '\*\.py'.*quote it/);
    expect(problem('echo done?')).toMatch(/file name patterns like 'done\?'/);
    expect(problem('echo [ab]')).toMatch(/file name patterns/);
    expect(problem('echo ~')).toMatch(/tilde/);
    expect(problem('echo ~/x')).toMatch(/tilde/);
    expect(problem('echo {a,b}')).toMatch(/brace expansion/);
    expect(problem('echo {1..3}')).toMatch(/brace expansion/);
  });

  it('accepts the same characters quoted, or where sh leaves them alone', () => {
    expect(words(`echo '*.py' "a?" \\[x] "~" '{a,b}' a~b { } [ x] a=b`)).toEqual([
      'echo', '*.py', 'a?', '[x]', '~', '{a,b}', 'a~b', '{', '}', '[', 'x]', 'a=b',
    ]);
  });

  it('recognises operators with or without spaces', () => {
    expect(words('true&&false||echo x;echo y|cat')).toEqual([
      'true', { op: '&&' }, 'false', { op: '||' }, 'echo', 'x', { op: ';' }, 'echo', 'y', { op: '|' }, 'cat',
    ]);
    expect(words('a\nb')).toEqual(['a', { op: ';' }, 'b']);
  });

  it('records source offsets and quoting', () => {
    const r = tokenize(`echo  'a'b`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.tokens[1]!;
    expect(w).toMatchObject({ type: 'word', raw: `'a'b`, start: 6, end: 10 });
    if (w.type === 'word') expect(staticValue(w)).toBe('ab');
  });

  it('rejects what it does not support, naming it', () => {
    expect(problem(`echo 'abc`)).toMatch(/unterminated single quote/);
    expect(problem(`echo "abc`)).toMatch(/unterminated double quote/);
    expect(problem('echo $HOME')).toMatch(/variable '\$HOME'.*only \$\? is/);
    expect(problem('echo "$HOME"')).toMatch(/variable '\$HOME'/);
    expect(problem('echo ${x}')).toMatch(/variable '\$\{x\}'/);
    expect(problem('echo $(ls)')).toMatch(/command substitution '\$\(…\)'/);
    expect(problem('echo "$(ls)"')).toMatch(/command substitution/);
    expect(problem('echo $((1+2))')).toMatch(/arithmetic/);
    expect(problem('echo `ls`')).toMatch(/command substitution '`…`'/);
    expect(problem('echo "`ls`"')).toMatch(/command substitution/);
    expect(problem('echo $1')).toMatch(/special parameter '\$1'/);
    expect(problem('echo $$')).toMatch(/special parameter '\$\$'/);
    expect(problem(`echo $'a'`)).toMatch(/quoting/);
    expect(problem('python main.py > out.txt')).toMatch(/redirection '>'/);
    expect(problem('python main.py >> out.txt')).toMatch(/redirection '>>'/);
    expect(problem('python main.py 2>&1')).toMatch(/redirection '2>&'/);
    expect(problem('python main.py < in.txt')).toMatch(/redirection '<'/);
    expect(problem('python main.py &> x')).toMatch(/redirection '&>'/);
    expect(problem('python main.py &')).toMatch(/background/);
    expect(problem('(python main.py)')).toMatch(/subshell/);
    expect(problem('python main.py |& cat')).toMatch(/\|&/);
    expect(problem('true;; false')).toMatch(/;;/);
  });
});

describe('parser: commands', () => {
  it('parses python with arguments', () => {
    const c = only(`python main.py a 'b c' "$?"`).command as PythonCommand;
    expect(c.kind).toBe('python');
    expect(c.program).toBe('python');
    expect(c.file).toBe('main.py');
    expect(c.args.map((w) => expandWord(w, 5))).toEqual(['a', 'b c', '5']);
    expect(only('python3 other.py').command).toMatchObject({ kind: 'python', program: 'python3', file: 'other.py' });
    expect(only(`'python' "main.py"`).command).toMatchObject({ kind: 'python', file: 'main.py' });
  });

  it('allows arguments that look like options after the script', () => {
    const c = only('python main.py -v --x=1').command as PythonCommand;
    expect(c.args.map((w) => expandWord(w, 0))).toEqual(['-v', '--x=1']);
  });

  it('parses pipes into cat', () => {
    const p = only('python main.py | cat');
    expect(p.command.kind).toBe('python');
    expect(p.cats).toHaveLength(1);
    expect(only('python main.py|cat|cat').cats).toHaveLength(2);
    expect(only(`python main.py | 'cat'`).cats).toHaveLength(1);
    expect(only('echo hi | cat').cats).toHaveLength(1);
  });

  it('parses echo, true and false', () => {
    expect(only('echo a b').command.kind).toBe('echo');
    expect(only('true').command.kind).toBe('true');
    expect(only('false x').command.kind).toBe('false');
  });

  it('accepts the empty line, comments only and a trailing ;', () => {
    expect(ast('').items).toEqual([]);
    expect(ast('  # just a comment').items).toEqual([]);
    expect(ast('true;').items).toHaveLength(1);
  });

  it('groups && and || to the left with equal precedence, ; loosest', () => {
    const a = ast('true && false || echo x; echo y && echo z');
    expect(a.items).toHaveLength(2);
    const [first, second] = a.items;
    expect(first!.first.command.kind).toBe('true');
    expect(first!.rest.map((r) => [r.op, r.pipeline.command.kind])).toEqual([
      ['&&', 'false'],
      ['||', 'echo'],
    ]);
    expect(second!.rest.map((r) => r.op)).toEqual(['&&']);
  });

  it('parses timeout and its options (GNU getopt style)', () => {
    expect(timeoutOf('timeout 5 python main.py a')).toMatchObject({
      signal: 'SIGTERM', killAfterSeconds: 0, preserveStatus: false, foreground: false, verbose: false, usageError: null,
    });
    const t = timeoutOf('timeout 5 python main.py a');
    expect(expandWord(t.duration!, 0)).toBe('5');
    expect(t.command?.args.map((w) => expandWord(w, 0))).toEqual(['a']);
    expect(timeoutOf('timeout -s KILL 5 python main.py').signal).toBe('SIGKILL');
    expect(timeoutOf('timeout -sINT 5 python main.py').signal).toBe('SIGINT');
    expect(timeoutOf('timeout --signal=HUP 5 python main.py').signal).toBe('SIGHUP');
    expect(timeoutOf('timeout --signal USR1 5 python main.py').signal).toBe('SIGUSR1');
    expect(timeoutOf('timeout --sig=sigusr2 5 python main.py').signal).toBe('SIGUSR2');
    expect(timeoutOf('timeout -s 15 5 python main.py').signal).toBe('SIGTERM');
    expect(timeoutOf('timeout -s 9 5 python main.py').signal).toBe('SIGKILL');
    expect(timeoutOf('timeout -s SIGTERM 5 python main.py').signal).toBe('SIGTERM');
    expect(timeoutOf('timeout -k 2 5 python main.py').killAfterSeconds).toBe(2);
    expect(timeoutOf('timeout -k2 5 python main.py').killAfterSeconds).toBe(2);
    expect(timeoutOf('timeout --kill-after=1.5 5 python main.py').killAfterSeconds).toBe(1.5);
    expect(timeoutOf('timeout --kill-after 1m 5 python main.py').killAfterSeconds).toBe(60);
    expect(timeoutOf('timeout --preserve-status 5 python main.py').preserveStatus).toBe(true);
    expect(timeoutOf('timeout --pres 5 python main.py').preserveStatus).toBe(true);
    expect(timeoutOf('timeout --foreground 5 python main.py').foreground).toBe(true);
    expect(timeoutOf('timeout -v 5 python main.py').verbose).toBe(true);
    expect(timeoutOf('timeout -vk 3 -s KILL 5 python main.py')).toMatchObject({
      verbose: true, killAfterSeconds: 3, signal: 'SIGKILL',
    });
    expect(timeoutOf('timeout -- 5 python main.py').command?.file).toBe('main.py');
    expect(only('timeout 5 python main.py | cat').cats).toHaveLength(1);
  });

  it('keeps timeout usage errors for run time (status 125, like GNU)', () => {
    expect(timeoutOf('timeout -s FOO 5 python main.py').usageError).toBe('timeout: ‘FOO’: invalid signal');
    expect(timeoutOf('timeout -x 5 python main.py').usageError).toBe("timeout: invalid option -- 'x'");
    expect(timeoutOf('timeout --bogus 5 python main.py').usageError).toBe("timeout: unrecognized option '--bogus'");
    expect(timeoutOf('timeout --v 5 python main.py').usageError).toMatch(/ambiguous/);
    expect(timeoutOf('timeout -k abc 5 python main.py').usageError).toBe('timeout: invalid time interval ‘abc’');
    expect(timeoutOf('timeout --verbose=1 5 python main.py').usageError).toMatch(/doesn't allow an argument/);
    expect(timeoutOf('timeout -s').usageError).toBe("timeout: option requires an argument -- 's'");
    expect(timeoutOf('timeout --signal').usageError).toMatch(/requires an argument/);
    expect(timeoutOf('timeout').usageError).toBe('');
    expect(timeoutOf('timeout 5').usageError).toBe('');
    // DURATION is checked when the command runs.
    expect(timeoutOf('timeout 5x python main.py').usageError).toBe(null);
  });
});

describe('parser: errors', () => {
  const cases: [string, RegExp][] = [
    ['ls', /'ls' is not supported here/],
    ['ls -l && python main.py', /'ls' is not supported here/],
    ['python main.py && rm -rf x', /'rm' is not supported here/],
    ['cat', /'cat' only works at the end of a pipe/],
    ['python main.py | grep x', /a pipe can only go into 'cat' \(with no arguments\), not 'grep x'/],
    ['python main.py | cat -n', /a pipe can only go into 'cat'.*'cat -n'/],
    ['python main.py | less', /'less'/],
    ['python', /needs a script/],
    ['python3', /needs a script/],
    ['python -u main.py', /python options like '-u'/],
    ['python -c "print(1)"', /python options like '-c'/],
    ['python main.txt', /'main.txt' is not a Python script/],
    ['python $?', /must be written out/],
    ['X=1 python main.py', /variable assignments like 'X=1'/],
    ['PYTHONUNBUFFERED=1 python main.py', /variable assignments/],
    ['! python main.py', /negating/],
    ['$? x', /cannot be run as a command/],
    ['exit 3', /'exit' is not supported/],
    ['| cat', /syntax error near '\|'/],
    ['&& true', /syntax error near '&&'/],
    ['; true', /syntax error near ';'/],
    ['true &&', /'&&' needs a command after it/],
    ['true ||', /'\|\|' needs a command after it/],
    ['python main.py |', /'\|' needs a command after it/],
    ['true; ; false', /syntax error near ';'/],
    ['true && && false', /syntax error near '&&'/],
    ['timeout 5 ls', /timeout can only run python here, not 'ls'/],
    ['timeout 5 echo hi', /timeout can only run python/],
    ['timeout 5 timeout 3 python main.py', /timeout inside timeout/],
    ['timeout -s QUIT 5 python main.py', /timeout signal 'QUIT' is not supported here — use HUP, INT, KILL, USR1, USR2, ALRM or TERM/],
    ['timeout -s STOP 5 python main.py', /signal 'STOP' is not supported/],
    ['timeout -s 3 5 python main.py', /signal '3' is not supported/],
    ['timeout --help', /not available here/],
    ['if true; then echo x; fi', /'if' is not supported/],
    ['python main.py > log', /redirection '>' is not supported here/],
  ];
  for (const [line, re] of cases) {
    it(`rejects ${JSON.stringify(line)}`, () => {
      const e = error(line);
      expect(e).toMatch(re);
      expect(e.startsWith('exitlab shell: ')).toBe(true);
      expect(e).not.toContain('\n');
    });
  }

  it('names what is supported', () => {
    expect(error('ls')).toBe(`exitlab shell: 'ls' is not supported here — ${SUPPORTED_SUMMARY}`);
    for (const piece of ['python main.py [ARGS]', '| cat', ';', '&&', '||', 'echo', 'timeout']) {
      expect(SUPPORTED_SUMMARY).toContain(piece);
    }
  });
});

describe('parseDuration (GNU timeout)', () => {
  it('reads numbers with optional suffixes', () => {
    expect(parseDuration('5')).toBe(5);
    expect(parseDuration('1.5')).toBe(1.5);
    expect(parseDuration('.5s')).toBe(0.5);
    expect(parseDuration('2.')).toBe(2);
    expect(parseDuration('2m')).toBe(120);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('1d')).toBe(86400);
    expect(parseDuration('1e1')).toBe(10);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('+3')).toBe(3);
    expect(parseDuration('inf')).toBe(Infinity);
  });
  it('rejects what GNU rejects', () => {
    for (const bad of ['', '5x', '5ms', '-1', 'abc', '1 s', '5S', 'nan', '.', 's']) {
      expect(parseDuration(bad), bad).toBeNull();
    }
  });
});

describe('parseSignalOperand (GNU operand2sig)', () => {
  it('accepts names, SIG names, any case, numbers and 128+N', () => {
    expect(parseSignalOperand('TERM')).toBe('SIGTERM');
    expect(parseSignalOperand('SIGTERM')).toBe('SIGTERM');
    expect(parseSignalOperand('term')).toBe('SIGTERM');
    expect(parseSignalOperand('15')).toBe('SIGTERM');
    expect(parseSignalOperand('143')).toBe('SIGTERM');
    expect(parseSignalOperand('INT')).toBe('SIGINT');
    expect(parseSignalOperand('KILL')).toBe('SIGKILL');
    expect(parseSignalOperand('HUP')).toBe('SIGHUP');
    expect(parseSignalOperand('USR1')).toBe('SIGUSR1');
    expect(parseSignalOperand('USR2')).toBe('SIGUSR2');
    expect(parseSignalOperand('ALRM')).toBe('SIGALRM');
  });
  it('tells real-but-unsupported signals from invalid ones', () => {
    expect(parseSignalOperand('QUIT')).toBe('unsupported');
    expect(parseSignalOperand('SIGCONT')).toBe('unsupported');
    expect(parseSignalOperand('0')).toBe('unsupported');
    expect(parseSignalOperand('RTMIN+1')).toBe('unsupported');
    expect(parseSignalOperand('FOO')).toBe('invalid');
    expect(parseSignalOperand('SIG')).toBe('invalid');
    expect(parseSignalOperand('15x')).toBe('invalid');
    expect(parseSignalOperand('99')).toBe('invalid');
  });
});
