/** Renderer entry: theme first (no flash), then the host client, the store, and React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from './app/app-store';
import { ServicesContext } from './app/context';
import { applyTheme, storedTheme } from './app/theme';
import { selectHostClient } from './client/select-client';
import { animationFrameScheduler } from './state/raf-scheduler';
import { App } from './views/app';
import './styles/theme.css';
import './styles/shell.css';
import './styles/blocks.css';
import './styles/system.css';
import './styles/cores.css';
import './styles/timeline.css';

applyTheme(storedTheme());
const client = selectHostClient();
const store = createAppStore(client, animationFrameScheduler);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ServicesContext.Provider value={{ client, store }}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
