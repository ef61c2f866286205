/**
 * Share slice: the link the Share button made and what became of copying it (copied, to be
 * selected by hand, or too long for a link), until the panel is closed.
 */
import { create } from 'zustand';

export type ShareStatus = 'copied' | 'select' | 'too-long' | null;

export interface ShareState {
  link: string | null;
  status: ShareStatus;
  shown(link: string | null, status: ShareStatus): void;
  close(): void;
}

export const useShareStore = create<ShareState>()((set) => ({
  link: null,
  status: null,
  shown: (link, status) => set({ link, status }),
  close: () => set({ link: null, status: null }),
}));
