/**
 * Imports only look down (no exceptions): `src/ui` (React) may use everything; nothing else imports `src/ui`;
 * the engine imports none of the layers above it or beside it, and only src/ui (with the entries,
 * src/main.tsx and src/embed.tsx) imports React. Each import of every source file is resolved and checked.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

/**
 * Which layers each top-level folder of src/ may not import. From the top: ui -> store ->
 * run -> engine and shell; lessons, links, terminal and hosts beside them.
 */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['ui', 'store', 'run', 'hosts', 'lessons', 'links', 'terminal', 'shell'],
  shell: ['ui', 'store', 'run', 'hosts', 'lessons', 'links', 'terminal'],
  run: ['ui', 'store'],
  store: ['ui'],
  lessons: ['ui', 'store'],
  links: ['ui', 'store', 'engine', 'run'],
  terminal: ['ui', 'store', 'run'],
  hosts: ['ui', 'store'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every relative module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

/** Whether a file makes a zustand store (imports `create` or `createStore` from zustand). */
function makesStore(text: string): boolean {
  return /\bimport\s*\{[^}]*\bcreate(Store)?\b[^}]*\}\s*from\s*['"]zustand(\/vanilla)?['"]/.test(text);
}

/** Whether a file imports React or React DOM (any entry point of either). */
function importsReact(text: string): boolean {
  return /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]react(-dom)?(\/[^'"]*)?['"]/.test(text);
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file).split('\\').join('/');
    const layer = from.split('/')[0]!;
    const forbidden = FORBIDDEN[layer];
    if (!forbidden) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = relative(SRC, resolve(dirname(file), spec)).split('\\').join('/');
      if (target.startsWith('..')) continue;
      if (forbidden.includes(target.split('/')[0]!)) out.push(`${from} -> ${target.replace(/\.(ts|tsx)$/, '')}`);
    }
  }
  return out.sort();
}

describe('layers', () => {
  it('no import runs upward', () => {
    expect(violations()).toEqual([]);
  });

  it('only src/ui and the entry import React', () => {
    const react = sourceFiles(SRC)
      .map((file) => relative(SRC, file).split('\\').join('/'))
      // This file names React imports only as samples for the check below.
      .filter((from) => !from.startsWith('ui/') && from !== 'main.tsx' && from !== 'embed.tsx' && from !== 'layers.test.ts')
      .filter((from) => importsReact(readFileSync(join(SRC, from), 'utf8')));
    expect(react).toEqual([]);
  });

  it('every zustand store lives in src/store', () => {
    const stores = sourceFiles(SRC)
      .map((file) => relative(SRC, file).split('\\').join('/'))
      .filter((from) => !from.startsWith('store/') && from !== 'layers.test.ts')
      .filter((from) => makesStore(readFileSync(join(SRC, from), 'utf8')));
    expect(stores).toEqual([]);
  });

  it('sees a React import in each of its forms, and not a name that only starts with react', () => {
    expect(importsReact("import { useState } from 'react';")).toBe(true);
    expect(importsReact("import { createRoot } from 'react-dom/client';")).toBe(true);
    expect(importsReact("const r = import('react');")).toBe(true);
    expect(importsReact("import 'react';")).toBe(true);
    expect(importsReact("import { x } from 'react-markdown';")).toBe(false);
    expect(importsReact("import { create } from 'zustand';")).toBe(false);
  });

  it('sees a store being made, and not a hook that only reads one', () => {
    expect(makesStore("import { create } from 'zustand';")).toBe(true);
    expect(makesStore("import { createStore } from 'zustand/vanilla';")).toBe(true);
    expect(makesStore("import { useShallow } from 'zustand/react/shallow';")).toBe(false);
  });

  it('finds an upward import when there is one', () => {
    expect(specifiers("import type { A } from '../ui/a';\nexport { b } from './b';\nconst c = import('../ui/c');")).toEqual([
      '../ui/a',
      './b',
      '../ui/c',
    ]);
  });
});
