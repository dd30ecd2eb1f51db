import { createHashRouter, Navigate } from 'react-router-dom';
import { Shell } from './Shell';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { HandoverDetailPage } from './pages/HandoverDetailPage';
import { HandoverFormPage } from './pages/HandoverFormPage';
import { HandoverListPage } from './pages/HandoverListPage';
import { ImportPage } from './pages/ImportPage';
import { SettingsPage } from './pages/SettingsPage';
import { TotalsPage } from './pages/TotalsPage';
import { UsersPage } from './pages/UsersPage';
import { VerifyPage } from './pages/VerifyPage';

/** Hash routes, so the same build works from file:// in the desktop app and over HTTP in browser mode. */
export const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/handovers" replace /> },
      { path: 'handovers', element: <HandoverListPage /> },
      { path: 'handovers/new', element: <HandoverFormPage /> },
      { path: 'handovers/:id', element: <HandoverDetailPage /> },
      { path: 'handovers/:id/edit', element: <HandoverFormPage /> },
      { path: 'handovers/:id/amend', element: <HandoverFormPage amend /> },
      { path: 'totals', element: <TotalsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'settings/audit', element: <AuditPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'verify', element: <VerifyPage /> },
    ],
  },
]);
