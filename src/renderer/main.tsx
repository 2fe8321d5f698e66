// Stylesheets first: tokens, then the global base, then shared pieces, so that feature styles
// (imported by their components through App) come later in the cascade.
import './theme/tokens.css';
import './app.css';
import './common/common.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
