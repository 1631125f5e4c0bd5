import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { installHttpApi } from './api/http';
import { hideIconNames } from './a11y';
import { Root } from './App';
import './styles.css';

// The CSP forbids eval: keep zod (pulled in by the shared contract) off its JIT path.
z.config({ jitless: true });
dayjs.locale('vi');
installHttpApi();
hideIconNames();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
