// first: zod's setting for the CSP, before any schema is built (see the module)
import './api/zod-jitless';
import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installHttpApi } from './api/http';
import { hideIconNames } from './a11y';
import { queryClient, Root } from './App';
import { prefetchFirstScreen } from './state/boot';
// antd's styles of the first screens, written ahead of time (scripts/antd-styles.tsx), before the app's own
import './antd-static.css';
import './styles.css';

dayjs.locale('vi');
installHttpApi();
hideIconNames();

// the first screen's answers asked for before the first render (window.api is there from here on)
void prefetchFirstScreen(queryClient).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
);
