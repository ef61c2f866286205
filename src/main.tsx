import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { applyScheme } from './ui/scheme';
import { createAppServices, provideServices } from './ui/services';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// The engine starts here, at the entry, not when some module is imported.
provideServices(createAppServices());
applyScheme();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
