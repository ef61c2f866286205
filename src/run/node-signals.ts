/**
 * What the page says after a signal button or Stop was used on a Node.js job in the
 * WebContainer, which cannot send a signal by name: how the signal was delivered instead.
 */
import type { SignalDelivery } from '../hosts/webcontainer/runtime';

export function signalNoteFor(signal: string, delivery: SignalDelivery): string {
  switch (delivery) {
    case 'ctrl-c':
      return `${signal}: Ctrl+C was typed into the WebContainer's terminal, the closest it allows; it cannot send a signal by name.`;
    case 'kill':
      return `${signal}: the process was stopped with the WebContainer's kill(), which does not say which signal it sends.`;
    default:
      return `The WebContainer cannot send ${signal} to a running program: only Ctrl+C (SIGINT) and Stop reach it.`;
  }
}
