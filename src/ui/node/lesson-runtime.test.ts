import { describe, expect, it } from 'vitest';
import { commandRunsNode, editorLanguageFor } from './lesson-runtime';

describe('editorLanguageFor', () => {
  it('follows the lesson when one is open', () => {
    expect(editorLanguageFor('node', 'python main.py')).toBe('javascript');
    expect(editorLanguageFor('python', 'node main.js')).toBe('python');
  });

  it('falls back to the command line, then the file name', () => {
    expect(editorLanguageFor(null, 'node main.js')).toBe('javascript');
    expect(editorLanguageFor(null, 'python main.py')).toBe('python');
    expect(editorLanguageFor(null, 'python main.py', 'main.js')).toBe('javascript');
  });

  it('finds node anywhere a command starts', () => {
    expect(commandRunsNode('node main.js 3; echo $?')).toBe(true);
    expect(commandRunsNode('echo hi && node main.js')).toBe(true);
    expect(commandRunsNode('timeout -k 2 5 node main.js')).toBe(true);
    expect(commandRunsNode('python main.py node')).toBe(false);
    expect(commandRunsNode('python nodes.py')).toBe(false);
    expect(commandRunsNode('echo node')).toBe(false);
  });
});
