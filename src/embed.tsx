import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootInTurn } from './hosts/browser/boot-turn';
import { createBrowserEngine } from './hosts/browser/engine';
import { useDiskStore } from './store/disk';
import { EmbedApp } from './ui/embed/EmbedApp';
import { applyScheme } from './ui/scheme';
import { createAppServices, provideServices } from './ui/services';
import './styles/app.css';
import './styles/embed.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from embed.html');
// An embed keeps its files in memory: snippets share nothing with each other or the playground.
useDiskStore.setState({ persist: false });
// Python boots in turn with the other snippets of the page (see boot-turn.ts).
provideServices(createAppServices(createBrowserEngine({ bootWhen: bootInTurn })));
applyScheme();
createRoot(root).render(
  <StrictMode>
    <EmbedApp />
  </StrictMode>,
);
