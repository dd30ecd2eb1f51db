import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import 'flag-icons/css/flag-icons.min.css';
import '../../resources/fonts/fonts.css';
import './app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AuthGate } from './auth/AuthGate';
import { RecoveryGate } from './recovery/RecoveryGate';
import { router } from './router';
import { setupI18n } from './i18n';
import { ThemeRoot } from './ThemeRoot';

setupI18n();
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ThemeRoot>
        <RecoveryGate>
          <AuthGate>
            <RouterProvider router={router} />
          </AuthGate>
        </RecoveryGate>
      </ThemeRoot>
    </QueryClientProvider>
  </StrictMode>,
);
